import { describe, expect, it } from 'vitest';
import { DEFAULT_SLA_POLICY } from '../../../lib/contract/org';
import type { Triage } from '../../../lib/contract/triage';
import { buildQueue, deadlines, DEFAULT_FILTERS, overdueCount, queueActions, type QueueFilters } from '../../../lib/triage/queue';
import { workTriage } from '../support/triage';

const now = new Date('2026-11-23T12:00:00.000Z');
function triage(id: string, minutesAgo: number, departmentId: string | null, more: Partial<Triage> = {}): Triage {
  return workTriage(id, new Date(now.getTime() - minutesAgo * 60_000).toISOString(), { departmentId, ...more });
}

const items = [
  triage('1', 60, 'hallmarking'), // interim due in 3 h
  triage('2', 300, 'hallmarking'), // interim overdue by 1 h
  triage('3', 225, 'hallmarking', { flags: ['sub_judice'] }), // interim due in 15 min
  triage('4', 30, 'nits', { item: { ...triage('4', 30, null).item, platform: 'facebook', id: '4', permalink: 'https://www.facebook.com/p/4', text: 'पानी की समस्या' }, key: 'facebook:4' }),
  triage('5', 10, null), // untouched: recorded by a moderator's browser, nobody assigned it
  triage('6', 400, 'hallmarking', { status: 'replied', replies: [{ stage: 'final', text: 'Done', at: now.toISOString(), source: 'seen' }] }),
  triage('7', 500, 'hallmarking', { status: 'closed', closed: { reason: 'spam', at: now.toISOString(), by: 'A' } }),
  triage('8', 280, 'hallmarking', { status: 'accepted', acceptedBy: 'A', replies: [{ stage: 'interim', text: 'Looking', at: now.toISOString(), source: 'seen' }] }),
  // A home-timeline tweet nobody assigned and nobody tracks: not the team's work.
  triage('9', 5, null, { work: undefined }),
];
const options = { policy: DEFAULT_SLA_POLICY, now };
const ids = (filters: Partial<QueueFilters>) => buildQueue(items, { ...DEFAULT_FILTERS, ...filters }, options).rows.map((row) => row.triage.item.id);

describe('the triage queue', () => {
  it("shows a department's waiting items, overdue first, then due soon, then by deadline", () => {
    const { rows } = buildQueue(items, { ...DEFAULT_FILTERS, scope: { kind: 'department', departmentId: 'hallmarking' } }, options);
    expect(rows.map((row) => [row.triage.item.id, row.sla.state, row.sla.stage])).toEqual([
      ['2', 'overdue', 'interim'],
      ['3', 'due-soon', 'interim'],
      ['1', 'ok', 'interim'],
      ['8', 'ok', 'final'],
    ]);
  });

  it("shows a moderator every open item of the team's work, untouched ones included, and nothing else", () => {
    expect(ids({})).toEqual(['2', '3', '1', '4', '5', '8']);
    expect(ids({ scope: { kind: 'unassigned' } })).toEqual(['5']);
  });

  it('filters by status, platform, flag and stage', () => {
    expect(ids({ status: 'replied' })).toEqual(['6']);
    expect(ids({ status: 'closed' })).toEqual(['7']);
    expect(ids({ status: 'accepted' })).toEqual(['8']);
    // Closed and replied items need no reply: their clocks are done and they sort last.
    expect(ids({ status: 'any' }).slice(-2).sort()).toEqual(['6', '7']);
    expect(ids({ platform: 'facebook' })).toEqual(['4']);
    expect(ids({ flag: 'sub_judice' })).toEqual(['3']);
    expect(ids({ stage: 'final' })).toEqual(['8']);
    expect(ids({ stage: 'interim', scope: { kind: 'department', departmentId: 'nits' } })).toEqual(['4']);
  });

  it('searches the text and the author, every word, in any case and in Hindi', () => {
    expect(ids({ search: 'COMMENT 3' })).toEqual(['3']);
    expect(ids({ search: 'citizen 2' })).toEqual(['2']);
    expect(ids({ search: 'c5' })).toEqual(['5']);
    expect(ids({ search: 'पानी' })).toEqual(['4']);
    expect(ids({ search: 'nobody said this' })).toEqual([]);
  });

  it('counts what it shows, by clock and by status', () => {
    const { counts } = buildQueue(items, { ...DEFAULT_FILTERS, status: 'any' }, options);
    expect(counts).toEqual({
      shown: 8,
      bySla: { overdue: 1, 'due-soon': 1, ok: 4, none: 0, done: 2 },
      byStatus: { open: 5, accepted: 1, replied: 1, closed: 1 },
    });
  });

  it("counts the signed-in user's overdue items for the badge", () => {
    expect(overdueCount(items, { role: 'department', departmentId: 'hallmarking' }, options)).toBe(1);
    expect(overdueCount(items, { role: 'department', departmentId: 'nits' }, options)).toBe(0);
    expect(overdueCount(items, { role: 'moderator', departmentId: null }, options)).toBe(1);
  });

  it("shows both deadlines: the server's stored due times, else the policy's from the comment's time", () => {
    const stored = triage('10', 60, 'nits', { due: { clockStart: now.toISOString(), interimAt: '2026-11-23T15:00:00.000Z', finalAt: '2026-11-24T03:00:00.000Z' } });
    expect(deadlines(stored, DEFAULT_SLA_POLICY)).toEqual({ interim: new Date('2026-11-23T15:00:00.000Z'), final: new Date('2026-11-24T03:00:00.000Z') });
    expect(deadlines(items[0]!, DEFAULT_SLA_POLICY)).toEqual({ interim: new Date('2026-11-23T15:00:00.000Z'), final: new Date('2026-11-23T23:00:00.000Z') });
    expect(deadlines(items[7]!, DEFAULT_SLA_POLICY).interim).toBeNull();
    expect(deadlines(items[5]!, DEFAULT_SLA_POLICY)).toEqual({ interim: null, final: null });
  });
});

describe('the actions a row offers', () => {
  const moderator = { role: 'moderator' as const, email: 'm@bis.example.in', departmentId: null };
  const contact = { role: 'department' as const, email: 'h@bis.example.in', departmentId: 'hallmarking' };

  it('offers a department contact its own items only what the server accepts', () => {
    expect(queueActions(items[0]!, contact)).toEqual(['open-comment', 'accept', 'reassign', 'unassign', 'note', 'close', 'mark-replied', 'history']);
    // Another department's item: the server would refuse every change.
    expect(queueActions(items[3]!, contact)).toEqual(['open-comment', 'history']);
    expect(queueActions(items[6]!, contact)).toEqual(['open-comment', 'note', 'reopen', 'history']);
  });

  it('offers a moderator every action the state allows', () => {
    // Unassigned: nothing to accept or unassign yet.
    expect(queueActions(items[4]!, moderator)).toEqual(['open-comment', 'reassign', 'note', 'close', 'mark-replied', 'history']);
    // Accepted already.
    expect(queueActions(items[7]!, moderator)).not.toContain('accept');
  });
});
