// zod/mini: this module is bundled into the page-world script too, which should stay small.
import { z } from 'zod/mini';

/**
 * The protocol between the content script (isolated world) and the page-bridge script (page world).
 * The site's own scripts share the page world's DOM and `window`, so nothing they could forge is trusted:
 *
 * - **Handover, once, at injection.** The page-bridge script makes a `MessageChannel` at document_start
 *   and hands one port to the isolated world in a synchronous `samvad:bridge-port` MessageEvent on
 *   `window` (cancelled by the taker, so the bridge knows it was taken); an isolated script at
 *   document_start that came first asks for it with `samvad:bridge-hello`. Both run before any of the
 *   site's scripts exist, so the site can neither take the port nor hand in one of its own; once handed
 *   over, neither side listens again.
 * - **Requests and results on the port only**, each with a random request id.
 * - **The composer** cannot travel on a port (DOM nodes do not clone): a `samvad:editor-insert`
 *   CustomEvent dispatched ON the composer just before the request carries only the request's id.
 *
 * They carry only what is about to be typed into the page anyway (the reply text): no tokens, no item
 * data, no settings.
 */
export const PORT_EVENT = 'samvad:bridge-port';
export const HELLO_EVENT = 'samvad:bridge-hello';
export const INSERT_EVENT = 'samvad:editor-insert';

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

/** What travels on the port: requests to the page world, results back. */
export const BridgeMessage = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('insert'), request: z.unknown() }),
  z.object({ kind: z.literal('result'), result: z.unknown() }),
]);
export type BridgeMessage = z.infer<typeof BridgeMessage>;

/** Request ids come from crypto.randomUUID(): the page cannot guess one. */
export function newRequestId(): string {
  return crypto.randomUUID();
}
