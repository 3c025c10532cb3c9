import { createShadowHost } from './shadow-host';

/** Visually hidden but read by screen readers (the usual clip pattern). */
const LIVE_REGION_CSS = `
:host { all: initial; position: fixed; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
`;

export const LIVE_REGION_TAG = 'samvad-live';

const regions = new WeakMap<Document, { host: HTMLElement; region: HTMLElement }>();

/**
 * Says `text` to screen readers through the page's ONE polite live region (issue 14): toolbars on a thousand
 * comments share it, instead of each being a live region of its own. It sits in a closed shadow root like
 * the rest of our UI (what it says may name departments and flags). The same sentence twice is said twice:
 * the region is emptied first and filled in the next frame.
 */
export function announce(text: string, doc: Document = document): void {
  let live = regions.get(doc);
  if (!live) {
    const { host, mount } = createShadowHost(LIVE_REGION_TAG, LIVE_REGION_CSS, doc);
    mount.setAttribute('role', 'status');
    mount.setAttribute('aria-live', 'polite');
    live = { host, region: mount };
    regions.set(doc, live);
  }
  const { host, region } = live;
  if (!host.isConnected) (doc.body ?? doc.documentElement).append(host);
  region.textContent = '';
  (doc.defaultView ?? window).requestAnimationFrame(() => {
    region.textContent = text;
  });
}
