import { describe, expect, it } from 'vitest';
import { DEFAULT_CANNED_LIBRARY } from '../../../lib/canned/default-library';
import { buildRenderContext, renderReply } from '../../../lib/canned/render';
import { DEMO_ORG } from '../../../lib/org/demo-org';
import { checkDraft, compiledDefaultPacks } from '../../../lib/rules';

// The routine replies the team inserts must never be held back or warned about by the guideline
// checks, with or without a department's One-Point Contact filled in.
describe('default canned replies against the default guideline packs', () => {
  const compiled = compiledDefaultPacks();
  const officialContacts = DEMO_ORG.departments.flatMap((d) => [d.contact.mobile, d.contact.email]);
  const item = { platform: 'x' as const, id: '1790000000000000001', author: { name: 'Asha Verma', handle: 'asha' }, createdAt: '2026-11-20T10:00:00.000Z' };

  for (const departmentId of [null, ...DEMO_ORG.departments.map((d) => d.id)]) {
    const context = buildRenderContext({
      item: item as Parameters<typeof buildRenderContext>[0]['item'],
      triage: departmentId ? { departmentId } : null,
      org: DEMO_ORG,
      now: new Date('2026-11-23T06:00:00Z'),
    });
    it(`raise no warning when assigned to ${departmentId ?? 'no department'}`, () => {
      const loud: string[] = [];
      for (const reply of DEFAULT_CANNED_LIBRARY) {
        for (const lang of ['en', 'hi']) {
          const { text } = renderReply(reply, lang, context);
          for (const f of checkDraft(compiled, text, { platform: 'x', officialContacts })) {
            if (f.severity !== 'info') loud.push(`${reply.id} (${lang}) ${f.ruleId}: ${f.excerpt}`);
          }
        }
      }
      expect(loud).toEqual([]);
    });
  }
});
