import { describe, expect, it } from 'vitest';
import { checkDraft } from '../../../lib/rules/check';
import { compilePacks } from '../../../lib/rules/compile';
import { checkExample } from '../../../lib/rules/examples';
import { defaultPacks } from '../../../lib/rules/packs';
import { CATEGORIES } from '../../../lib/rules/schema';

const packs = defaultPacks();
const compiled = compilePacks(packs);

describe.each(packs.map((p) => [p.id, p] as const))('default pack %s', (_, pack) => {
  it('cites a source circular for every rule in English and Hindi and has English and Hindi messages', () => {
    for (const rule of pack.rules) {
      const source = typeof rule.source === 'string' ? { en: rule.source, hi: '' } : rule.source;
      expect(source.en, rule.id).toMatch(/MeitY|Chhattisgarh GAD|Department of Posts/);
      expect(source.hi, rule.id).toMatch(/MeitY|छत्तीसगढ़|डाक विभाग/);
      expect(rule.message.hi, rule.id).toMatch(/[\u0900-\u097f]/);
    }
  });

  describe.each(pack.rules.map((r) => [r.id, r] as const))('rule %s', (_, rule) => {
    it.each(rule.examples.match.map((e) => [e]))('finds %j', (example) => {
      expect(checkExample(compiled, rule, example).map((f) => f.ruleId)).toContain(rule.id);
    });
    // Routine text in a rule's noMatch list must raise nothing worse than info from any default rule.
    it.each(rule.examples.noMatch.map((e) => [e]))('stays quiet on %j', (example) => {
      const loud = checkExample(compiled, rule, example).filter((f) => f.ruleId === rule.id || f.severity !== 'info');
      expect(loud.map((f) => `${f.ruleId}: ${f.excerpt}`)).toEqual([]);
    });
  });
});

describe('default packs together', () => {
  it('cover every prohibition in the circulars with a warn or block rule', () => {
    const covered = new Set(packs.flatMap((p) => p.rules.filter((r) => r.severity !== 'info').map((r) => r.category)));
    for (const category of CATEGORIES.filter((c) => c !== 'language')) expect(covered, category).toContain(category);
  });

  it('give every rule examples that must match', () => {
    for (const rule of packs.flatMap((p) => p.rules)) {
      expect(rule.examples.match.length, rule.id).toBeGreaterThan(0);
    }
  });

  it('stay quiet on routine reference numbers, codes, dates and everyday words', () => {
    const routine = [
      'Products must conform to IS 1417:2016; see the BIS website.',
      'Your article EE123456789IN was delivered on 12.03.2024 at PIN 110002.',
      'Order No. 2024/BIS/4567 dated 06/03/2020 refers.',
      'The food court counter is open; in case of any issue, read our case study.',
      'Reference number 45012/2023 is under process. In case no one calls, write again.',
      'हॉलमार्क विशिष्ट पहचान (HUID) AB12CD से आभूषण की जांच करें।',
      'आपका पार्सल EE123456789IN दिनांक 12.03.2024 को पिन 110002 पर वितरित हुआ।',
      'Aapki shikayat darj ho gayi hai, reference no. 78451 hai.',
    ];
    for (const text of routine) {
      const loud = checkDraft(compiled, text).filter((f) => f.severity !== 'info');
      expect(loud.map((f) => `${f.ruleId}: ${f.excerpt}`), text).toEqual([]);
    }
  });

  it('reply in the commenter language: an English reply to a Hindi comment gets a language note', () => {
    const findings = checkDraft(compiled, 'We have forwarded your complaint to the Hallmarking department.', {
      context: { commentText: 'मेरे हॉलमार्क वाले गहने की शिकायत पर कोई कार्रवाई नहीं हुई' },
    });
    expect(findings.map((f) => f.ruleId)).toContain('en.language.reply_in_kind');
  });
});
