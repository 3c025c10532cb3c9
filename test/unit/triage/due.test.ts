import { describe, expect, it } from 'vitest';
import { DEFAULT_SLA_POLICY, SlaPolicy, type SlaPolicyInput } from '../../../lib/contract/org';
import type { Reply } from '../../../lib/contract/triage';
import { dueTimes, settledStages, type ClockInputs } from '../../../lib/triage/due';

/** Weekdays 10:00–18:00 (IST), Saturday 10:00–14:00, Sunday off. */
const OFFICE: SlaPolicyInput['officeHours'] = [
  { start: '10:00', end: '18:00' },
  { start: '10:00', end: '18:00' },
  { start: '10:00', end: '18:00' },
  { start: '10:00', end: '18:00' },
  { start: '10:00', end: '18:00' },
  { start: '10:00', end: '14:00' },
  null,
];
const policy = (input: Partial<SlaPolicyInput> = {}) => SlaPolicy.parse({ ...DEFAULT_SLA_POLICY, ...input });
const officePolicy = policy({ officeHours: OFFICE, holidays: [{ date: '2026-12-25', name: 'Christmas' }] });

function item(createdAt: string, more: Partial<ClockInputs> = {}): ClockInputs {
  return { work: 'reply_to_body', item: { createdAt }, replies: [], status: 'open', flags: [], ...more };
}
const reply = (stage: Reply['stage'], source: Reply['source']): Reply => ({ stage, text: 'Noted', at: '2026-11-23T05:00:00.000Z', source });

/** An IST wall time as an ISO instant ("2026-11-23 11:00" → 05:30Z). */
const ist = (text: string) => new Date(`${text.replace(' ', 'T')}:00+05:30`).toISOString();

describe('due times around the clock (24×7)', () => {
  it('adds the durations to the comment time, across midnight', () => {
    expect(dueTimes(item(ist('2026-11-23 21:00')), policy())).toEqual({
      clockStart: ist('2026-11-23 21:00'),
      interimAt: ist('2026-11-24 01:00'),
      finalAt: ist('2026-11-24 09:00'),
    });
  });

  it('has no clock for a comment that is not the team’s work', () => {
    expect(dueTimes(item(ist('2026-11-23 21:00'), { work: undefined }), policy())).toBeUndefined();
  });

  it('starts at assignment when the policy says so, and not before', () => {
    const byAssignment = policy({ clockStartsAt: 'assignment' });
    expect(dueTimes(item(ist('2026-11-23 09:00')), byAssignment)).toBeUndefined();
    const assigned = dueTimes(item(ist('2026-11-23 09:00'), { assignedAt: ist('2026-11-23 15:00') }), byAssignment);
    expect(assigned).toEqual({ clockStart: ist('2026-11-23 15:00'), interimAt: ist('2026-11-23 19:00'), finalAt: ist('2026-11-24 03:00') });
  });
});

describe('due times in office hours (Asia/Kolkata)', () => {
  it('counts only office time: a Monday-morning comment', () => {
    expect(dueTimes(item(ist('2026-11-23 11:00')), officePolicy)).toEqual({
      clockStart: ist('2026-11-23 11:00'),
      interimAt: ist('2026-11-23 15:00'),
      // 7 h on Monday, the other 5 h from Tuesday's opening.
      finalAt: ist('2026-11-24 15:00'),
    });
  });

  it('starts a comment made at night at the next opening', () => {
    expect(dueTimes(item(ist('2026-11-23 23:30')), officePolicy)).toEqual({
      clockStart: ist('2026-11-24 10:00'),
      interimAt: ist('2026-11-24 14:00'),
      finalAt: ist('2026-11-25 14:00'),
    });
  });

  it('starts a comment made just after midnight at that morning’s opening', () => {
    expect(dueTimes(item(ist('2026-11-24 00:05')), officePolicy)?.clockStart).toBe(ist('2026-11-24 10:00'));
  });

  it('carries over the short Saturday and the Sunday off', () => {
    // Friday 16:00: 2 h on Friday, 2 h more on Saturday (10:00–12:00).
    const friday = dueTimes(item(ist('2026-11-27 16:00')), officePolicy)!;
    expect(friday.interimAt).toBe(ist('2026-11-28 12:00'));
    // 12 h: 2 h Friday, 4 h Saturday, none on Sunday, 6 h on Monday.
    expect(friday.finalAt).toBe(ist('2026-11-30 16:00'));
    // A Sunday comment waits for Monday.
    expect(dueTimes(item(ist('2026-11-29 12:00')), officePolicy)?.clockStart).toBe(ist('2026-11-30 10:00'));
  });

  it('skips holidays: a comment on a holiday starts the next working day', () => {
    const onHoliday = dueTimes(item(ist('2026-12-25 11:00')), officePolicy)!;
    expect(onHoliday.clockStart).toBe(ist('2026-12-26 10:00'));
    expect(onHoliday.interimAt).toBe(ist('2026-12-26 14:00'));
    // Saturday 26th gives 4 h, Sunday none, Monday 28th the other 8 h.
    expect(onHoliday.finalAt).toBe(ist('2026-12-28 18:00'));
    // The day before: 2 h on Thursday, the holiday passes, 2 h on Saturday.
    expect(dueTimes(item(ist('2026-12-24 16:00')), officePolicy)?.interimAt).toBe(ist('2026-12-26 12:00'));
  });

  it('ends a deadline at closing time rather than at the next opening', () => {
    expect(dueTimes(item(ist('2026-11-23 14:00')), officePolicy)?.interimAt).toBe(ist('2026-11-23 18:00'));
  });

  it('counts office time from the assignment', () => {
    const byAssignment = policy({ officeHours: OFFICE, clockStartsAt: 'assignment' });
    const due = dueTimes(item(ist('2026-11-20 11:00'), { assignedAt: ist('2026-11-23 17:00') }), byAssignment)!;
    expect(due.clockStart).toBe(ist('2026-11-23 17:00'));
    expect(due.interimAt).toBe(ist('2026-11-24 13:00'));
  });
});

