import { describe, expect, it } from 'vitest';
import { serverNow } from '../../lib/triage/sla';
import { install, useListeningServer } from './extension-install';
import { comment, PASSWORD } from './server-harness';

const AHEAD_MS = 2 * 3600_000;

describe("sync engine and the server's clock (PGlite)", () => {
  // A server whose clock is two hours ahead of this machine's.
  const team = useListeningServer({ clock: () => new Date(Date.now() + AHEAD_MS) });

  it('keeps the offset from each answer, so deadlines are shown on the server’s time, and keeps it across a restart', async () => {
    const a = await install(team.url);
    expect((await a.engine.status()).clockOffsetMs).toBeNull();
    await a.engine.signIn(team.url, team.server.users.moderator.email, PASSWORD);
    const offset = (await a.engine.status()).clockOffsetMs!;
    expect(Math.abs(offset - AHEAD_MS)).toBeLessThan(1_000);
    expect(Math.abs(serverNow(offset).getTime() - (Date.now() + AHEAD_MS))).toBeLessThan(1_000);

    await a.store.record(comment('5301'), { type: 'flag', flag: 'rumour', on: true }, 'M. Moderator');
    await a.engine.sync();
    a.engine.disconnect();
    a.store.close();
    const restarted = await install(team.url, a.dbName);
    expect(Math.abs((await restarted.engine.status()).clockOffsetMs! - AHEAD_MS)).toBeLessThan(1_000);
    restarted.engine.disconnect();
  });
});
