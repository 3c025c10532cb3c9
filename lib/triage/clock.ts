/**
 * The server's clock as this browser best knows it (DESIGN.md, "The two clocks, on the server's time"):
 * due times are the server's, so "how long is left" is counted from the local time corrected by the
 * offset the sync measured. Every caller that shows or acts on a clock takes `now` from here.
 */
export function serverNow(offsetMs: number, local: number = Date.now()): Date {
  return new Date(local + offsetMs);
}

/**
 * The server-clock offset (server minus local, in ms) from the background's sync status: the one place
 * that reads it. The sync reports it as `clockOffsetMs` once it measures it (from the push and pull
 * answers' serverTime); until then, 0.
 */
export function clockOffsetOf(status: object | null | undefined): number {
  const offset = (status as { clockOffsetMs?: unknown } | null | undefined)?.clockOffsetMs;
  return typeof offset === 'number' && Number.isFinite(offset) ? offset : 0;
}
