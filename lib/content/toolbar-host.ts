import { createShadowHost } from '../dom/shadow-host';

/**
 * The per-comment toolbars' look, light and dark (the host carries `data-theme`). No containment on the host:
 * `contain: layout` or `paint` gives each of a thousand toolbars its own paint layer, and Facebook's thread then
 * spent 4× the page's own time in compositing inputs, pre-paint and cull rects (measured in the bench's trace);
 * `content-visibility: auto` was worse still (3.4×). A toolbar changes its size only when its status does.
 * What is not drawn gets no box: the host's mount and an empty line of work notes are `display: contents` and
 * `none`, since the browser's layout, pre-paint and paint walk every box of a thousand toolbars.
 */
const TOOLBAR_CSS = `
:host { all: initial; display: block; }
.mount { display: contents; }
.bar {
  --fg: #0f1419; --muted: #536471; --bg: #f7f9f9; --border: #cfd9de; --accent: #1d4ed8;
  --ok: #15803d; --soon: #b45309; --late: #b91c1c; --menu-bg: #ffffff;
  display: flex; flex-wrap: wrap; align-items: center; gap: 4px; margin: 2px 0; min-height: 22px;
  font: 12px/1.4 system-ui, "Noto Sans", "Noto Sans Devanagari", sans-serif; color: var(--fg);
}
:host([data-theme="dark"]) .bar {
  --fg: #e7e9ea; --muted: #8b98a5; --bg: #16181c; --border: #38444d; --accent: #7aa2ff;
  --ok: #4ade80; --soon: #fbbf24; --late: #f87171; --menu-bg: #202327;
}
button {
  font: inherit; color: var(--fg); background: var(--bg); border: 1px solid var(--border);
  border-radius: 4px; padding: 0 8px; height: 20px; cursor: pointer;
}
button:hover { border-color: var(--accent); }
button:focus-visible { outline: 2px solid var(--accent); outline-offset: 1px; }
.menu {
  position: fixed; inset: auto; margin: 0; z-index: 2147483000; min-width: 200px; max-height: 320px; color: var(--fg);
  overflow-y: auto; display: flex; flex-direction: column; padding: 4px; background: var(--menu-bg);
  border: 1px solid var(--border); border-radius: 6px; box-shadow: 0 4px 16px rgba(0,0,0,.25);
}
.menu-item { display: flex; gap: 6px; align-items: center; text-align: left; border: 0; height: 26px; background: transparent; }
.menu-item:focus, .menu-item:hover { background: var(--bg); outline: 1px solid var(--accent); }
.menu-slot { display: contents; }
.check { display: inline-block; width: 12px; }
.status { display: inline-flex; flex-wrap: wrap; gap: 4px; align-items: center; color: var(--muted); }
.department { font-weight: 600; color: var(--fg); }
.flag { border: 1px solid var(--late); color: var(--late); border-radius: 8px; padding: 0 6px; }
.sla-ok, .sla-done { color: var(--ok); }
.sla-due-soon { color: var(--soon); font-weight: 600; }
.sla-overdue { color: var(--late); font-weight: 600; }
.notice { color: var(--late); }
.approval { font-weight: 600; }
.approval-rejected { color: var(--late); }
.approval-approved { color: var(--ok); }
.approval-needed, .approval-requested { color: var(--soon); }
.presence { color: var(--soon); font-style: italic; }
.work-notes:empty { display: none; }
`;

export const TOOLBAR_TAG = 'samvad-toolbar';

export function createToolbarHost(): { host: HTMLElement; mount: HTMLElement } {
  const toolbar = createShadowHost(TOOLBAR_TAG, TOOLBAR_CSS);
  toolbar.mount.className = 'mount';
  return toolbar;
}

/** 'dark' when the page paints a dark background (X's Dim and Lights out, Facebook's dark mode). */
export function pageTheme(): 'dark' | 'light' {
  for (const element of [document.body, document.documentElement]) {
    if (!element) continue;
    const match = getComputedStyle(element).backgroundColor.match(/rgba?\((\d+),\s*(\d+),\s*(\d+)(?:,\s*([\d.]+))?/);
    if (!match || match[4] === '0') continue;
    const [r, g, b] = [match[1], match[2], match[3]].map(Number) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * b < 128 ? 'dark' : 'light';
  }
  return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}
