import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { TriageStore } from '../../../lib/background/store';
import type { CommentItem } from '../../../lib/contract/item';

const item = (id: string): CommentItem => ({
  platform: 'x',
  id,
  author: { name: 'Priya', handle: 'priya' },
  text: 'When will my lab report be ready? @IndianStandards',
  permalink: `https://x.com/priya/status/${id}`,
  createdAt: '2026-11-23T05:00:00.000Z',
});
const see = { type: 'see' as const, work: 'mention' as const, firstSeenAt: '2026-11-23T06:00:00.000Z' };

describe('recording what a page saw', () => {
  it('records a batch in one go, and never queues a second "see" for an item already known with a work reason', async () => {
    const store = await TriageStore.open(`samvad-test-${crypto.randomUUID()}`);
    const outcomes = await store.recordMany(['1', '2', '3'].map((id) => ({ item: item(id), op: see })), 'Asha', { id: 'u1', name: 'Asha' });
    expect(outcomes.map((o) => o.outcome)).toEqual(['applied', 'applied', 'applied']);
    expect((await store.pending(10, 'u1')).map((m) => [m.seq, m.op.type])).toEqual([[1, 'see'], [2, 'see'], [3, 'see']]);
    // Scrolled past again (or seen by another tab): nothing more to send.
    await store.recordMany(['1', '2', '3'].map((id) => ({ item: item(id), op: see })), 'Asha', { id: 'u1', name: 'Asha' });
    expect(await store.pendingCount('u1')).toBe(3);
    // The next action still gets the next number.
    await store.record(item('1'), { type: 'flag', flag: 'spam', on: true }, 'Asha', { id: 'u1', name: 'Asha' });
    expect((await store.pending(10, 'u1')).map((m) => m.seq)).toEqual([1, 2, 3, 4]);
  });

  it('rolls back a refused track, as the moderator is told: the comment shows untracked again', async () => {
    const store = await TriageStore.open(`samvad-test-${crypto.randomUUID()}`);
    await store.record(item('9'), { type: 'track', on: true }, 'Dept', { id: 'd1', name: 'Dept' });
    expect((await store.get(['x:9']))[0]?.work).toBe('tracked');
    const [tracked] = await store.pending(10, 'd1');
    const written = await store.acknowledge([tracked!.seq], [], 'Dept', [tracked!]);
    expect(written.map((row) => [row.key, row.work])).toEqual([['x:9', undefined]]);
    expect(await store.get(['x:9'])).toEqual([]);
  });
});
