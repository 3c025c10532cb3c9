import { describe, expect, it } from 'vitest';
import { checkDraft } from '../../../lib/rules/check';
import { compiledDefaultPacks } from '../../../lib/rules';
import { compileRules } from './helpers';

describe('checkDraft with the default packs', () => {
  const compiled = compiledDefaultPacks();

  it('returns findings sorted by position with category, severity, message, source and suggestion', () => {
    const text = 'Stop this nonsense. The matter is sub judice. Aadhaar 2345 6789 0124.';
    const findings = checkDraft(compiled, text);
    expect(findings.map((f) => [f.ruleId, f.severity])).toEqual([
      ['en.abusive', 'block'],
      ['en.sub_judice.court', 'warn'],
      ['en.personal_info.aadhaar', 'block'],
    ]);
    expect(findings[2]).toMatchObject({ category: 'personal_info', excerpt: '2345 6789 0124', scope: 'draft' });
    expect(findings[2]!.source).toMatch(/MeitY/);
    expect(findings[2]!.suggestion).toBeTruthy();
    for (const f of findings) expect(text.slice(f.start, f.end)).toBe(f.excerpt);
  });

  it('gives messages and suggestions in Hindi when asked', () => {
    const [finding] = checkDraft(compiled, 'यह मामला न्यायालय में विचाराधीन है', { lang: 'hi' });
    expect(finding!.message).toMatch(/विचाराधीन/);
    expect(finding!.suggestion).toMatch(/[\u0900-\u097f]/);
  });

  it('warns that a reply may touch a sub-judice matter when the comment mentions a court, case number or FIR', () => {
    const reply = 'We are looking into your complaint.';
    for (const commentText of ['Writ petition no. 245/2023 is pending, why no action?', 'I filed an FIR against the postman', 'हाईकोर्ट में याचिका लगाई है']) {
      const finding = checkDraft(compiled, reply, { context: { commentText } }).find((f) => f.category === 'sub_judice');
      expect(finding, commentText).toMatchObject({ scope: 'comment', start: 0, end: 0 });
      expect(commentText).toContain(finding!.excerpt);
    }
    expect(checkDraft(compiled, reply, { context: { commentText: 'Fir se try kiya, parcel nahi mila. In case you check, food court wala PO.' } })).toEqual([]);
  });

  it('flags a reply over 280 X-weighted characters from where it overflows, and only for X', () => {
    const text = `${'Your complaint has been registered. '.repeat(8)}Thank you.`;
    const [finding] = checkDraft(compiled, text, { platform: 'x' }).filter((f) => f.category === 'length');
    expect(finding).toMatchObject({ ruleId: 'en.length.platform', start: 280, end: text.length });
    expect(finding!.message).toContain('280');
    expect(checkDraft(compiled, text, { platform: 'facebook' }).filter((f) => f.category === 'length')).toEqual([]);
  });

  it('counts links as 23 on X, so a long link does not overflow a short reply', () => {
    const text = `Details: https://www.bis.gov.in/${'a'.repeat(300)} thank you.`;
    expect(checkDraft(compiled, text, { platform: 'x' }).filter((f) => f.category === 'length')).toEqual([]);
  });

  it("asks for the organisation's handles on posts, not on replies", () => {
    const orgHandles = { x: ['IndiaPostOffice'], facebook: ['PostOffice.IN'] };
    const post = 'Visit your nearest post office during National Postal Week.';
    const [missing] = checkDraft(compiled, post, { platform: 'x', orgHandles }).filter((f) => f.category === 'required_tag');
    expect(missing!.message).toContain('@IndiaPostOffice');
    expect(missing).toMatchObject({ start: post.length, end: post.length });
    expect(checkDraft(compiled, `${post} @IndiaPostOffice`, { platform: 'x', orgHandles }).filter((f) => f.category === 'required_tag')).toEqual([]);
    expect(checkDraft(compiled, `${post} @IndiaPostOfficeFan`, { platform: 'x', orgHandles }).filter((f) => f.category === 'required_tag')).toHaveLength(1);
    expect(checkDraft(compiled, post, { platform: 'x', orgHandles, context: { commentText: 'When is postal week?' } }).filter((f) => f.category === 'required_tag')).toEqual([]);
    expect(checkDraft(compiled, post, { platform: 'x' }).filter((f) => f.category === 'required_tag')).toEqual([]);
  });

  it('finds numbers written in Devanagari digits, pointing at the original text', () => {
    const text = 'आपका आधार २३४५ ६७८९ ०१२४ और मोबाइल ९८७६५४३२१० है';
    const findings = checkDraft(compiled, text);
    expect(findings.map((f) => [f.ruleId, f.excerpt])).toEqual([
      ['en.personal_info.aadhaar', '२३४५ ६७८९ ०१२४'],
      ['en.personal_info.mobile', '९८७६५४३२१०'],
    ]);
  });

  it('lets an organisation allow its own helpline and e-mail domain', () => {
    const custom = compileRules([
      { kind: 'detector', detector: 'mobile', category: 'personal_info', allow: ['+91 98100 12345'] },
      { kind: 'detector', detector: 'email', category: 'personal_info', allow: ['kmcgov.in'] },
    ]);
    expect(checkDraft(custom, 'WhatsApp helpline 9810012345, mail help@kmcgov.in')).toEqual([]);
    expect(checkDraft(custom, 'Call 9810012346 or mail x@gmail.com').map((f) => f.excerpt)).toEqual(['9810012346', 'x@gmail.com']);
  });
});

describe('rule kinds', () => {
  it('runs regex rules on the original text with their flags', () => {
    const compiled = compileRules([{ kind: 'regex', pattern: '\\bFIR\\b', flags: '' }]);
    expect(checkDraft(compiled, 'An FIR was filed; fir se dekhein').map((f) => [f.start, f.end])).toEqual([[3, 6]]);
  });

  it('reports one finding per rule for overlapping matches', () => {
    const compiled = compileRules([{ kind: 'phrases', phrases: ['high court', 'court'] }]);
    expect(checkDraft(compiled, 'The High Court said').map((f) => f.excerpt)).toEqual(['High Court']);
  });

  it('fills {max} and {platform} in length messages and counts Facebook in characters', () => {
    const compiled = compileRules([{ kind: 'length', category: 'length', max: { facebook: 10 }, message: { en: 'over {max} on {platform}', hi: '{max} से अधिक' } }]);
    const [finding] = checkDraft(compiled, 'नमस्ते दुनिया के लोग', { platform: 'facebook' });
    expect(finding).toMatchObject({ message: 'over 10 on Facebook', start: 10 });
  });
});

describe('the check’s time budget', () => {
  it('throws CheckOverBudget rather than answering late', async () => {
    const { CheckOverBudget, checkDraft, compiledDefaultPacks } = await import('../../../lib/rules');
    const text = 'The matter is sub judice. '.repeat(200);
    expect(() => checkDraft(compiledDefaultPacks(), text, { budgetMs: -1 })).toThrow(CheckOverBudget);
    expect(checkDraft(compiledDefaultPacks(), text, { budgetMs: 60_000 }).length).toBeGreaterThan(0);
  });
});
