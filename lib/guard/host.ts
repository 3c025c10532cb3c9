import { createShadowHost } from '../dom/shadow-host';

/**
 * The `samvad-guard` host beside a composer: a closed shadow root (the site reads none of the findings) with the guard's
 * own constructable stylesheet, shared by every composer on the page.
 */
const GUARD_CSS = `
:host { all: initial; display: block; contain: layout style; }
.panel, .block-dialog {
  --fg: #0f1419; --muted: #536471; --bg: #ffffff; --border: #cfd9de; --accent: #1d4ed8;
  --warn: #b45309; --block: #b91c1c; --info: #1d4ed8;
  font: 13px/1.45 system-ui, "Noto Sans", "Noto Sans Devanagari", sans-serif; color: var(--fg);
}
:host([data-theme="dark"]) .panel, :host([data-theme="dark"]) .block-dialog {
  --fg: #e7e9ea; --muted: #8b98a5; --bg: #16181c; --border: #38444d; --accent: #7aa2ff;
  --warn: #fbbf24; --block: #f87171; --info: #7aa2ff;
}
.panel { margin: 4px 0; padding: 6px 8px; border: 1px solid var(--border); border-radius: 6px; background: var(--bg); }
.findings { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 6px; }
.finding { display: flex; flex-wrap: wrap; gap: 2px 6px; padding-left: 8px; border-left: 3px solid var(--info); }
.severity-warn { border-left-color: var(--warn); }
.severity-block { border-left-color: var(--block); }
.severity { font-weight: 700; }
.severity-warn .severity { color: var(--warn); }
.severity-block .severity { color: var(--block); }
.excerpt, .source, .suggestion { flex-basis: 100%; }
.excerpt, .source { color: var(--muted); }
.unavailable, .error { color: var(--block); margin: 0 0 4px; }
.block-dialog { max-width: min(560px, 90vw); padding: 16px 20px; border: 1px solid var(--border); border-radius: 10px; background: var(--bg); }
.block-dialog::backdrop { background: rgba(0, 0, 0, 0.45); }
.block-dialog h2 { font-size: 16px; margin: 0 0 8px; }
.reasons { margin: 0 0 8px; padding-left: 18px; }
.standing { font-weight: 600; }
.reason { display: flex; flex-direction: column; gap: 4px; margin-top: 12px; font-weight: 600; }
textarea { font: inherit; color: var(--fg); background: var(--bg); border: 1px solid var(--border); border-radius: 4px; padding: 4px 6px; resize: vertical; }
textarea[aria-invalid="true"] { border-color: var(--block); }
.actions { display: flex; justify-content: flex-end; gap: 8px; margin-top: 12px; }
button { font: inherit; color: var(--fg); background: var(--bg); border: 1px solid var(--border); border-radius: 16px; padding: 4px 14px; cursor: pointer; }
button.danger { border-color: var(--block); color: var(--block); }
button:focus-visible, textarea:focus-visible { outline: 2px solid var(--accent); outline-offset: 1px; }
`;

export const GUARD_TAG = 'samvad-guard';

export function createGuardHost(doc: Document): { host: HTMLElement; mount: HTMLElement } {
  return createShadowHost(GUARD_TAG, GUARD_CSS, doc);
}

export const APPROVAL_TAG = 'samvad-approval';

/** The post gate's approval dialog: its own closed host (the dialog opens in the top layer), in the guard's look. */
export function createApprovalHost(doc: Document): { host: HTMLElement; mount: HTMLElement } {
  return createShadowHost(APPROVAL_TAG, GUARD_CSS, doc);
}
