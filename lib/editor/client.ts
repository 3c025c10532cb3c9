import { editableRoot } from './dom';
import { insertIntoEditor } from './insert';
import { INSERT_EVENT, InsertResult, newRequestId, PING_EVENT, PONG_EVENT, RESULT_EVENT, type InsertRequest } from './protocol';

/** A request without its id (one is made per call); distributes over the modes. */
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;
export type InsertTextRequest = WithoutId<InsertRequest>;

/** X's post buttons (inline reply and dialog), which stay disabled until the editor's state has text. */
export const X_SUBMIT_SELECTOR = '[data-testid="tweetButtonInline"], [data-testid="tweetButton"]';

function bridgeAnswers(doc: Document): boolean {
  let answered = false;
  const onPong = () => {
    answered = true;
  };
  doc.addEventListener(PONG_EVENT, onPong);
  // Listeners in every world run during dispatchEvent, so the answer is in when it returns.
  doc.dispatchEvent(new CustomEvent(PING_EVENT));
  doc.removeEventListener(PONG_EVENT, onPong);
  return answered;
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
  const doc = editor.ownerDocument;
  if (!bridgeAnswers(doc)) return insertIntoEditor(editor, full);

  return new Promise((resolve) => {
    const finish = (result: InsertResult) => {
      doc.removeEventListener(RESULT_EVENT, onResult);
      clearTimeout(timer);
      resolve(result);
    };
    const onResult = (event: Event) => {
      const detail = (event as CustomEvent<unknown>).detail;
      if (typeof detail !== 'string') return;
      let parsed: unknown;
      try {
        parsed = JSON.parse(detail);
      } catch {
        return;
      }
      const result = InsertResult.safeParse(parsed);
      if (result.success && result.data.id === id) finish(result.data);
    };
    const timer = setTimeout(() => finish(failed('timeout')), timeoutMs);
    doc.addEventListener(RESULT_EVENT, onResult);
    editor.dispatchEvent(new CustomEvent(INSERT_EVENT, { detail: JSON.stringify(full), bubbles: true, composed: true }));
  });
}