describe('office hours across a change of daylight-saving time (Europe/London)', () => {
  const weekdays = { start: '09:00', end: '17:00' };
  const london = policy({ timeZone: 'Europe/London', officeHours: [weekdays, weekdays, weekdays, weekdays, weekdays, null, null] });

  it('counts the office hours of each day in its own offset', () => {
    // Friday 27 March 2026, 16:00 GMT; the clocks go forward on Sunday 29th.
    const due = dueTimes(item('2026-03-27T16:00:00.000Z'), london)!;
    // 1 h on Friday, 3 h from Monday's 09:00 BST (08:00Z).
    expect(due.interimAt).toBe('2026-03-30T11:00:00.000Z');
    // 1 h Friday, 8 h Monday, 3 h Tuesday: 12:00 BST.
    expect(due.finalAt).toBe('2026-03-31T11:00:00.000Z');
  });

  it('and back in the autumn', () => {
    // Friday 23 October 2026, 16:00 BST (15:00Z); the clocks go back on Sunday 25th.
    const due = dueTimes(item('2026-10-23T15:00:00.000Z'), london)!;
    // 1 h on Friday, 3 h from Monday's 09:00 GMT.
    expect(due.interimAt).toBe('2026-10-26T12:00:00.000Z');
  });

  it('around the clock, a day of 23 hours still counts real hours', () => {
    const allDay = policy({ timeZone: 'Europe/London', finalHours: 24 });
    expect(dueTimes(item('2026-03-28T12:00:00.000Z'), allDay)?.finalAt).toBe('2026-03-29T12:00:00.000Z');
  });
});

describe('settled stages', () => {
  const created = ist('2026-11-23 11:00');
  const deadlines = { clockStart: created, interimAt: ist('2026-11-23 15:00'), finalAt: ist('2026-11-24 15:00') };
  const settled = (extra: Partial<ClockInputs>) => settledStages({ replies: [], status: 'open', flags: [], ...extra });

  it('keeps the interim clock running for a reply only posted from the composer', () => {
    expect(dueTimes(item(created, { replies: [reply('interim', 'composer')] }), officePolicy)?.interimAt).toBe(ist('2026-11-23 15:00'));
    expect(settled({ replies: [reply('interim', 'composer')] })).toEqual({ interimSettled: false, finalSettled: false });
    expect(settled({ replies: [reply('final', 'composer')] })).toEqual({ interimSettled: false, finalSettled: false });
  });

  it('settles the interim stage with a reply seen on the page or marked with its link, and keeps its deadline for the reports', () => {
    for (const source of ['seen', 'manual'] as const) {
      expect(settled({ replies: [reply('interim', source)] })).toEqual({ interimSettled: true, finalSettled: false });
      expect(dueTimes(item(created, { replies: [reply('interim', source)] }), officePolicy)).toEqual(deadlines);
    }
  });

  it('settles both with a final reply seen, a replied or closed status, or spam; both deadlines stay', () => {
    const extras: Partial<ClockInputs>[] = [{ replies: [reply('final', 'seen')] }, { status: 'replied' }, { status: 'closed' }, { flags: ['spam'] }];
    for (const extra of extras) {
      expect(settled(extra)).toEqual({ interimSettled: true, finalSettled: true });
      expect(dueTimes(item(created, extra), officePolicy)).toEqual(deadlines);
    }
  });
});

describe('a perverse policy', () => {
  it('gives far-off deadlines rather than failing: a minute of office time a week against 720 hours', () => {
    const minute = policy({ finalHours: 720, officeHours: [{ start: '10:00', end: '10:01' }, null, null, null, null, null, null] });
    const due = dueTimes(item(ist('2026-11-23 09:00')), minute)!;
    expect(Date.parse(due.finalAt!)).toBeGreaterThan(Date.parse('2100-01-01T00:00:00Z'));
  });
});
