import { editableRoot } from './dom';
import { insertIntoEditor } from './insert';
import { INSERT_EVENT, InsertRequest, PING_EVENT, PONG_EVENT, RESULT_EVENT, type InsertResult } from './protocol';

/**
 * The page-world half of insertion (see protocol.ts): answers pings, and performs the insertions the
 * content script asks for, so the synthetic paste is dispatched by the page's own world (Firefox drops
 * clipboard data on events dispatched from a content script). Returns a function that uninstalls it.
 */
export function installPageBridge(doc: Document): () => void {
  const reply = (result: InsertResult) => doc.dispatchEvent(new CustomEvent(RESULT_EVENT, { detail: JSON.stringify(result) }));

  const onPing = () => doc.dispatchEvent(new CustomEvent(PONG_EVENT));

  const onInsert = (event: Event) => {
    if (!(event instanceof CustomEvent) || typeof event.detail !== 'string') return;
    // The request is for us, not for the editor it is dispatched on.
    event.stopPropagation();
    let parsed: unknown;
    try {
      parsed = JSON.parse(event.detail);
    } catch {
      return;
    }
    const request = InsertRequest.safeParse(parsed);
    if (!request.success) {
      const id = (parsed as { id?: unknown } | null)?.id;
      if (typeof id === 'string') reply({ id, ok: false, method: null, attempts: 0, text: '', expected: '', reason: 'bad-request' });
      return;
    }
    const editor = editableRoot(event.target instanceof Element ? event.target : null);
    if (!editor) {
      reply({ id: request.data.id, ok: false, method: null, attempts: 0, text: '', expected: '', reason: 'not-editable' });
      return;
    }
    void insertIntoEditor(editor, request.data).then(reply, () =>
      reply({ id: request.data.id, ok: false, method: null, attempts: 0, text: '', expected: '', reason: 'mismatch' }),
    );
  };

  doc.addEventListener(PING_EVENT, onPing);
  doc.addEventListener(INSERT_EVENT, onInsert, true);
  return () => {
    doc.removeEventListener(PING_EVENT, onPing);
    doc.removeEventListener(INSERT_EVENT, onInsert, true);
  };
}
