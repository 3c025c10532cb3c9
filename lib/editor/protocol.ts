// zod/mini: this module is bundled into the page-world script too, which should stay small.
import { z } from 'zod/mini';

/**
 * The protocol between the content script (isolated world) and the page-bridge script (page world).
 * The page can see every message, so they carry only what is about to be typed into the page anyway
 * (the reply text) and a random request id: no tokens, no item data, no settings.
 *
 * Request: a `samvad:editor-insert` CustomEvent dispatched ON the composer element (DOM nodes are
 * shared between worlds, object references in `detail` are not), detail = JSON string.
 * Result: a `samvad:editor-result` CustomEvent on the document, detail = JSON string with the same id.
 * Presence: a `samvad:editor-ping` on the document is answered synchronously by `samvad:editor-pong`.
 */
export const INSERT_EVENT = 'samvad:editor-insert';
export const RESULT_EVENT = 'samvad:editor-result';
export const PING_EVENT = 'samvad:editor-ping';
export const PONG_EVENT = 'samvad:editor-pong';

const RequestId = z.string().check(z.regex(/^[A-Za-z0-9-]{8,64}$/));

export const InsertRequest = z.discriminatedUnion('mode', [
  z.object({
    id: RequestId,
    mode: z.literal('append'),
    text: z.string().check(z.maxLength(20_000)),
    /** X: the post button, which must be enabled afterwards (it follows the editor's state). */
    submitSelector: z.optional(z.string().check(z.maxLength(200))),
  }),
  z.object({
    id: RequestId,
    /** Replace the shortcut typed just before the caret (e.g. `/ack`) by the text. */
    mode: z.literal('replace-shortcut'),
    shortcut: z.string().check(z.regex(/^\/[a-z0-9][a-z0-9-]*$/)),
    text: z.string().check(z.maxLength(20_000)),
    submitSelector: z.optional(z.string().check(z.maxLength(200))),
  }),
]);
export type InsertRequest = z.infer<typeof InsertRequest>;

export const InsertMethod = z.enum(['paste', 'execCommand', 'beforeinput', 'value-setter']);
export type InsertMethod = z.infer<typeof InsertMethod>;

export const InsertResult = z.object({
  id: RequestId,
  ok: z.boolean(),
  /** The method that produced the final state (the second one after a retry). */
  method: z.nullable(InsertMethod),
  attempts: z.number(),
  /** The editor's text afterwards, and what it should have been. */
  text: z.string(),
  expected: z.string(),
  reason: z.optional(z.enum(['not-editable', 'shortcut-not-found', 'mismatch', 'no-bridge', 'timeout', 'bad-request'])),
});
export type InsertResult = z.infer<typeof InsertResult>;

export function newRequestId(): string {
  return crypto.randomUUID();
}
