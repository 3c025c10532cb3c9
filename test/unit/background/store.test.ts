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

  it('lists the keys of one site’s triaged items, and only that site’s', async () => {
    const store = await TriageStore.open(`samvad-test-${crypto.randomUUID()}`);
    await store.record(item, { type: 'flag', flag: 'spam', on: true }, 'local');
    await store.record({ ...item, id: '99' }, { type: 'flag', flag: 'spam', on: true }, 'local');
    await store.record({ ...item, platform: 'x', id: '1860000000000000000', permalink: 'https://x.com/a/status/1860000000000000000' }, { type: 'flag', flag: 'rumour', on: true }, 'local');
    expect((await store.keys('facebook')).sort()).toEqual(['facebook:1122334455', 'facebook:99']);
    expect(await store.keys('x')).toEqual(['x:1860000000000000000']);
    store.close();
  });
});

describe('TriageStore migrations', () => {
  it("keeps a database from before the server's rows were kept: synced rows become the base a refusal rolls back to", async () => {
    const { openDB } = await import('idb');
    const name = `samvad-test-${crypto.randomUUID()}`;
    const old = await openDB(name, 2, {
      upgrade(db) {
        db.createObjectStore('triage', { keyPath: 'key' });
        db.createObjectStore('meta', { keyPath: 'key' });
        db.createObjectStore('outbox', { keyPath: 'seq' }).createIndex('byItem', 'itemKey');
      },
    });
    const synced = { key: 'facebook:1122334455', item, departmentId: 'hallmarking', flags: [], cannedUsed: [], replies: [], overrides: [], updatedAt: item.createdAt, version: 4 };
    await old.put('triage', synced);
    old.close();

    const store = await TriageStore.open(name);
    // A refused flag on it goes back to the synced row, not to nothing.
    await store.record(item, { type: 'flag', flag: 'rumour', on: true }, 'local');
    const [refused] = await store.pending(10);
    const [rolledBack] = await store.acknowledge([refused!.seq], [], 'local', [refused!]);
    expect(rolledBack).toMatchObject({ departmentId: 'hallmarking', flags: [], version: 4 });
    expect(await store.get(['facebook:1122334455'])).toEqual([expect.objectContaining({ departmentId: 'hallmarking', flags: [] })]);
    store.close();
  });
});
