/**
 * Hosts for Samvad's UI on the sites: an element with a CLOSED shadow root, so the site's own scripts
 * cannot read the departments, flags, names and reasons drawn inside (DESIGN.md, "What the site may see";
 * tests reach in through the browser's protocol, test/e2e/closed-roots.ts). Its stylesheet is one
 * constructable sheet per kind of host, shared by every host of that kind. A page may hold a thousand
 * toolbars: one parsed sheet, not a <style> each.
 */
const sheets = new Map<string, CSSStyleSheet | null>();

/** The shared sheet for `css`, or null where a content script cannot build one (older Firefox Xrays). */
function sharedSheet(css: string): CSSStyleSheet | null {
  if (!sheets.has(css)) {
    let sheet: CSSStyleSheet | null;
    try {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
    } catch {
      sheet = null;
    }
    sheets.set(css, sheet);
  }
  return sheets.get(css) ?? null;
}

/**
 * Events stopped at the host, so the site's own handlers never see our clicks and keys: X opens a
 * tweet on a click anywhere in it, has single-key shortcuts (j, k, r, l…), and closes its reply dialog
 * on Escape; editors listen for input and paste on the document.
 */
const ISOLATED_EVENTS = ['click', 'mousedown', 'mouseup', 'pointerdown', 'pointerup', 'keydown', 'keyup', 'keypress', 'input', 'beforeinput', 'paste'];

const stopHere = (event: Event) => event.stopPropagation();

/**
 * Stops the isolated events at `host` from the first moment they can happen: a pointer comes over it
 * or focus goes into it. Two listeners per host instead of eleven, for hosts that are never touched.
 */
function isolateOnFirstUse(host: HTMLElement): void {
  const arm = () => {
    host.removeEventListener('pointerover', arm);
    host.removeEventListener('focusin', arm);
    for (const type of ISOLATED_EVENTS) host.addEventListener(type, stopHere);
  };
  host.addEventListener('pointerover', arm);
  host.addEventListener('focusin', arm);
}

export function createShadowHost(tag: string, css: string, doc: Document = document): { host: HTMLElement; mount: HTMLElement } {
  const host = doc.createElement(tag);
  const root = host.attachShadow({ mode: 'closed' });
  const sheet = sharedSheet(css);
  let adopted = false;
  if (sheet) {
    try {
      root.adoptedStyleSheets = [sheet];
      adopted = true;
    } catch {
      adopted = false;
    }
  }
  if (!adopted) {
    const style = doc.createElement('style');
    style.textContent = css;
    root.append(style);
  }
  const mount = doc.createElement('div');
  root.append(mount);
  isolateOnFirstUse(host);
  return { host, mount };
}
