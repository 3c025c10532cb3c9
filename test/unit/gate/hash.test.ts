import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { draftHash, normaliseDraft } from '../../../lib/gate/hash';

describe('the text an approval is bound to', () => {
  it('is the draft in NFC with its whitespace collapsed and trimmed', () => {
    // "é" as e + combining acute, a no-break space, a tab, line breaks and a trailing newline.
    expect(normaliseDraft('  Caf\u0065\u0301\u00a0is\tclosed\n\nfor  repairs.\n')).toBe('Caf\u00e9 is closed for repairs.');
    expect(normaliseDraft('न्यायालय   में\r\nलंबित')).toBe('न्यायालय में लंबित');
  });

  it('hashes to SHA-256 hex of the normalised UTF-8 text', async () => {
    const text = 'As the matter is before the court, we are unable to comment.';
    const expected = createHash('sha256').update(text, 'utf8').digest('hex');
    expect(await draftHash(text)).toBe(expected);
    expect(await draftHash(` ${text.replace(/ /g, '  ')}\n`)).toBe(expected);
    expect(await draftHash('Cafe\u0301')).toBe(await draftHash('Caf\u00e9'));
  });

  it('changes with any other edit: one character, its case, or punctuation', async () => {
    const approved = await draftHash('We will reply within 12 hours.');
    expect(await draftHash('We will reply within 13 hours.')).not.toBe(approved);
    expect(await draftHash('we will reply within 12 hours.')).not.toBe(approved);
    expect(await draftHash('We will reply within 12 hours')).not.toBe(approved);
    expect(approved).toMatch(/^[0-9a-f]{64}$/);
  });
});
