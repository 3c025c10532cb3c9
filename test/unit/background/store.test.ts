import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { TriageStore } from '../../../lib/background/store';

const item = {
  platform: 'facebook' as const,
  id: '1122334455',
  author: { name: 'Meera' },
  text: 'Where is my hallmarking licence?',
  permalink: 'https://www.facebook.com/IndianStandards/posts/1?comment_id=1122334455',
  createdAt: '2026-11-23T05:00:00.000Z',
};

describe('TriageStore', () => {
  it('keeps triage across reopening the database, as across a service-worker restart', async () => {
    const name = `samvad-test-${crypto.randomUUID()}`;
    const first = await TriageStore.open(name);
    await first.record(item, { type: 'assign', departmentId: 'hallmarking', baseDepartmentId: null }, 'local');
    await first.record(item, { type: 'flag', flag: 'rumour', on: true }, 'local');
    // Doing again what is already done changes nothing and queues nothing.
    await first.record(item, { type: 'flag', flag: 'rumour', on: true }, 'local');
    const clientId = await first.clientId();
    first.close();

    const second = await TriageStore.open(name);
    const [triage] = await second.get(['facebook:1122334455', 'facebook:404']);
    expect(triage).toMatchObject({ departmentId: 'hallmarking', flags: ['rumour'] });
    expect(await second.get(['facebook:404'])).toEqual([]);
    expect(await second.clientId()).toBe(clientId);
    expect((await second.pending(10)).map((m) => [m.seq, m.clientId, m.op.type])).toEqual([
      [1, clientId, 'assign'],
      [2, clientId, 'flag'],
    ]);
    expect(await second.count()).toBe(1);
  });
});
