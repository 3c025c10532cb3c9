import { describe, expect, it } from 'vitest';
import { checkDraft } from '../../../lib/rules/check';
import { compilePacks, inflections } from '../../../lib/rules/compile';
import { fold, tokenize } from '../../../lib/rules/normalise';
import { RulePack } from '../../../lib/rules/schema';
import { phoneticKey, phraseWordKey } from '../../../lib/rules/transliterate';
import { compileRules } from './helpers';

const excerpts = (compiled: ReturnType<typeof compileRules>, text: string) => checkDraft(compiled, text).map((f) => f.excerpt);

describe('word families and inflections', () => {
  it('matches the inflected forms of a phrase’s last word in English', () => {
    const compiled = compileRules([{ kind: 'phrases', phrases: ['leak', 'confidential', 'internal report'] }]);
    expect(excerpts(compiled, 'It leaked, it leaks, it is leaking.')).toEqual(['leaked', 'leaks', 'leaking']);
    expect(excerpts(compiled, 'Told confidentially: the internal reports.')).toEqual(['confidentially', 'internal reports']);
    expect(excerpts(compiled, 'A leaky tap; an internal reporter.')).toEqual([]);
  });

  it('matches Hindi oblique and plural forms, with matra and nukta variants', () => {
    expect(inflections(fold('मामला'))).toEqual(expect.arrayContaining([fold('मामले'), fold('मामलों')]));
    const compiled = compileRules([{ kind: 'phrases', phrases: ['अदालत', 'मुकदमा'] }]);
    expect(excerpts(compiled, 'अदालतों में मुक़दमे चल रहे हैं।')).toEqual(['अदालतों', 'मुक़दमे']);
  });
});

describe('Hinglish by transliteration', () => {
  it('gives the common Latin spellings of a Hindi word one phonetic key', () => {
    const key = phraseWordKey(fold('गोपनीय'))?.key;
    for (const spelling of ['gopniya', 'gopaniya', 'gopneey', 'gopniye']) expect(phoneticKey(spelling), spelling).toBe(key);
    expect(phoneticKey('bakwaas')).toBe(phoneticKey('bakvas'));
    expect(phoneticKey('bewkoof')).toBe(phoneticKey('bevakoof'));
    expect(phoneticKey('chor')).toBeUndefined(); // too short to tell from English words
  });

  it('matches a transliterating pack’s Devanagari phrases in Latin script, but not words an English pack owns', () => {
    const hindi = RulePack.parse({
      id: 'hi', name: 'Hindi', languages: ['hi'], version: '1.0.0', transliterate: true,
      rules: [{ id: 'h', kind: 'phrases', category: 'tone', severity: 'warn', message: { en: 'm', hi: 'म' }, source: 's', phrases: ['बकवास', 'कांग्रेस'] }],
    });
    const english = RulePack.parse({
      id: 'en', name: 'English', languages: ['en'], version: '1.0.0',
      rules: [{ id: 'e', kind: 'phrases', category: 'political', severity: 'warn', message: { en: 'm', hi: 'म' }, source: 's', phrases: ['congress party'] }],
    });
    const compiled = compilePacks([english, hindi]);
    expect(checkDraft(compiled, 'Ye sab bakwaas hai.').map((f) => [f.ruleId, f.excerpt])).toEqual([['h', 'bakwaas']]);
    expect(checkDraft(compiled, 'The Indian Roads Congress standard applies.')).toEqual([]);
  });
});

describe('safe contexts and negation', () => {
  const compiled = compileRules([{ kind: 'phrases', category: 'sub_judice', phrases: ['court'] }], {
    safeContexts: [{ phrases: ['cannot comment'], categories: ['sub_judice'], within: 10 }],
  });

  it('silences a category near a safe phrase in the same clause', () => {
    expect(excerpts(compiled, 'We cannot comment on matters before the court.')).toEqual([]);
    expect(excerpts(compiled, 'The court will decide.')).toEqual(['court']);
  });

  it('does not reach across "but" or a sentence break', () => {
    expect(excerpts(compiled, 'We cannot comment, but the court is wrong.')).toEqual(['court']);
    expect(excerpts(compiled, 'We cannot comment. The court is wrong.')).toEqual(['court']);
  });
});

describe('elongated and obfuscated abuse', () => {
  it('matches an elongated word by its single letters', () => {
    const compiled = compileRules([{ kind: 'phrases', phrases: ['stupid'] }]);
    expect(excerpts(compiled, 'What a stuuuupid question')).toEqual(['stuuuupid']);
  });

  it('finds disguised English profanity with the obscenity library, not reference numbers or addresses', () => {
    const compiled = compileRules([{ kind: 'detector', detector: 'obfuscated_abuse', category: 'abusive', severity: 'block' }]);
    expect(excerpts(compiled, 'What a b!tch, you a$$hole')).toEqual(['b!tch', 'a$$hole']);
    expect(excerpts(compiled, 'Article EE123456789IN; write to complaints@bis.gov.in or see www.bis.gov.in')).toEqual([]);
  });
});

describe('addresses', () => {
  const compiled = compileRules([{ kind: 'detector', detector: 'address', category: 'personal_info', severity: 'block' }]);

  it('finds a house or flat number, and a street address next to a person', () => {
    expect(excerpts(compiled, 'She lives in flat 4B on the second floor.')).toEqual(['flat 4B']);
    expect(excerpts(compiled, 'The complainant, Mr. Ghosh of 14 Park Street, was told.')).toEqual(['14 Park Street']);
    expect(excerpts(compiled, 'शिकायतकर्ता का पता 12 गरियाहाट रोड है।')).toEqual(['12 गरियाहाट रोड']);
  });

  it('leaves an office’s own address alone', () => {
    expect(excerpts(compiled, 'Our ward office is at 5 Park Street, open from 10 to 5.')).toEqual([]);
  });
});

describe('case-matched phrases', () => {
  it('counts only the phrase’s own capitals', () => {
    const compiled = compileRules([{ kind: 'phrases', phrases: ['FIR', 'F.I.R'], matchCase: true }]);
    expect(excerpts(compiled, 'An FIR and an F.I.R were filed.')).toEqual(['FIR', 'F.I.R']);
    expect(excerpts(compiled, 'Fir se try karein.')).toEqual([]);
  });
});

describe('tokenizing', () => {
  it('splits into runs of letters, marks and digits, as /[\\p{L}\\p{M}\\p{N}]+/u does', () => {
    for (const text of ['The F.I.R. (no. 45) — naïve café', 'यह मामला, न्यायालय में। ॥ ॰ ५६७ हैं', '😀 x² ǅ a\u200db', 'ज़्यादा ग़लत']) {
      const folded = fold(text);
      const expected = [...folded.matchAll(/[\p{L}\p{M}\p{N}]+/gu)].map((m) => ({ text: m[0], start: m.index, end: m.index + m[0].length }));
      expect(tokenize(folded), text).toEqual(expected);
    }
  });
});
