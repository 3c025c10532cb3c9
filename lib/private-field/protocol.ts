/**
 * A text field the site's scripts cannot listen to. Keys typed anywhere in the site's document reach its
 * window's capture listeners, closed shadow root or not; keys typed in a frame of the extension's own
 * origin never leave that frame. So text that is internal (an override's reason) is typed in a small
 * extension page framed inside our closed shadow root, and comes back over a private MessageChannel.
 *
 * Handshake: the content script makes a nonce, puts it in the frame's URL fragment (the site cannot read
 * a cross-origin frame's URL) and, on each load, posts `{kind:'connect', nonce}` with a port to the frame;
 * the frame accepts only its own nonce and answers `ready` on the port. A frame the site navigated
 * elsewhere never answers, and the content script replaces it.
 */
export const FIELD_PAGE = '/private-field.html';

export type ToField = { kind: 'focus' } | { kind: 'invalid'; invalid: boolean } | { kind: 'read'; id: number };
export type FromField =
  | { kind: 'ready' }
  | { kind: 'input'; value: string }
  | { kind: 'value'; id: number; value: string }
  | { kind: 'submit' }
  | { kind: 'cancel' };

export interface FieldOptions {
  /** The accessible name of the field, in the UI language. */
  label: string;
  lang: string;
  theme: 'light' | 'dark';
  rows: number;
}

export function fieldFragment(nonce: string, options: FieldOptions): string {
  const params = new URLSearchParams({ nonce, label: options.label, lang: options.lang, theme: options.theme, rows: String(options.rows) });
  return `#${params.toString()}`;
}

export function parseFieldFragment(hash: string): ({ nonce: string } & FieldOptions) | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const nonce = params.get('nonce');
  if (!nonce || nonce.length < 32) return null;
  const theme = params.get('theme') === 'dark' ? 'dark' : 'light';
  const rows = Math.min(Math.max(Number(params.get('rows')) || 3, 1), 10);
  return { nonce, label: params.get('label') ?? '', lang: params.get('lang') ?? 'en', theme, rows };
}
