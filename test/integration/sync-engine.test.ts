import { describe, expect, it } from 'vitest';
import { DEMO_ORG } from '../../lib/org/demo-org';
import { OrgEditForbidden, UsersForbidden } from '../../lib/sync/engine';
import { MAX_PUSH_MUTATIONS } from '../../lib/contract/api';
import { install, until, useListeningServer } from './extension-install';
import { comment, PASSWORD, TestClient } from './server-harness';

describe('sync engine against the team server (PGlite)', () => {
  const team = useListeningServer();

  it("relays an admin's account actions to the server, and refuses them for other roles", async () => {
    const admin = await install(team.url);
    await admin.engine.signIn(team.url, team.server.users.admin.email, PASSWORD);
    const added = await admin.engine.manageUsers({ action: 'add', email: 'engine@bis.example.in', name: 'E. Ngine', role: 'moderator', departmentId: null, password: 'long enough password' });
    const user = added.find((u) => u.email === 'engine@bis.example.in')!;
    expect(user).toMatchObject({ disabled: false });
    expect((await admin.engine.manageUsers({ action: 'disable', id: user.id })).find((u) => u.id === user.id)!.disabled).toBe(true);
    expect((await admin.engine.manageUsers({ action: 'enable', id: user.id })).find((u) => u.id === user.id)!.disabled).toBe(false);
    await admin.engine.manageUsers({ action: 'reset', id: user.id, password: 'another long password' });
    const moderator = await install(team.url);
    await moderator.engine.signIn(team.url, 'engine@bis.example.in', 'another long password');
    await expect(moderator.engine.manageUsers({ action: 'list' })).rejects.toBeInstanceOf(UsersForbidden);
    const signedOut = await admin.engine.manageUsers({ action: 'signOut', id: user.id });
    expect(signedOut.find((u) => u.id === user.id)!.activeSessions).toBe(0);
  });

  it('keeps offline actions across a service-worker restart and lands them once after reconnecting', async () => {
    const a = await install(team.url);
    await a.engine.signIn(team.url, team.server.users.moderator.email, PASSWORD);
    a.network.offline = true;
    await a.store.record(comment('5001'), { type: 'assign', departmentId: 'hallmarking', baseDepartmentId: null }, 'M. Moderator');
    await a.store.record(comment('5001'), { type: 'flag', flag: 'rumour', on: true }, 'M. Moderator');
    await a.engine.sync();
    expect((await a.engine.status()).pending).toBe(2);
    expect((await a.engine.status()).lastError).toMatch(/fetch/i);

    // The worker is stopped: a new store and engine open the same database.
    a.engine.disconnect();
    a.store.close();
    const restarted = await install(team.url, a.dbName);
    expect((await restarted.engine.status()).pending).toBe(2);
    await restarted.engine.sync();
    await restarted.engine.sync(); // a second flush sends nothing twice
    expect((await restarted.engine.status())).toMatchObject({ pending: 0, lastError: null, signedIn: true });

    const other = await install(team.url);
    await other.engine.signIn(team.url, team.server.users.moderator2.email, PASSWORD);
    const [row] = await other.store.get(['x:5001']);
    expect(row).toMatchObject({ departmentId: 'hallmarking', flags: ['rumour'], assignedBy: 'M. Moderator' });
    other.engine.disconnect();
    restarted.engine.disconnect();
  });

  it("pokes a second moderator, whose store and tabs get the first one's assignment without asking", async () => {
    const a = await install(team.url);
    const b = await install(team.url);
    await a.engine.signIn(team.url, team.server.users.moderator.email, PASSWORD);
    await b.engine.signIn(team.url, team.server.users.moderator2.email, PASSWORD);
    await until(() => b.engine.connected);

    await a.store.record(comment('5002'), { type: 'assign', departmentId: 'nits', baseDepartmentId: null }, 'M. Moderator');
    await a.engine.sync();
    await until(() => b.changed.some((row) => row.key === 'x:5002' && row.departmentId === 'nits'));
    expect((await b.store.get(['x:5002']))[0]?.departmentId).toBe('nits');
    a.engine.disconnect();
    b.engine.disconnect();
  });

  it('shows a conflict to the moderator who lost the race, with who assigned it, and takes the server row', async () => {
    const a = await install(team.url);
    const b = await install(team.url);
    await a.engine.signIn(team.url, team.server.users.moderator.email, PASSWORD);
    await b.engine.signIn(team.url, team.server.users.moderator2.email, PASSWORD);
    a.engine.disconnect();
    b.engine.disconnect();
    b.network.offline = true;
    await a.store.record(comment('5003'), { type: 'assign', departmentId: 'hallmarking', baseDepartmentId: null }, 'M. Moderator');
    await b.store.record(comment('5003'), { type: 'assign', departmentId: 'laboratory', baseDepartmentId: null }, 'N. Moderator');
    await a.engine.sync();
    b.network.offline = false;
    await b.engine.sync();

    expect(b.notices).toEqual([
      expect.objectContaining({ key: 'x:5003', kind: 'conflict', assignedBy: 'M. Moderator', departmentId: 'hallmarking' }),
    ]);
    expect((await b.store.get(['x:5003']))[0]?.departmentId).toBe('hallmarking');
    expect((await b.engine.status()).pending).toBe(0);
  });

  it('keeps the outbox when the server no longer accepts the token, until the moderator signs in again', async () => {
    const a = await install(team.url);
    await a.engine.signIn(team.url, team.server.users.moderator.email, PASSWORD);
    a.engine.disconnect();
    const session = (await a.engine.session())!;
    await team.server.app.inject({ method: 'POST', url: '/auth/logout', headers: { authorization: `Bearer ${session.token}` } });
    await a.store.record(comment('5004'), { type: 'flag', flag: 'spam', on: true }, 'M. Moderator');
    await a.engine.sync();
    expect(await a.engine.status()).toMatchObject({ signedIn: false, expired: true, pending: 1 });

    await a.engine.signIn(team.url, team.server.users.moderator.email, PASSWORD);
    expect(await a.engine.status()).toMatchObject({ signedIn: true, pending: 0 });
    a.engine.disconnect();
  });

  it("sends an administrator's edit of the organisation to the server, where every install pulls it; refuses a moderator's", async () => {
    const admin = await install(team.url);
    const moderator = await install(team.url);
    await admin.engine.signIn(team.url, team.server.users.admin.email, PASSWORD);
    await moderator.engine.signIn(team.url, team.server.users.moderator.email, PASSWORD);
    const current = admin.orgs.at(-1) ?? DEMO_ORG;
    const handles = { x: ['@IndianStandards', '@BIS_Official'], facebook: ['IndianStandards'] };
    const saved = await admin.engine.saveOrg({ ...current, handles }, current);
    expect(saved.handles).toEqual(handles);

    moderator.engine.disconnect();
    await moderator.engine.sync();
    expect(moderator.orgs.at(-1)?.handles).toEqual(handles);
    await expect(moderator.engine.saveOrg({ ...current, handles: { x: [], facebook: [] } }, current)).rejects.toBeInstanceOf(OrgEditForbidden);
    admin.engine.disconnect();
  });

  it('catches up on more rows than one pull page holds, and keeps them all', async () => {
    // Another moderator's 2,100 actions, pushed in full batches: the server's default page is 2,000 rows.
    const count = 2_100;
    const other = new TestClient();
    for (let start = 0; start < count; start += MAX_PUSH_MUTATIONS) {
      const batch = Array.from({ length: Math.min(MAX_PUSH_MUTATIONS, count - start) }, (_, i) =>
        other.mutation(String(700_000 + start + i), { type: 'flag', flag: 'spam', on: true }),
      );
      expect((await other.push(team.server.app, team.server.users.moderator, batch)).statusCode).toBe(200);
    }

    const b = await install(team.url);
    await b.engine.signIn(team.url, team.server.users.moderator2.email, PASSWORD);
    b.engine.disconnect();
    const keys = Array.from({ length: count }, (_, i) => `x:${700_000 + i}`);
    expect((await b.store.get(keys)).length).toBe(count);
  });
});
