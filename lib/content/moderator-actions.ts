/**
 * Which post actions are the moderator's own. The browser marks events from real input `isTrusted`; the
 * site's scripts can dispatch clicks and keys too, and a synthetic click on Post followed by clearing the
 * composer must not record a reply nobody posted. The one synthetic post action that is the moderator's
 * is the guideline guard releasing a post it held back (after the check or an override): it replays it
 * inside `replayModeratorAction`, synchronously, so the listeners it reaches know it for ours.
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

/** True while the guard replays a post action it held back. */
export function isReplayingModeratorAction(): boolean {
  return replaying > 0;
}

export function isModeratorAction(event: Event): boolean {
  return event.isTrusted || replaying > 0;
}
