import { createContext } from 'preact';
import { browser } from 'wxt/browser';
import { pageTheme } from '../content/toolbar-host';
import { FIELD_PAGE, fieldFragment, type FromField, type ToField } from './protocol';

export interface PrivateFieldEvents {
  onInput(value: string): void;
  onSubmit?(): void;
  onCancel?(): void;
}

export interface PrivateField {
  /** The frame to place (inside a closed shadow root). */
  element: HTMLElement;
  focus(): void;
  setInvalid(invalid: boolean): void;
  /** What the field holds now, asked of the frame itself (input events may still be on their way). */
  read(): Promise<string>;
  destroy(): void;
}

export interface PrivateFieldRequest {
  name: string;
  label: string;
  lang: string;
  rows: number;
}

export type PrivateFieldFactory = (request: PrivateFieldRequest, events: PrivateFieldEvents) => PrivateField;

/** How long a loaded frame has to answer on its port before it is taken for not ours and replaced. */
const ANSWER_WITHIN_MS = 3_000;

function nonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * A text field in a frame of the extension's own origin (lib/private-field/protocol.ts): what the
 * moderator types there never reaches the site's key listeners. A frame that stops answering (the site
 * navigated it elsewhere) is replaced by a fresh one, keeping nothing the site may have put in it.
 */
export const createPrivateField: PrivateFieldFactory = (request, events) => {
  const slot = document.createElement('div');
  const pageUrl = browser.runtime.getURL(FIELD_PAGE);
  // Chrome loads the page at a per-session URL (use_dynamic_url), but the framed document's origin is
  // the extension's own id.
  const url = new URL(pageUrl);
  const origin = url.protocol === 'chrome-extension:' ? `chrome-extension://${browser.runtime.id}` : url.origin;
  let frame: HTMLIFrameElement | null = null;
  let port: MessagePort | null = null;
  let ready = false;
  let wantFocus = false;
  let invalid = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastValue = '';
  let reads = 0;
  const pendingReads = new Map<number, (value: string) => void>();

  const send = (message: ToField) => {
    if (ready) port?.postMessage(message);
  };

  const open = () => {
    const secret = nonce();
    const next = document.createElement('iframe');
    next.name = request.name;
    next.title = request.label;
    next.style.cssText = `display:block;width:100%;height:${request.rows * 20 + 14}px;border:0;background:transparent;color-scheme:normal`;
    next.src = pageUrl + fieldFragment(secret, { label: request.label, lang: request.lang, theme: pageTheme(), rows: request.rows });
    next.addEventListener('load', () => {
      // Every load gets a fresh channel: a navigation the site forced on the frame loads a page that
      // does not know the nonce and never answers.
      port?.close();
      ready = false;
      const channel = new MessageChannel();
      port = channel.port1;
      port.onmessage = (event: MessageEvent<FromField>) => {
        const message = event.data;
        if (message.kind === 'ready') {
          ready = true;
          clearTimeout(timer);
          if (invalid) send({ kind: 'invalid', invalid });
          // A click on the frame while it loaded focused the frame, not yet its field: the field takes it.
          const clickedWhileLoading = (slot.getRootNode() as Document | ShadowRoot).activeElement === next;
          if (wantFocus || clickedWhileLoading) send({ kind: 'focus' });
          for (const id of pendingReads.keys()) send({ kind: 'read', id });
        } else if (message.kind === 'input' && typeof message.value === 'string') {
          lastValue = message.value;
          events.onInput(message.value);
        } else if (message.kind === 'value' && typeof message.value === 'string') {
          lastValue = message.value;
          pendingReads.get(message.id)?.(message.value);
          pendingReads.delete(message.id);
        }
        else if (message.kind === 'submit') events.onSubmit?.();
        else if (message.kind === 'cancel') events.onCancel?.();
      };
      next.contentWindow?.postMessage({ kind: 'connect', nonce: secret }, origin, [channel.port2]);
      clearTimeout(timer);
      timer = setTimeout(() => {
        if (ready || frame !== next) return;
        lastValue = '';
        events.onInput('');
        next.remove();
        open();
      }, ANSWER_WITHIN_MS);
    });
    frame = next;
    slot.append(next);
  };
  open();

  return {
    element: slot,
    focus() {
      wantFocus = true;
      frame?.focus();
      send({ kind: 'focus' });
    },
    setInvalid(value) {
      invalid = value;
      send({ kind: 'invalid', invalid: value });
    },
    read() {
      const id = ++reads;
      const answered = new Promise<string>((resolve) => {
        pendingReads.set(id, resolve);
        // A frame that went away (or is still loading) answers nothing: what it last reported stands.
        setTimeout(() => {
          if (pendingReads.delete(id)) resolve(lastValue);
        }, 1_000);
      });
      // A frame not ready yet is asked once it is (below, on its `ready`).
      send({ kind: 'read', id });
      return answered;
    },
    destroy() {
      clearTimeout(timer);
      port?.close();
      slot.remove();
    },
  };
};

/** The factory the dialogs use; tests of the components provide a plain one. */
export const PrivateFieldContext = createContext<PrivateFieldFactory>(createPrivateField);
