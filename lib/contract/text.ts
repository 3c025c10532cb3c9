/**
 * Text PostgreSQL cannot store. Its `text` and `jsonb` refuse U+0000, and `jsonb` refuses a lone UTF-16
 * surrogate (half an emoji, e.g. a comment cut mid-character): one such string used to fail a whole
 * push with a 500. The server refuses them before any query; the extension never makes them.
 */

/** U+0000, a high surrogate not followed by a low one, or a low surrogate not preceded by a high one. */
const UNSTORABLE_ONE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const UNSTORABLE_ALL = new RegExp(UNSTORABLE_ONE.source, 'g');

export function isStorableText(text: string): boolean {
  return !UNSTORABLE_ONE.test(text);
}

/** The text with each lone surrogate replaced by U+FFFD and each U+0000 dropped: safe to send and store. */
export function storableText(text: string): string {
  return text.replace(UNSTORABLE_ALL, (found) => (found === '\u0000' ? '' : '\ufffd'));
}

/** Every string in a plain JSON value (and every key) made storable; used on what the extension queues. */
export function storableJson<T>(value: T): T {
  if (typeof value === 'string') return storableText(value) as T;
  if (Array.isArray(value)) return value.map(storableJson) as T;
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([key, child]) => [storableText(key), storableJson(child)])) as T;
}

/**
 * `text.slice(start, end)` widened to whole code points: never cuts a surrogate pair in two (an
 * excerpt or a cut comment stays storable and displays no broken glyph).
 */
export function sliceCodePoints(text: string, start: number, end = text.length): string {
  const isLow = (i: number) => i > 0 && i < text.length && /[\udc00-\udfff]/.test(text[i]!) && /[\ud800-\udbff]/.test(text[i - 1]!);
  let from = Math.max(0, start);
  let to = Math.min(text.length, end);
  if (isLow(from)) from--;
  if (isLow(to)) to++;
  return text.slice(from, to);
}

/** JSON bodies nest a few levels (an organisation: org.departments[i].contact.email); far deeper is an attack. */
export const MAX_JSON_DEPTH = 32;

export type TextProblem = { path: Array<string | number>; message: string };

/**
 * The first place in a parsed JSON value (string values and object keys) holding text PostgreSQL cannot
 * store, or nesting deeper than `maxDepth`. Iterative, so a 5,000-level body cannot overflow the stack.
 * With `text: false` only the depth is checked (a push checks its text mutation by mutation).
 */
export function findUnstorable(
  value: unknown,
  { maxDepth = MAX_JSON_DEPTH, text = true }: { maxDepth?: number; text?: boolean } = {},
): TextProblem | null {
  const stack: Array<{ value: unknown; path: Array<string | number> }> = [{ value, path: [] }];
  while (stack.length > 0) {
    const { value: current, path } = stack.pop()!;
    if (typeof current === 'string') {
      if (text && !isStorableText(current)) return { path, message: unstorableMessage(current) };
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    if (path.length >= maxDepth) return { path, message: `nested deeper than ${maxDepth} levels` };
    const isArray = Array.isArray(current);
    for (const [key, child] of Object.entries(current)) {
      if (text && !isArray && !isStorableText(key)) return { path: [...path, storableText(key)], message: `the key ${unstorableMessage(key)}` };
      stack.push({ value: child, path: [...path, isArray ? Number(key) : key] });
    }
  }
  return null;
}

function unstorableMessage(text: string): string {
  return text.includes('\u0000')
    ? 'contains a NUL character (U+0000)'
    : 'contains a lone UTF-16 surrogate (half of an emoji or other character)';
}
