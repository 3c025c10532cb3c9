// Holidays for the reply-deadline policy from a maintained library (date-holidays): India's public holidays
// and a state's, used on the server only (the policy carries the list to every client), through
// `samvad holidays`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/connect';
import { publicHolidays, withHolidays } from '../../server/services/holidays';
import { getOrg } from '../../server/services/org';

const BIN = fileURLToPath(new URL('../../bin/samvad.mjs', import.meta.url));
const cli = (args: string[]) =>
  spawnSync(process.execPath, [BIN, ...args], { env: { ...process.env, DATABASE_URL: '' }, encoding: 'utf8', timeout: 60_000 });

describe('public holidays for the policy', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('lists the national days, and a state’s own besides them', () => {
    const india = publicHolidays(2026);
    expect(india).toEqual(
      expect.arrayContaining([
        { date: '2026-01-26', name: 'Republic Day' },
        { date: '2026-08-15', name: 'Independence Day' },
        { date: '2026-10-02', name: 'Gandhi Jayanti' },
      ]),
    );
    const bengal = publicHolidays(2026, 'WB');
    expect(bengal.map((h) => h.date)).toEqual(expect.arrayContaining(india.map((h) => h.date)));
    expect(bengal).toContainEqual({ date: '2026-01-23', name: 'Netaji Subhas Chandra Bose Jayanti' });
    expect(india.some((h) => h.date === '2026-01-23')).toBe(false);
    expect(bengal.map((h) => h.date)).toEqual([...bengal.map((h) => h.date)].sort());
  });

  it('joins them to the policy’s own list, which keeps its names', () => {
    const own = [{ date: '2026-11-09', name: 'Diwali (office order 12/2026)' }, { date: '2026-01-26', name: 'Gantantra Diwas' }];
    const joined = withHolidays(own, publicHolidays(2026));
    expect(joined.find((h) => h.date === '2026-01-26')?.name).toBe('Gantantra Diwas');
    expect(joined.map((h) => h.date)).toContain('2026-11-09');
    expect(joined.map((h) => h.date)).toContain('2026-08-15');
  });

  it('`samvad holidays --save` adds a state’s holidays to the stored policy; an unknown state is refused', async () => {
    const data = mkdtempSync(join(tmpdir(), 'samvad-holidays-'));
    dirs.push(data);
    const listed = cli(['holidays', '--year', '2026', '--state', 'wb', '--data', data]);
    expect(listed.status, listed.stderr).toBe(0);
    expect(listed.stdout).toContain('2026-01-23  Netaji Subhas Chandra Bose Jayanti');
    const saved = cli(['holidays', '--year', '2026', '--state', 'WB', '--save', '--data', data]);
    expect(saved.status, saved.stderr).toBe(0);
    const database = await openDatabase({ dataDir: data });
    try {
      const { org } = await getOrg(database.db);
      expect(org.sla.holidays).toContainEqual({ date: '2026-01-23', name: 'Netaji Subhas Chandra Bose Jayanti' });
      expect(org.sla.holidays).toContainEqual({ date: '2026-01-26', name: 'Republic Day' });
    } finally {
      await database.close();
    }
    const unknown = cli(['holidays', '--year', '2026', '--state', 'XX', '--data', data]);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(/unknown state "XX".*WB \(West Bengal\)/);
  }, 180_000);
});
