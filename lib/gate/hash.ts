/**
 * The text an approval is bound to (lib/contract/triage.ts, Approval.textHash): the draft in Unicode NFC,
 * every run of whitespace (line breaks, tabs, no-break spaces) one space, trimmed. What an editor adds or
 * drops around the words (a trailing line, a doubled space) is not an edit; any other character is.
 */
export function normaliseDraft(text: string): string {
  return text.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

/** SHA-256, lowercase hex, of the normalised draft's UTF-8 bytes. */
export async function draftHash(text: string): Promise<string> {
  const bytes = new TextEncoder().encode(normaliseDraft(text));
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}
