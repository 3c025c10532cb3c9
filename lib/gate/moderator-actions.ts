/**
 * Which post actions are the moderator's own. The browser marks events from real input `isTrusted`; the
 * site's scripts can dispatch clicks and keys too, and such a synthetic post must neither be released by
 * the gate nor recorded as a reply. The one synthetic post action that is the moderator's is the gate
 * releasing a post it held (after its checks or an override): it replays it inside
 * `replayModeratorAction`, synchronously, so its own listeners let it through.
 */
let replaying = 0;

export function replayModeratorAction(action: () => void): void {
  replaying++;
  try {
    action();
  } finally {
    replaying--;
  }
}

/** True while the gate replays a post action it held. */
export function isReplayingModeratorAction(): boolean {
  return replaying > 0;
}

export function isModeratorAction(event: Event): boolean {
  return event.isTrusted || replaying > 0;
}
