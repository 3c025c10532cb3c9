import { editableRoot } from './dom';
import { insertIntoEditor } from './insert';
import { BridgeMessage, HELLO_EVENT, INSERT_EVENT, InsertRequest, PORT_EVENT, type InsertResult } from './protocol';

/** Composers named by recent requests' ids; a few suffice (one insertion at a time, in practice). */
const MAX_PENDING_TARGETS = 32;

/**
 * The page-world half of insertion (see protocol.ts): makes the private channel, hands its other end to
 * the isolated world once, and performs the insertions asked for on it, so the synthetic paste is
 * dispatched by the page's own world (Firefox drops clipboard data on events dispatched from a content
 * script). Call it at document_start, before the site's scripts run. Returns a function that uninstalls it.
 */
export function installPageBridge(doc: Document): () => void {
  const view = doc.defaultView!;
  const channel = new MessageChannel();
  const port = channel.port1;
  /** The composer each request id was dispatched on, until its request arrives on the port. */
  const targets = new Map<string, Element>();
  let handedOver = false;

  const reply = (result: InsertResult) => port.postMessage({ kind: 'result', result } satisfies BridgeMessage);
  const failed = (id: string, reason: InsertResult['reason']): InsertResult => ({ id, ok: false, method: null, attempts: 0, text: '', expected: '', reason });

  const handOver = () => {
    if (handedOver) return;
    const offer = new MessageEvent(PORT_EVENT, { ports: [channel.port2], cancelable: true });
    view.dispatchEvent(offer);
    if (!offer.defaultPrevented) return;
    handedOver = true;
    view.removeEventListener(HELLO_EVENT, handOver, true);
  };

  const onTarget = (event: Event) => {
    if (!(event instanceof CustomEvent) || typeof event.detail !== 'string' || !(event.target instanceof Element)) return;
    // The request is for us, not for the editor it is dispatched on.
    event.stopPropagation();
    // The first composer named for an id wins: a later event with the same id is someone else's.
    if (targets.has(event.detail)) return;
    targets.set(event.detail, event.target);
    if (targets.size > MAX_PENDING_TARGETS) targets.delete(targets.keys().next().value!);
  };

  port.onmessage = (event: MessageEvent) => {
    const message = BridgeMessage.safeParse(event.data);
    if (!message.success || message.data.kind !== 'insert') return;
    const request = InsertRequest.safeParse(message.data.request);
    if (!request.success) {
      const id = (message.data.request as { id?: unknown } | null)?.id;
      if (typeof id === 'string') reply(failed(id, 'bad-request'));
      return;
    }
    const target = targets.get(request.data.id);
    targets.delete(request.data.id);
    const editor = editableRoot(target ?? null);
    if (!editor) {
      reply(failed(request.data.id, 'not-editable'));
      return;
    }
    void insertIntoEditor(editor, request.data).then(reply, () => reply(failed(request.data.id, 'mismatch')));
  };

  // Capture, and registered before the site's scripts exist: ours runs before any listener of theirs.
  view.addEventListener(HELLO_EVENT, handOver, true);
  doc.addEventListener(INSERT_EVENT, onTarget, true);
  handOver();
  return () => {
    view.removeEventListener(HELLO_EVENT, handOver, true);
    doc.removeEventListener(INSERT_EVENT, onTarget, true);
    port.close();
  };
}
