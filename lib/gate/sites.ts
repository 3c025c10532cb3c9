import type { PlatformId } from '../contract/item';
import { editableRoot } from '../editor/dom';
import { sendButtonAt, sendButtonOf } from '../platforms/facebook/actions';
import { facebookSelectors } from '../platforms/facebook/selectors';
import { xSelectors } from '../platforms/x/selectors';

/** Where each site's composers, their containers and post actions are (see the platforms' selectors.ts). */
export interface PostSite {
  /** The editors to check. */
  composer: string;
  /** The composer's container: the guard panel goes right after it, never inside the editor. */
  container: string;
  /** The post button an event at `target` is on (X's post buttons, Facebook's send arrow), if any. */
  postButtonAt(target: Element): HTMLElement | null;
  /** The post button of a composer, to post it after an override or a late check. */
  postButtonOf(composer: Element): HTMLElement | null;
}

export const postSites: Record<PlatformId, PostSite> = {
  x: {
    composer: xSelectors.composer,
    container: xSelectors.composerContainer,
    postButtonAt: (target) => target.closest<HTMLElement>(xSelectors.postButtonAny),
    postButtonOf: (composer) => nearestAround(composer, xSelectors.postButtonAny),
  },
  facebook: {
    composer: facebookSelectors.composer,
    container: facebookSelectors.composerForm,
    postButtonAt: sendButtonAt,
    postButtonOf: sendButtonOf,
  },
};

/** The composer an event target is typing in, if it is one of the site's composers. */
export function composerOf(site: PostSite, target: EventTarget | null): HTMLElement | null {
  const root = editableRoot(target instanceof Element ? target : null);
  return root?.matches(site.composer) ? root : null;
}

/** The nearest ancestor of `from` that holds an element matching `selector` (a composer and its post button share one). */
function nearestAround(from: Element, selector: string): HTMLElement | null {
  for (let scope = from.parentElement; scope; scope = scope.parentElement) {
    const found = scope.querySelector<HTMLElement>(selector);
    if (found) return found;
  }
  return null;
}

/** The composer a post button posts. */
export function composerForButton(site: PostSite, button: Element): HTMLElement | null {
  return nearestAround(button, site.composer);
}

/**
 * Whether a keydown is the site's keyboard post: Ctrl/Cmd+Enter on X; Enter without Shift on Facebook,
 * except while an input method is composing (Enter then confirms the composition).
 */
export function isPostKey(platform: PlatformId, event: KeyboardEvent): boolean {
  if (event.key !== 'Enter') return false;
  if (platform === 'x') return event.ctrlKey || event.metaKey;
  return !event.shiftKey && !event.isComposing && event.keyCode !== 229;
}
