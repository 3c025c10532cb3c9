import { describe, expect, it } from 'vitest';
import type { Mutation, Triage } from '../../lib/contract/triage';
import { applyMutation, isNewerTriage } from '../../lib/triage/apply';

const item = {
  platform: 'x' as const,
  id: '1790000000000000001',
  author: { name: 'Ravi', handle: 'ravi' },
  text: 'My hallmark certificate is pending',
  permalink: 'https://x.com/ravi/status/1790000000000000001',
  createdAt: '2026-11-23T05:00:00.000Z',
};
let seq = 0;
function mutation(op: Mutation['op']): Mutation {
  seq += 1;
  return { id: crypto.randomUUID(), clientId: 'client-test', seq, at: '2026-11-23T06:00:00.000Z', item, op };
}

describe('applyMutation', () => {
  it('assigns an untouched item and records who did it', () => {
    const result = applyMutation(undefined, mutation({ type: 'assign', departmentId: 'hallmarking', baseDepartmentId: null }), 'a.sharma');
    expect(result.outcome).toBe('applied');
    if (result.outcome !== 'applied') return;
    expect(result.triage.departmentId).toBe('hallmarking');
    expect(result.triage.assignedBy).toBe('a.sharma');
    expect(result.triage.key).toBe('x:1790000000000000001');
  });

  it('reports a conflict when someone else assigned it meanwhile', () => {
    const first = applyMutation(undefined, mutation({ type: 'assign', departmentId: 'hallmarking', baseDepartmentId: null }), 'a');
    if (first.outcome !== 'applied') throw new Error('expected applied');
    const second = applyMutation(first.triage, mutation({ type: 'assign', departmentId: 'nits', baseDepartmentId: null }), 'b');
    expect(second.outcome).toBe('conflict');
    if (second.outcome === 'conflict') expect(second.triage.departmentId).toBe('hallmarking');
  });

  it('toggles flags idempotently', () => {
    const on = applyMutation(undefined, mutation({ type: 'flag', flag: 'sub_judice', on: true }), 'a');
    if (on.outcome !== 'applied') throw new Error('expected applied');
    const again = applyMutation(on.triage, mutation({ type: 'flag', flag: 'sub_judice', on: true }), 'a');
    if (again.outcome !== 'applied') throw new Error('expected applied');
    expect(again.triage.flags).toEqual(['sub_judice']);
    const off = applyMutation(again.triage, mutation({ type: 'flag', flag: 'sub_judice', on: false }), 'a');
    if (off.outcome !== 'applied') throw new Error('expected applied');
    expect(off.triage.flags).toEqual([]);
  });
});

describe('isNewerTriage', () => {
  const applied = (at: string, op: Mutation['op'], base?: Triage) => {
    const result = applyMutation(base, { ...mutation(op), at }, 'a');
    if (result.outcome !== 'applied') throw new Error('expected applied');
    return result.triage;
  };
  const canned = applied('2026-11-23T06:00:00.000Z', { type: 'useCanned', cannedId: 'final-resolved' });
  const replied = applied('2026-11-23T06:00:02.000Z', { type: 'recordReply', stage: 'final', text: 'Resolved' }, canned);

  it('never lets an older row of the same server version replace a newer one', () => {
    expect(isNewerTriage(replied, canned)).toBe(true);
    expect(isNewerTriage(canned, replied)).toBe(false);
    expect(isNewerTriage(canned, undefined)).toBe(true);
  });

  it('takes a higher server version whatever its clock says', () => {
    const fromServer = { ...canned, version: 7, updatedAt: '2026-11-23T05:00:00.000Z' };
    expect(isNewerTriage(fromServer, replied)).toBe(true);
    expect(isNewerTriage(replied, fromServer)).toBe(false);
  });
});
