import { describe, expect, it } from 'vitest';
import { DEFAULT_SLA_POLICY } from '../../../lib/contract/org';
import type { Triage } from '../../../lib/contract/triage';
import { buildQueue } from '../../../lib/triage/queue';

const now = new Date('2026-11-23T12:00:00.000Z');
function triage(id: string, minutesAgo: number, departmentId: string | null, replies: Triage['replies'] = []): Triage {
  const createdAt = new Date(now.getTime() - minutesAgo * 60_000).toISOString();
  return {
    key: `x:${id}`,
    work: 'reply_to_body',
    item: { platform: 'x', id, author: { name: 'C' }, text: 't', permalink: `https://x.com/c/status/${id}`, createdAt },
    departmentId,
    flags: [],
    cannedUsed: [],
    replies,
    overrides: [],
    status: 'open',
    notes: [],
    followUps: [],
    approvals: [],
    updatedAt: createdAt,
    version: 1,
  };
}

const items = [
  triage('1', 60, 'hallmarking'), // interim due in 3 h
  triage('2', 300, 'hallmarking'), // interim overdue by 1 h
  triage('3', 225, 'hallmarking'), // interim due in 15 min
  triage('4', 30, 'nits'),
  triage('5', 10, null),
  triage('6', 400, 'hallmarking', [{ stage: 'final', text: 'Done', at: now.toISOString(), source: 'seen' }]),
  { ...triage('7', 20, 'hallmarking'), work: undefined }, // assigned, but not the team's work: no clock
  { ...triage('8', 500, 'hallmarking'), status: 'closed' as const },
];
const options = { includeReplied: false, policy: DEFAULT_SLA_POLICY, now };

describe('the triage queue', () => {
  it("shows a department's waiting items, overdue first, then due soon, then by deadline", () => {
    const rows = buildQueue(items, { kind: 'department', departmentId: 'hallmarking' }, options);
    expect(rows.map((row) => [row.triage.item.id, row.sla.state])).toEqual([
      ['2', 'overdue'],
      ['3', 'due-soon'],
      ['1', 'ok'],
      ['7', 'none'],
    ]);
  });

  it('shows replied and closed items only when asked, last', () => {
    const rows = buildQueue(items, { kind: 'department', departmentId: 'hallmarking' }, { ...options, includeReplied: true });
    expect(rows.map((row) => row.triage.item.id)).toEqual(['2', '3', '1', '7', '8', '6']);
  });

  it('has views of the unassigned items and of every department', () => {
    expect(buildQueue(items, { kind: 'unassigned' }, options).map((row) => row.triage.item.id)).toEqual(['5']);
    expect(buildQueue(items, { kind: 'all' }, options)).toHaveLength(6);
  });
});
