import { DEFAULT_SLA_POLICY } from '../../../lib/contract/org';
import { describe, expect, it } from 'vitest';
import type { Department } from '../../../lib/contract/org';
import { buildRenderContext, cleanDisplayName, renderReply, ticketReference } from '../../../lib/canned/render';
import type { CannedReply } from '../../../lib/canned/schema';

const hallmarking: Department = {
  id: 'hallmarking',
  name: { en: 'Hallmarking', hi: 'हॉलमार्किंग' },
  contact: { name: 'A. Sharma', designation: 'Scientist-E', mobile: '+91 99999 10007', email: 'hallmarking.opc@bis.example.in' },
};
const org = { departments: [hallmarking], sla: DEFAULT_SLA_POLICY };
const item = {
  platform: 'x' as const,
  id: '1790000000000000001',
  author: { name: 'Ramesh Kumar', handle: 'ramesh_k' },
  createdAt: '2026-11-23T04:30:00.000Z',
};
const now = new Date('2026-11-23T06:00:00.000Z');

const reply = (en: string, hi = 'नमस्ते'): Pick<CannedReply, 'id' | 'text'> => ({ id: 't', text: { en, hi } });

describe('renderReply', () => {
  it('fills the author, department and ticket from the comment and its assignment', () => {
    const context = buildRenderContext({ item, triage: { departmentId: 'hallmarking' }, org, now });
    const { text, missing } = renderReply(
      reply('{{author.handle}} Dear {{author.name | "citizen"}}, {{department.name}} ({{department.contact}}) has your query {{ticket}}.'),
      'en',
      context,
    );
    expect(text).toBe(
      `@ramesh_k Dear Ramesh Kumar, Hallmarking (Scientist-E (hallmarking.opc@bis.example.in)) has your query ${ticketReference('x', item.id)}.`,
    );
    expect(missing).toEqual([]);
  });

  it('never puts the officer’s name or mobile number in a public reply', () => {
    const context = buildRenderContext({ item, triage: { departmentId: 'hallmarking' }, org, now });
    const { text } = renderReply(reply('{{department.contact}}'), 'en', context);
    expect(text).not.toContain('Sharma');
    expect(text).not.toContain('99999');
  });

  it('uses the template fallback, then a default word, when a value is missing', () => {
    const anonymous = { ...item, author: { name: '  ' } };
    const context = buildRenderContext({ item: anonymous, triage: { departmentId: null }, org, now });
    const rendered = renderReply(
      reply('Dear {{author.name | "friend"}}, {{department.name}} will reply. {{author.handle}}', 'प्रिय {{author.name}}, {{department.name}} उत्तर देगा।'),
      'en',
      context,
    );
    expect(rendered.text).toBe('Dear friend, the concerned department will reply. citizen');
    expect(rendered.missing).toEqual(['author.name', 'department.name', 'author.handle']);
    const hindi = reply('x', 'प्रिय {{author.name}}, {{department.name}} उत्तर देगा।');
    expect(renderReply(hindi, 'hi', context).text).toBe('प्रिय नागरिक, संबंधित विभाग उत्तर देगा।');
  });

  it('writes dates for the reply language in Indian time', () => {
    const context = buildRenderContext({ item, triage: { departmentId: 'hallmarking' }, org, now });
    const template = reply('Reply by {{due.final}}; today is {{today}}.', 'उत्तर {{due.final}} तक; आज {{today}} है।');
    // Created 10:00 IST + 12 h = 22:00 IST on 23 November.
    expect(renderReply(template, 'en', context).text).toBe('Reply by 23 November 2026 at 10:00 pm; today is 23 November 2026.');
    const hindi = renderReply(template, 'hi', context).text;
    expect(hindi).toContain('23 नवंबर 2026');
    expect(hindi).toMatch(/^उत्तर 23 नवंबर 2026 .*10:00.* तक; आज 23 नवंबर 2026 है।$/);
  });

  it('uses the organisation’s final-reply hours for the due date', () => {
    const context = buildRenderContext({ item, triage: null, org: { ...org, sla: { ...org.sla, finalHours: 24 } }, now });
    expect(renderReply(reply('{{due.final}}'), 'en', context).text).toBe('24 November 2026 at 10:00 am');
  });

  it('falls back to English when the reply has no text in the asked language', () => {
    const context = buildRenderContext({ item, now });
    expect(renderReply(reply('Thanks'), 'ta', context)).toMatchObject({ text: 'Thanks', lang: 'en' });
  });

  it('keeps line breaks and Devanagari exactly', () => {
    const context = buildRenderContext({ item, now });
    expect(renderReply(reply('a', 'प्रिय {{author.name}},\nधन्यवाद।\n\nसंदर्भ'), 'hi', context).text).toBe('प्रिय Ramesh Kumar,\nधन्यवाद।\n\nसंदर्भ');
  });

  it('puts display names into salutations without emoji and decorations', () => {
    const named = (name: string) => buildRenderContext({ item: { ...item, author: { name } }, now });
    expect(renderReply(reply('Dear {{author.name}},'), 'en', named('Sunita Rao 🇮🇳')).text).toBe('Dear Sunita Rao,');
    expect(renderReply(reply('a', 'प्रिय {{author.name}},'), 'hi', named('राजेश कुमार 🙏🏽')).text).toBe('प्रिय राजेश कुमार,');
    // Nothing of a name left: the fallback word, not an empty salutation.
    expect(renderReply(reply('Dear {{author.name | "citizen"}},'), 'en', named('🙏✨')).text).toBe('Dear citizen,');
    expect(cleanDisplayName('꧁Amit꧂')).toBe('Amit');
    expect(cleanDisplayName('𝓢𝓾𝓷𝓲𝓽𝓪 𝓡𝓪𝓸')).toBe('Sunita Rao');
    expect(cleanDisplayName('👩‍💻 Deepa Nair ✨')).toBe('Deepa Nair');
    expect(cleanDisplayName("Dr. A.P.J. O'Brien-Kalam")).toBe("Dr. A.P.J. O'Brien-Kalam");
  });

  it('gives every moderator the same ticket reference for an item', () => {
    expect(ticketReference('x', '1790000000000000001')).toBe(ticketReference('x', '1790000000000000001'));
    expect(ticketReference('x', '1790000000000000001')).not.toBe(ticketReference('facebook', '1790000000000000001'));
    expect(ticketReference('facebook', '123_456')).toMatch(/^SV-[0-9A-Z]{7}$/);
  });
});
