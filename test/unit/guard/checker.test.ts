import { describe, expect, it } from 'vitest';
import type { OrgConfig } from '../../../lib/contract/org';
import { DraftChecker, officialContactsOf, packsFor } from '../../../lib/guard/checker';
import { DEMO_ORG } from '../../../lib/org/demo-org';
import { defaultPacks, verhoeffCheckDigit } from '../../../lib/rules';
import { caseListPack } from './case-list-pack';

const base = '23456789012';
const aadhaar = `${base}${verhoeffCheckDigit(base)}`;


const check = (checker: DraftChecker, text: string, extra: { commentText?: string; lang?: 'en' | 'hi' } = {}) =>
  checker.check({ text, platform: 'x', lang: extra.lang ?? 'en', ...(extra.commentText ? { commentText: extra.commentText } : {}) });

describe('checking drafts in the background', () => {
  it('blocks an Aadhaar number, with the message in the language asked for', () => {
    const checker = new DraftChecker(DEMO_ORG);
    const [en] = check(checker, `Your Aadhaar ${aadhaar} is linked.`);
    expect(en).toMatchObject({ ruleId: 'en.personal_info.aadhaar', severity: 'block', excerpt: aadhaar });
    const [hi] = check(checker, `Your Aadhaar ${aadhaar} is linked.`, { lang: 'hi' });
    expect(hi?.message).toContain('आधार');
  });

  it('never reports the departments’ own One-Point Contacts as personal information', () => {
    const checker = new DraftChecker(DEMO_ORG);
    const contact = DEMO_ORG.departments[0]!.contact;
    expect(officialContactsOf(DEMO_ORG)).toContain(contact.mobile);
    const findings = check(checker, `Please call our officer on ${contact.mobile} or write to ${contact.email}.`);
    expect(findings.filter((f) => f.category === 'personal_info')).toEqual([]);
  });

  it('gives the source citation in the language asked for', () => {
    const checker = new DraftChecker(DEMO_ORG);
    const [en] = check(checker, `Your Aadhaar ${aadhaar} is linked.`);
    const [hi] = check(checker, `Your Aadhaar ${aadhaar} is linked.`, { lang: 'hi' });
    expect(en?.source).toMatch(/^MeitY/);
    expect(hi?.source).toMatch(/इलेक्ट्रॉनिकी और सूचना प्रौद्योगिकी मंत्रालय/);
  });

  it('holds back a reply that goes into a matter the team flagged sub judice, not a holding reply', () => {
    const checker = new DraftChecker(DEMO_ORG);
    const reply = (text: string, commentFlags: ('sub_judice' | 'confidential')[]) =>
      checker.check({ text, platform: 'x', lang: 'en', commentText: 'When will you act against the dealer?', commentFlags });
    const substance = reply('Our inquiry found the dealer guilty of fraud.', ['sub_judice']);
    expect(substance).toContainEqual(expect.objectContaining({ ruleId: 'context.sub_judice', severity: 'block', scope: 'comment', excerpt: '' }));
    expect(reply('Our inquiry found the dealer guilty of fraud.', []).map((f) => f.ruleId)).not.toContain('context.sub_judice');
    expect(reply('As the matter is before the court, we are unable to comment.', ['sub_judice'])).toEqual([]);
  });

  it('reads the comment being answered for context rules', () => {
    const checker = new DraftChecker(DEMO_ORG);
    const findings = check(checker, 'We will look into it.', { commentText: 'My case is pending in the High Court, why is BIS silent?' });
    expect(findings.map((f) => [f.ruleId, f.scope])).toContainEqual(['context.sub_judice', 'comment']);
  });

  it('applies the organisation’s packs once its config changes', () => {
    const checker = new DraftChecker(DEMO_ORG);
    const draft = 'Sharma Jewellers will get a reply from the regional office.';
    const blocking = () => check(checker, draft).filter((f) => f.severity === 'block');
    expect(blocking()).toEqual([]);
    checker.setOrg({ ...DEMO_ORG, rulePacks: [caseListPack()] } as OrgConfig);
    expect(blocking().map((f) => [f.ruleId, f.excerpt])).toEqual([['bis.case.sharma', 'Sharma Jewellers']]);
  });

  it('skips a stored pack that is invalid rather than losing every rule', () => {
    const org = { ...DEMO_ORG, rulePacks: [{ id: 'broken', rules: 'none' }, caseListPack()] } as OrgConfig;
    expect(packsFor(org).map((p) => p.id)).toEqual([...defaultPacks().map((p) => p.id), 'bis-cases']);
  });

  it('lets an organisation pack replace a default pack with the same id', () => {
    const [first] = defaultPacks();
    const replacement = { ...caseListPack(), id: first!.id };
    const ids = packsFor({ rulePacks: [replacement] }).map((p) => p.id);
    expect(ids.filter((id) => id === first!.id)).toHaveLength(1);
    expect(packsFor({ rulePacks: [replacement] }).find((p) => p.id === first!.id)?.name).toBe('BIS sub-judice cases');
  });

  it('asks for the organisation’s handles on posts', () => {
    const checker = new DraftChecker({ ...DEMO_ORG, handles: { x: ['IndiaPostOffice'], facebook: [] } });
    const untagged = check(checker, 'Celebrate National Postal Week with us at your nearest post office.');
    expect(untagged.map((f) => f.ruleId)).toContain('en.required_tag');
    expect(check(checker, 'Celebrate National Postal Week with us at your nearest post office. @IndiaPostOffice').map((f) => f.ruleId)).not.toContain('en.required_tag');
  });
});
