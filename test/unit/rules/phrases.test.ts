import { describe, expect, it } from 'vitest';
import { checkDraft } from '../../../lib/rules/check';
import { fold, foldWithMap } from '../../../lib/rules/normalise';
import { compileRules } from './helpers';

function excerpts(phrases: string[], text: string, extra: Record<string, unknown> = {}): string[] {
  return checkDraft(compileRules([{ kind: 'phrases', phrases, ...extra }]), text).map((f) => f.excerpt);
}

describe('Latin phrase matching', () => {
  it('is case-insensitive and matches whole words only', () => {
    expect(excerpts(['sub judice'], 'The matter is SUB JUDICE now')).toEqual(['SUB JUDICE']);
    expect(excerpts(['court'], 'courtesy, courtyard and the Court.')).toEqual(['Court']);
  });

  it('treats hyphens and spacing between words alike, but not sentence breaks', () => {
    expect(excerpts(['sub judice'], 'It is sub-judice.')).toEqual(['sub-judice']);
    expect(excerpts(['sub judice'], 'It is sub   judice.')).toEqual(['sub   judice']);
    expect(excerpts(['high court'], 'Go high. Court dates are fixed.')).toEqual([]);
  });

  it('matches a word stem written with a trailing *', () => {
    expect(excerpts(['court order*'], 'see the court orders and court ordered')).toEqual(['court orders', 'court ordered']);
  });

  it('drops a match covered by one of the rule\'s except phrases', () => {
    const rule = { except: ['food court', 'in case'] };
    expect(excerpts(['court', 'case'], 'The food court is open; in case of doubt ask.', rule)).toEqual([]);
    expect(excerpts(['court', 'case'], 'The court took up the case.', rule)).toEqual(['court', 'case']);
  });

  it('with near, counts a match only within N words of a second phrase', () => {
    const rule = { near: { phrases: ['government'], within: 3 } };
    expect(excerpts(['corrupt'], 'The government is totally corrupt.', rule)).toEqual(['corrupt']);
    expect(excerpts(['corrupt'], 'Corrupt files were repaired by the IT team of the government.', rule)).toEqual([]);
  });

  it('with notNear, drops a match close to a debunking word (a team rebutting a rumour)', () => {
    const rule = { notNear: { phrases: ['fake', 'do not believe'], within: 4 } };
    expect(excerpts(['viral message'], 'This viral message is fake.', rule)).toEqual([]);
    expect(excerpts(['viral message'], 'Do not believe the viral message.', rule)).toEqual([]);
    expect(excerpts(['viral message'], 'As per a viral message, offices will shut.', rule)).toEqual(['viral message']);
  });
});

describe('Devanagari phrase matching', () => {
  it('respects word boundaries made of letters and matras, where JavaScript \\b fails', () => {
    expect(excerpts(['कोर्ट'], 'मामला कोर्ट में है')).toEqual(['कोर्ट']);
    expect(excerpts(['कोर्ट'], 'यह कोर्टरूम है')).toEqual([]);
    expect(excerpts(['मत'], 'मतदान केंद्र')).toEqual([]);
    expect(excerpts(['दान'], 'मतदान केंद्र')).toEqual([]);
    expect(excerpts(['अदालत'], 'अदालत।')).toEqual(['अदालत']);
  });

  it('ignores nukta: ज़ = ज, फ़ = फ, precomposed and decomposed alike', () => {
    expect(excerpts(['मुकदमा'], 'मुक़दमा दर्ज है')).toEqual(['मुक़दमा']);
    expect(excerpts(['मुक़दमा'], 'मुकदमा दर्ज है')).toEqual(['मुकदमा']);
    expect(excerpts(['बेवकूफ'], 'बेवक़ूफ़ है')).toEqual(['बेवक़ूफ़']);
    expect(excerpts(['बेवकूफ'], 'बेव\u0958ू\u095e है')).toEqual(['बेव\u0958ू\u095e']);
  });

  it('ignores chandrabindu/anusvara, long/short i and u matras, and nasal-conjunct spellings', () => {
    expect(excerpts(['चूड़ियां पहन'], 'चूड़ियाँ पहन लो')).toEqual(['चूड़ियाँ पहन']);
    expect(excerpts(['हिंदी'], 'हिन्दी में लिखें')).toEqual(['हिन्दी']);
    expect(excerpts(['सम्बन्ध'], 'इस संबंध में')).toEqual(['संबंध']);
    expect(excerpts(['पुलिस'], 'पुलीस आई')).toEqual(['पुलीस']);
    expect(excerpts(['कॉपी पेस्ट'], 'कोपी पेस्ट किया')).toEqual(['कोपी पेस्ट']);
  });

  it('ignores zero-width joiners typed inside words', () => {
    expect(excerpts(['क्षमा'], 'क्\u200dषमा करें')).toEqual(['क्\u200dषमा']);
  });

  it('matches Hinglish spellings listed in the pack', () => {
    const hinglish = ['bewakoof', 'bewkoof', 'bevkoof'];
    expect(excerpts(hinglish, 'Bewkoof mat bano. BEVKOOF!')).toEqual(['Bewkoof', 'BEVKOOF']);
  });
});

describe('folding keeps findings on the original text', () => {
  it('maps every folded character back to its span in the original', () => {
    const text = 'क़ानून हिन्दी Ä';
    const folded = foldWithMap(text);
    expect(folded.text).toBe(fold(text));
    expect(folded.text).toBe('कानुन हिंदि ä');
    expect(text.slice(folded.origin[0]!, folded.originEnd[0]!)).toBe('क़');
    const anusvara = folded.text.indexOf('ं');
    expect(text.slice(folded.origin[anusvara]!, folded.originEnd[anusvara]!)).toBe('न्');
  });

  it('reports start and end as JavaScript indices of the original, with emoji before the match', () => {
    const text = '🙏🙏 कृपया मुक़दमा न लिखें';
    const [finding] = checkDraft(compileRules([{ kind: 'phrases', phrases: ['मुकदमा'] }]), text);
    expect(finding).toBeDefined();
    expect(text.slice(finding!.start, finding!.end)).toBe('मुक़दमा');
  });
});
