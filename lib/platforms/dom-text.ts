// Reading text the way a person sees it: both sites render emoji as <img alt="😀"> and line breaks as <br>,
// which textContent would drop.

/** What `visibleText` reads differently from `textContent`. */
const NOT_PLAIN_TEXT = 'img, br, script, style, [aria-hidden="true"]';

export function visibleText(root: Node): string {
  // Most names, times and comments are plain text: one native call, instead of a walk that makes the
  // content script's world wrap every node it passes (a cost paid once per node, per comment).
  if (root.nodeType === 1 /* Element */ && !(root as Element).matches(NOT_PLAIN_TEXT) && !(root as Element).querySelector(NOT_PLAIN_TEXT)) {
    return root.textContent ?? '';
  }
  let text = '';
  const walk = (node: Node): void => {
    if (node.nodeType === 3 /* Text */) {
      text += node.nodeValue ?? '';
      return;
    }
    if (node.nodeType !== 1 /* Element */) return;
    const element = node as Element;
    const tag = element.tagName;
    if (tag === 'IMG') {
      text += element.getAttribute('alt') ?? '';
      return;
    }
    if (tag === 'BR') {
      text += '\n';
      return;
    }
    if (tag === 'SCRIPT' || tag === 'STYLE' || element.getAttribute('aria-hidden') === 'true') return;
    for (const child of element.childNodes) walk(child);
  };
  walk(root);
  return text;
}

/** Elements under `root` matching `selector`, in document order, that are not inside an `excluded` element within root. */
export function queryOutside(root: Element, selector: string, excluded: string): Element[] {
  return [...root.querySelectorAll(selector)].filter((element) => {
    const container = element.parentElement?.closest(excluded);
    return !container || !root.contains(container) || container === root;
  });
}

/** The ISO form of a machine-readable time, or null when it does not parse. */
export function isoTime(value: string | null | undefined): string | null {
  if (!value) return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}
