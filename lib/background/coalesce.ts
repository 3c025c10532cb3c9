/**
 * Runs `run` once things quieten down: `quietMs` after the last trigger, and at most `maxWaitMs` after the
 * first one of a spell (a moderator who never stops scrolling still gets their comments pushed).
 */
export function coalesce(run: () => void, { quietMs, maxWaitMs }: { quietMs: number; maxWaitMs: number }): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let since: number | null = null;
  return () => {
    const now = Date.now();
    since ??= now;
    if (timer) clearTimeout(timer);
    timer = setTimeout(
      () => {
        timer = null;
        since = null;
        run();
      },
      Math.max(0, Math.min(quietMs, since + maxWaitMs - now)),
    );
  };
}
