import { describe, expect, it } from 'vitest';
import { DEFAULT_SLA_POLICY } from '../../../lib/contract/org';
import { createTranslator } from '../../../lib/i18n';
import { formatSla } from '../../../lib/i18n/format';
import { slaStatus } from '../../../lib/triage/sla';

const created = '2026-11-23T08:00:00.000Z';
const at = (hhmm: string) => new Date(`2026-11-23T${hhmm}:00.000Z`);
const none = { replies: [], flags: [] };

describe('SLA clock (KMC circular 19: interim in 4 h, final in 12 h)', () => {
  it('is ok well before the interim deadline', () => {
    const status = slaStatus(created, none, DEFAULT_SLA_POLICY, at('09:00'));
    expect(status).toMatchObject({ state: 'ok', stage: 'interim' });
    expect(status.dueAt?.toISOString()).toBe('2026-11-23T12:00:00.000Z');
  });

  it('is due soon in the last 30 minutes and overdue after', () => {
    expect(slaStatus(created, none, DEFAULT_SLA_POLICY, at('11:31')).state).toBe('due-soon');
    expect(slaStatus(created, none, DEFAULT_SLA_POLICY, at('12:01')).state).toBe('overdue');
  });

  it('counts towards the final reply once an interim reply is recorded', () => {
    const triage = { replies: [{ stage: 'interim' as const, text: 'Noted', at: '2026-11-23T09:00:00.000Z', source: 'seen' as const }], flags: [] };
    const status = slaStatus(created, triage, DEFAULT_SLA_POLICY, at('13:00'));
    expect(status).toMatchObject({ state: 'ok', stage: 'final' });
    expect(status.dueAt?.toISOString()).toBe('2026-11-23T20:00:00.000Z');
    expect(slaStatus(created, triage, DEFAULT_SLA_POLICY, at('20:30')).state).toBe('overdue');
  });

  it('is done after a final reply, or when the comment is spam', () => {
    const replied = { replies: [{ stage: 'final' as const, text: 'Resolved', at: '2026-11-23T10:00:00.000Z', source: 'seen' as const }], flags: [] };
    expect(slaStatus(created, replied, DEFAULT_SLA_POLICY, at('23:00')).state).toBe('done');
    expect(slaStatus(created, { replies: [], flags: ['spam' as const] }, DEFAULT_SLA_POLICY, at('23:00')).state).toBe('done');
  });

  it('follows a custom policy', () => {
    const policy = { ...DEFAULT_SLA_POLICY, interimHours: 2, finalHours: 24, dueSoonMinutes: 15 };
    expect(slaStatus(created, none, policy, at('09:50')).state).toBe('due-soon');
  });

  it('reads as a sentence in English and Hindi', () => {
    const status = slaStatus(created, none, DEFAULT_SLA_POLICY, at('09:55'));
    expect(formatSla(status, at('09:55'), createTranslator('en'))).toBe('Interim reply due in 2 h 5 min');
    expect(formatSla(status, at('09:55'), createTranslator('hi'))).toBe('अंतरिम उत्तर 2 घंटे 5 मिनट में देय');
    const late = slaStatus(created, none, DEFAULT_SLA_POLICY, at('12:40'));
    expect(formatSla(late, at('12:40'), createTranslator('en'))).toBe('Interim reply overdue by 40 min');
  });
});
