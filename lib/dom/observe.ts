/**
 * Calls `callback` once per animation frame with every element matching `selector` that was added
 * to the page or changed inside since the last frame (and once for those present at the start).
 * Only `addedNodes` and changed subtrees are looked at, never the whole document, and the work is
 * batched into one frame, so a page that gains many comments at once costs one pass.
 * "Changed inside" covers X's recycled cells, where React rewrites a tweet's links and text in place.
 */
export function observe(
  selector: string,
  callback: (elements: Element[]) => void,
  {
    signal,
    root = document.documentElement,
    attributeFilter = ['href', 'datetime'],
    ignore = () => false,
  }: {
    signal: AbortSignal;
    root?: Element;
    attributeFilter?: string[];
    /** Nodes whose coming and going is no change (the caller's own UI, inserted into the elements it watches). */
    ignore?: (node: Node) => boolean;
  },
): void {
  if (signal.aborted) return;
  const pending = new Set<Element>();
  let frame = 0;

  /** The matching element around `node`, which changed. */
  const collectAround = (node: Node) => {
    const closest = (node instanceof Element ? node : node.parentElement)?.closest(selector);
    if (closest) pending.add(closest);
  };
  /** `node` was added: it may be, hold, or sit inside a matching element. */
  const collect = (node: Node) => {
    collectAround(node);
    if (node instanceof Element) for (const match of node.querySelectorAll(selector)) pending.add(match);
  };
  const flush = () => {
    frame = 0;
    if (signal.aborted || pending.size === 0) return;
    const elements = [...pending].filter((element) => element.isConnected);
    pending.clear();
    if (elements.length) callback(elements);
  };

  const observer = new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === 'childList') {
        for (const node of record.addedNodes) if (!ignore(node)) collect(node);
        // A removal inside a comment (a recycled cell emptied before refilling) changes that comment,
        // and only it: a list losing its "more" button says nothing about the comments in the list.
        if ([...record.removedNodes].some((node) => !ignore(node))) collectAround(record.target);
      } else {
        collectAround(record.target);
      }
    }
    if (pending.size && !frame) frame = requestAnimationFrame(flush);
  });
  observer.observe(root, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter });
  signal.addEventListener('abort', () => {
    observer.disconnect();
    if (frame) cancelAnimationFrame(frame);
    pending.clear();
  });

  collect(root);
  if (pending.size) frame = requestAnimationFrame(flush);
}
