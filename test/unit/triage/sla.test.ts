import { describe, expect, it } from 'vitest';
import { DEFAULT_SLA_POLICY } from '../../../lib/contract/org';
import { createTranslator } from '../../../lib/i18n';
import { formatSla } from '../../../lib/i18n/format';
import { clockOffset, serverNow, slaStatus } from '../../../lib/triage/sla';

const created = '2026-11-23T08:00:00.000Z';
const at = (hhmm: string) => new Date(`2026-11-23T${hhmm}:00.000Z`);
const none = { work: 'reply_to_body' as const, replies: [], flags: [] };

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
    const triage = { ...none, replies: [{ stage: 'interim' as const, text: 'Noted', at: '2026-11-23T09:00:00.000Z', source: 'seen' as const }] };
    const status = slaStatus(created, triage, DEFAULT_SLA_POLICY, at('13:00'));
    expect(status).toMatchObject({ state: 'ok', stage: 'final' });
    expect(status.dueAt?.toISOString()).toBe('2026-11-23T20:00:00.000Z');
    expect(slaStatus(created, triage, DEFAULT_SLA_POLICY, at('20:30')).state).toBe('overdue');
  });

  it('is done after a final reply, or when the comment is spam', () => {
    const replied = { ...none, replies: [{ stage: 'final' as const, text: 'Resolved', at: '2026-11-23T10:00:00.000Z', source: 'seen' as const }] };
    expect(slaStatus(created, replied, DEFAULT_SLA_POLICY, at('23:00')).state).toBe('done');
    expect(slaStatus(created, { ...none, flags: ['spam' as const] }, DEFAULT_SLA_POLICY, at('23:00')).state).toBe('done');
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

  it('has no clock for a comment that is not the team’s work', () => {
    expect(slaStatus(created, undefined, DEFAULT_SLA_POLICY, at('09:00'))).toEqual({ state: 'none', stage: null, dueAt: null });
    expect(slaStatus(created, { replies: [], flags: [] }, DEFAULT_SLA_POLICY, at('09:00')).state).toBe('none');
    expect(formatSla(slaStatus(created, undefined, DEFAULT_SLA_POLICY, at('09:00')), at('09:00'), createTranslator('en'))).toBe('');
  });

  it('keeps the interim clock running for a reply posted from the composer but not yet seen', () => {
    const posted = { ...none, replies: [{ stage: 'interim' as const, text: 'Noted', at: '2026-11-23T09:00:00.000Z', source: 'composer' as const }] };
    expect(slaStatus(created, posted, DEFAULT_SLA_POLICY, at('12:01'))).toMatchObject({ state: 'overdue', stage: 'interim' });
  });

  it('is done once closed or replied', () => {
    expect(slaStatus(created, { ...none, status: 'closed' as const }, DEFAULT_SLA_POLICY, at('09:00')).state).toBe('done');
    expect(slaStatus(created, { ...none, status: 'replied' as const }, DEFAULT_SLA_POLICY, at('09:00')).state).toBe('done');
  });

  it("shows the server's stored due times rather than computing its own", () => {
    const due = { clockStart: created, interimAt: '2026-11-23T10:00:00.000Z', finalAt: '2026-11-24T10:00:00.000Z' };
    const status = slaStatus(created, { ...none, due }, DEFAULT_SLA_POLICY, at('09:00'));
    expect(status).toMatchObject({ state: 'ok', stage: 'interim' });
    expect(status.dueAt?.toISOString()).toBe('2026-11-23T10:00:00.000Z');
    // The server settled the interim stage: the final one runs.
    expect(slaStatus(created, { ...none, due: { ...due, interimAt: null } }, DEFAULT_SLA_POLICY, at('09:00')).dueAt?.toISOString()).toBe(
      '2026-11-24T10:00:00.000Z',
    );
    // A reply seen here settles the interim stage before the server's row comes back.
    const seen = { ...none, due, replies: [{ stage: 'interim' as const, text: 'Noted', at: '2026-11-23T09:00:00.000Z', source: 'seen' as const }] };
    expect(slaStatus(created, seen, DEFAULT_SLA_POLICY, at('09:00')).stage).toBe('final');
  });

  it('has no clock before assignment when the clock starts there', () => {
    const policy = { ...DEFAULT_SLA_POLICY, clockStartsAt: 'assignment' as const };
    expect(slaStatus(created, none, policy, at('09:00')).state).toBe('none');
    const assigned = slaStatus(created, { ...none, assignedAt: '2026-11-23T10:00:00.000Z' }, policy, at('11:00'));
    expect(assigned.dueAt?.toISOString()).toBe('2026-11-23T14:00:00.000Z');
  });

  it("reads the server's clock from this one and its offset", () => {
    // The answer left the server at 12:00:05 and took 2 s there and back from a clock 5 s behind.
    const offset = clockOffset('2026-11-23T12:00:05.000Z', Date.parse('2026-11-23T11:59:59.000Z'), Date.parse('2026-11-23T12:00:01.000Z'));
    expect(offset).toBe(5_000);
    expect(serverNow(offset, new Date('2026-11-23T12:00:00.000Z')).toISOString()).toBe('2026-11-23T12:00:05.000Z');
    expect(serverNow(null, new Date('2026-11-23T12:00:00.000Z')).toISOString()).toBe('2026-11-23T12:00:00.000Z');
  });
});
