import type { RefObject } from 'preact';
import { useLayoutEffect } from 'preact/hooks';

/** Margin kept between the popover and the window's edges. */
const EDGE = 4;

/**
 * Shows `ref`'s element in the top layer (Popover API) just below `anchor` (a toolbar under the comment it
 * belongs to), so it never covers that comment: when the window has too little room below, the page is
 * scrolled once, as it opens, to make room. Its top edge depends only on the anchor, so it stays put while
 * its content shrinks or grows (a picker's list narrowing as the moderator types); it follows scrolls.
 * Top layer, because X stacks each timeline cell in its own stacking context and anything drawn inside one
 * is covered by the next. A pointerdown that reaches the document closes it: our hosts stop the events from
 * inside them, so any that arrives came from outside. Returns `place`, to call when its size changes.
 */
export function useAnchoredPopover(ref: RefObject<HTMLElement>, anchor: HTMLElement | null, onOutside: () => void): () => void {
  const place = () => {
    const element = ref.current;
    const rect = anchor?.getBoundingClientRect();
    if (!element || !rect) return;
    const top = rect.bottom + 2;
    element.style.top = `${Math.round(top)}px`;
    element.style.left = `${Math.round(Math.max(EDGE, Math.min(rect.left, innerWidth - element.offsetWidth - EDGE)))}px`;
  };
  const makeRoom = () => {
    const element = ref.current;
    const rect = anchor?.getBoundingClientRect();
    if (!element || !rect) return;
    const missing = rect.bottom + 2 + element.offsetHeight + EDGE - innerHeight;
    // Never so far that the anchor itself leaves the window.
    if (missing > 0) scrollBy({ top: Math.min(missing, Math.max(0, rect.top - EDGE)), behavior: 'instant' });
  };
  useLayoutEffect(() => {
    ref.current?.showPopover?.();
    makeRoom();
    place();
    addEventListener('scroll', place, { capture: true, passive: true });
    document.addEventListener('pointerdown', onOutside);
    return () => {
      removeEventListener('scroll', place, { capture: true });
      document.removeEventListener('pointerdown', onOutside);
    };
  }, []);
  return place;
}
