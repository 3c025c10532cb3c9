import { editableRoot } from './dom';
import { insertIntoEditor } from './insert';
import { BridgeMessage, HELLO_EVENT, INSERT_EVENT, InsertResult, newRequestId, PORT_EVENT, type InsertRequest } from './protocol';

/** A request without its id (one is made per call); distributes over the modes. */
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;
export type InsertTextRequest = WithoutId<InsertRequest>;

/** X's post buttons (inline reply and dialog), which stay disabled until the editor's state has text. */
export const X_SUBMIT_SELECTOR = '[data-testid="tweetButtonInline"], [data-testid="tweetButton"]';

/** The isolated world's end of the private channel to the page-bridge script (protocol.ts). */
class PageBridge {
  readonly #pending = new Map<string, (result: InsertResult) => void>();

  constructor(private readonly port: MessagePort) {
    port.onmessage = (event: MessageEvent) => {
      const message = BridgeMessage.safeParse(event.data);
      if (!message.success || message.data.kind !== 'result') return;
      const result = InsertResult.safeParse(message.data.result);
      if (!result.success) return;
      this.#pending.get(result.data.id)?.(result.data);
    };
  }

  close(): void {
    this.port.close();
  }

  insert(editor: Element, request: InsertRequest, timeoutMs: number, failed: (reason: InsertResult['reason']) => InsertResult): Promise<InsertResult> {
    return new Promise((resolve) => {
      const finish = (result: InsertResult) => {
        this.#pending.delete(request.id);
        clearTimeout(timer);
        resolve(result);
      };
      const timer = setTimeout(() => finish(failed('timeout')), timeoutMs);
      this.#pending.set(request.id, finish);
      // Names the composer (DOM nodes cannot go on a port), then asks on the port.
      editor.dispatchEvent(new CustomEvent(INSERT_EVENT, { detail: request.id, composed: true }));
      this.port.postMessage({ kind: 'insert', request } satisfies BridgeMessage);
    });
  }
}

/**
 * Where the bridge is kept: the isolated world's own global (Firefox: the content scripts' sandbox),
 * shared by this extension's content scripts in the frame (each is bundled separately) and out of the
 * page's reach.
 */
const BRIDGE_KEY = Symbol.for('samvad.pageBridge');
type BridgeHolder = { [BRIDGE_KEY]?: PageBridge };

/**
 * Takes the page-bridge script's port, once (protocol.ts). Call it from a content script at document_start,
 * before the site's scripts run; it stops listening when the document has been parsed, so a page script
 * cannot hand in a port of its own where the bridge never came. Returns a function that disconnects.
 */
export function connectPageBridge(view: Window): () => void {
  const holder = globalThis as unknown as BridgeHolder;
  const stop = () => {
    view.removeEventListener(PORT_EVENT, onPort, true);
    view.document.removeEventListener('readystatechange', stop);
  };
  const onPort = (event: Event) => {
    const port = event instanceof MessageEvent ? event.ports[0] : undefined;
    if (!port) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    stop();
    holder[BRIDGE_KEY] = new PageBridge(port);
  };
  const disconnect = () => {
    stop();
    holder[BRIDGE_KEY]?.close();
    delete holder[BRIDGE_KEY];
  };
  if (holder[BRIDGE_KEY]) return disconnect;
  view.addEventListener(PORT_EVENT, onPort, true);
  view.document.addEventListener('readystatechange', stop);
  view.dispatchEvent(new Event(HELLO_EVENT));
  return disconnect;
}

/**
 * Inserts text into the composer `target` belongs to, from a content script: through the page-world
 * bridge when it is there (entrypoints/page-bridge.content.ts), else directly (Chromium accepts
 * synthetic paste from the isolated world). Resolves with what the editor holds afterwards.
 */
export function insertText(target: Element, request: InsertTextRequest, { timeoutMs = 5_000 } = {}): Promise<InsertResult> {
  const id = newRequestId();
  const full = { ...request, id } as InsertRequest;
  const failed = (reason: InsertResult['reason']): InsertResult => ({ id, ok: false, method: null, attempts: 0, text: '', expected: '', reason });
  const editor = editableRoot(target);
  if (!editor) return Promise.resolve(failed('not-editable'));
  const bridge = (globalThis as unknown as BridgeHolder)[BRIDGE_KEY];
  if (!bridge) return insertIntoEditor(editor, full);
  return bridge.insert(editor, full, timeoutMs, failed);
}
