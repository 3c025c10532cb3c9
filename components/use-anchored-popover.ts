import type { RefObject } from 'preact';
import { useLayoutEffect } from 'preact/hooks';

/**
 * Shows `ref`'s element in the top layer (Popover API) beside `anchor`: below it, or above it when the
 * window has no room below, always inside the window, following scrolls. Top layer, because X stacks
 * each timeline cell in its own stacking context and anything drawn inside one is covered by the next.
 * A pointerdown that reaches the document closes it: our hosts stop the events from inside them, so
 * any that arrives came from outside. Returns `place`, to call when the element's size changes.
 */
export function useAnchoredPopover(ref: RefObject<HTMLElement>, anchor: HTMLElement | null, onOutside: () => void): () => void {
  const place = () => {
    const element = ref.current;
    const rect = anchor?.getBoundingClientRect();
    if (!element || !rect) return;
    const { offsetHeight: height, offsetWidth: width } = element;
    const below = rect.bottom + 2;
    const top = below + height <= innerHeight - 4 ? below : Math.max(4, rect.top - 2 - height);
    element.style.top = `${Math.round(top)}px`;
    element.style.left = `${Math.round(Math.max(4, Math.min(rect.left, innerWidth - width - 4)))}px`;
  };
  useLayoutEffect(() => {
    ref.current?.showPopover?.();
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
