// The outbox keeps its promises, against the real team server (PGlite): a refused action is undone and
// explained, an unreadable row never blocks the rest, actions go out only under the user who made them,
// and they go out by themselves soon after the network comes back.
import { describe, expect, it } from 'vitest';
import { openSamvadDb } from '../../lib/background/store';
import { install, until, useListeningServer } from './extension-install';
import { comment, PASSWORD } from './server-harness';

describe('the outbox against the team server', () => {
  const team = useListeningServer();

  /** An install signed in as the first moderator (poke socket closed: only the engine's own syncs run). */
  const signedIn = async () => {
    const a = await install(team.url);
    await a.engine.signIn(team.url, team.server.users.moderator.email, PASSWORD);
    a.engine.disconnect();
    return { a, me: { id: team.server.users.moderator.id, name: team.server.users.moderator.name } };
  };

  /** What another moderator's fresh install pulls for `key`. */
  const seenByAnother = async (key: `x:${string}`) => {
    const other = await install(team.url);
    await other.engine.signIn(team.url, team.server.users.moderator2.email, PASSWORD);
    other.engine.disconnect();
    return (await other.store.get([key]))[0];
  };

  it('rolls a refused action back (on every tab) and says why, keeping what the server applied', async () => {
    const { a, me } = await signedIn();
    await a.store.record(comment('7001'), { type: 'flag', flag: 'rumour', on: true }, me.name, me);
    await a.engine.sync();
    // The moderator's page shows the assignment at once; the server refuses it.
    await a.store.record(comment('7001'), { type: 'assign', departmentId: 'atlantis', baseDepartmentId: null }, me.name, me);
    expect((await a.store.get(['x:7001']))[0]?.departmentId).toBe('atlantis');
    await a.engine.sync();

    expect(a.notices).toEqual([expect.objectContaining({ key: 'x:7001', kind: 'rejected', reason: expect.stringMatching(/atlantis/) })]);
    expect((await a.store.get(['x:7001']))[0]).toMatchObject({ departmentId: null, flags: ['rumour'] });
    // What the tabs were sent last for the item is the rolled-back row.
    expect(a.changed.filter((row) => row.key === 'x:7001').at(-1)).toMatchObject({ departmentId: null, flags: ['rumour'] });
    expect((await a.engine.status()).pending).toBe(0);

    // An item the server never had goes back to untriaged.
    await a.store.record(comment('7002'), { type: 'assign', departmentId: 'atlantis', baseDepartmentId: null }, me.name, me);
    await a.engine.sync();
    expect(await a.store.get(['x:7002'])).toEqual([]);
    expect(a.changed.filter((row) => row.key === 'x:7002').at(-1)).toMatchObject({ departmentId: null, flags: [] });
  });

  it('sets unreadable rows aside (kept for export, counted in the status) and sends the ones behind them', async () => {
    const { a, me } = await signedIn();
    // 150 rows an older or broken version left at the head of the outbox: more than a push batch.
    const db = await openSamvadDb(a.dbName);
    for (let seq = 1; seq <= 150; seq++) await db.put('outbox', { seq, itemKey: `x:bad${seq}`, garbage: true } as never);
    await db.put('meta', { key: 'seq', value: 150 });
    db.close();
    await a.store.record(comment('7101'), { type: 'flag', flag: 'spam', on: true }, me.name, me);
    await a.engine.sync();

    expect(await a.engine.status()).toMatchObject({ pending: 0, setAside: 150, lastError: null });
    expect((await a.store.exportUnsent(null)).setAside).toHaveLength(150);
    expect((await seenByAnother('x:7101'))?.flags).toEqual(['spam']);
  });

  it("never sends one user's unsent actions under another's sign-in; they wait for their maker, or are discarded", async () => {
    const { a, me: first } = await signedIn();
    a.network.offline = true;
    await a.store.record(comment('7201'), { type: 'flag', flag: 'sub_judice', on: true }, first.name, first);
    await a.store.record(comment('7202'), { type: 'flag', flag: 'spam', on: true }, first.name, first);
    await a.engine.sync();
    a.network.offline = false;
    await a.engine.signOut();

    await a.engine.signIn(team.url, team.server.users.moderator2.email, PASSWORD);
    a.engine.disconnect();
    await a.engine.sync();
    expect(await a.engine.status()).toMatchObject({ pending: 0, unsentByOthers: [{ user: first, count: 2 }] });
    expect((await seenByAnother('x:7201'))?.flags ?? []).toEqual([]);

    // Kept for later: the first moderator signs in again and they go out in their name.
    await a.engine.signOut();
    await a.engine.signIn(team.url, team.server.users.moderator.email, PASSWORD);
    a.engine.disconnect();
    expect(await a.engine.status()).toMatchObject({ pending: 0, unsentByOthers: [] });
    expect(await seenByAnother('x:7201')).toMatchObject({ flags: ['sub_judice'], updatedBy: first.name });

    // Discarded: another user's action is dropped and its item rolled back.
    const second = { id: team.server.users.moderator2.id, name: team.server.users.moderator2.name };
    a.network.offline = true;
    await a.store.record(comment('7203'), { type: 'flag', flag: 'rumour', on: true }, second.name, second);
    a.network.offline = false;
    await a.engine.discardUnsent(second.id);
    expect(await a.engine.status()).toMatchObject({ pending: 0, unsentByOthers: [] });
    expect(await a.store.get(['x:7203'])).toEqual([]);
  });

  it('sends what waited soon after the network comes back, without being asked again', async () => {
    const { a, me } = await signedIn();
    a.network.offline = true;
    await a.store.record(comment('7301'), { type: 'flag', flag: 'spam', on: true }, me.name, me);
    await a.engine.sync();
    expect((await a.engine.status()).pending).toBe(1);
    a.network.offline = false;
    // No sync() call, no alarm: the engine's own retry sends it.
    await until(async () => (await a.engine.status()).pending === 0);
    expect((await seenByAnother('x:7301'))?.flags).toEqual(['spam']);
  });
});
