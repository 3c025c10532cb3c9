import { describe, expect, it } from 'vitest';
import { CannedLibraryError, parseCannedLibrary, validateCannedReply, type CannedReplyInput } from '../../../lib/canned/schema';

const reply = (overrides: Partial<CannedReplyInput> = {}): CannedReplyInput => ({
  id: 'ack',
  title: { en: 'Acknowledge', hi: 'पावती' },
  category: 'acknowledgement',
  keywords: ['thanks'],
  shortcut: '/ack',
  text: { en: 'Dear {{author.name | "citizen"}}, noted.', hi: 'प्रिय {{author.name | "नागरिक"}}, दर्ज किया गया।' },
  ...overrides,
});

function problemsOf(input: unknown): string[] {
  try {
    parseCannedLibrary(input);
  } catch (error) {
    if (error instanceof CannedLibraryError) return error.problems.map((p) => `${p.path.join('.')}: ${p.message}`);
    throw error;
  }
  return [];
}

describe('canned reply schema', () => {
  it('accepts a reply with every known variable and extra languages', () => {
    const result = validateCannedReply(
      reply({
        text: {
          en: '{{author.handle}} {{department.name}} {{department.contact}} {{ticket}} {{due.final}} {{today}}',
          hi: '{{ author.name }} {{ticket}}',
          bn: 'ধন্যবাদ {{ticket}}',
        },
      }),
    );
    expect(result.ok).toBe(true);
  });

  it('rejects an unknown variable, naming the reply, language, line and column', () => {
    const problems = problemsOf([reply({ text: { en: 'ok', hi: 'नमस्ते\nप्रिय {{author.email}}' } })]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^0\.text\.hi: reply "ack" \(hi\), line 2 column 7: unknown variable "author.email"/);
  });

  it('rejects a malformed placeholder rather than posting it literally', () => {
    expect(problemsOf([reply({ text: { en: 'Dear {{author.name, thanks', hi: 'ठीक' } })])[0]).toMatch(
      /reply "ack" \(en\), line 1 column 6: malformed placeholder/,
    );
    expect(problemsOf([reply({ text: { en: 'Dear {{author.name | citizen}}', hi: 'ठीक' } })])[0]).toMatch(/malformed placeholder/);
    expect(problemsOf([reply({ text: { en: 'Dear {{}}', hi: 'ठीक' } })])[0]).toMatch(/malformed placeholder/);
  });

  it('requires English and Hindi text and a known category', () => {
    const problems = problemsOf([{ ...reply(), text: { en: 'Noted.' }, category: 'misc' }]);
    expect(problems.some((p) => p.startsWith('0.text.hi'))).toBe(true);
    expect(problems.some((p) => p.startsWith('0.category'))).toBe(true);
  });

  it('rejects duplicate ids and shortcuts across the library', () => {
    const problems = problemsOf([reply(), reply({ id: 'ack-2' }), reply({ shortcut: '/other' })]);
    expect(problems).toContain('1.shortcut: shortcut /ack is already used by reply "ack"');
    expect(problems).toContain('2.id: duplicate reply id "ack"');
  });

  it('rejects a shortcut without the slash', () => {
    expect(problemsOf([reply({ shortcut: 'ack' })])[0]).toMatch(/^0\.shortcut:/);
  });
});
