import { DEFAULT_SLA_POLICY } from '../../../lib/contract/org';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CANNED_LIBRARY } from '../../../lib/canned/default-library';
import { checkXLength } from '../../../lib/canned/length';
import { buildRenderContext, renderReply } from '../../../lib/canned/render';
import { CANNED_CATEGORIES } from '../../../lib/canned/schema';

describe('default canned library', () => {
  it('has at least 15 replies covering every category, each with a shortcut', () => {
    expect(DEFAULT_CANNED_LIBRARY.length).toBeGreaterThanOrEqual(15);
    expect(new Set(DEFAULT_CANNED_LIBRARY.map((r) => r.category))).toEqual(new Set(CANNED_CATEGORIES));
    for (const reply of DEFAULT_CANNED_LIBRARY) expect(reply.shortcut).toMatch(/^\/[a-z]+$/);
  });

  it('writes every Hindi reply in Devanagari', () => {
    for (const reply of DEFAULT_CANNED_LIBRARY) {
      expect(reply.text.hi, reply.id).toMatch(/[\u0900-\u097F]{3}/);
      expect(reply.title.hi, reply.id).toMatch(/[\u0900-\u097F]/);
    }
  });

  it('fits every reply, filled in, within an X reply in both languages', () => {
    // Longer than any department of the demo organisation, so the bound holds with room to spare.
    const department = {
      id: 'international-relations',
      name: { en: 'International Relations Department', hi: 'अंतर्राष्ट्रीय संबंध विभाग' },
      contact: { name: 'N. Kapoor', designation: 'Deputy Director General', mobile: '+91 99999 10008', email: 'international-relations.opc@bis.example.in' },
    };
    const org = { departments: [department], sla: DEFAULT_SLA_POLICY };
    const context = buildRenderContext({
      item: { platform: 'x', id: '1790000000000000001', author: { name: 'Ramachandran Venkataraman', handle: 'ramachandran_vk' }, createdAt: '2026-11-23T04:30:00Z' },
      triage: { departmentId: department.id },
      org,
      now: new Date('2026-11-23T06:00:00Z'),
    });
    for (const reply of DEFAULT_CANNED_LIBRARY) {
      for (const lang of ['en', 'hi']) {
        const { text } = renderReply(reply, lang, context);
        expect(text, `${reply.id} (${lang})`).not.toContain('{{');
        expect(checkXLength(text).over, `${reply.id} (${lang}): ${checkXLength(text).weighted}`).toBe(false);
      }
    }
  });
});
