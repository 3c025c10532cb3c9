// Due times on the server's clock, with the server and a browser (issue 11, "Tests that must exist"): the
// organisation counts office hours only (Monday to Friday, 10:00–18:00 in Kolkata) and Monday 23 November is
// a holiday. A citizen's reply is assigned late on Friday afternoon, the server's clock then moves across the
// evening, the week-end and night, the holiday, into Tuesday's office hours and past the interim deadline. The
// side panel's row and the comment's toolbar show the server's deadlines and agree with each other to the
// minute, though the browser's own clock says another day entirely: clients correct for its offset.
import type { Page } from 'puppeteer-core';
import { expect, it } from 'vitest';
import type { SlaPolicyInput } from '../../lib/contract/org';
import type { Triage } from '../../lib/contract/triage';
import { DEMO_ORG } from '../../lib/org/demo-org';
import { replyTweet, timelineTweetId } from '../fixtures/x/data';
import { describeE2E, signInOnOptionsPage, useE2E, useTeamServer, type BrowserSession } from './harness';
import { assign, statusOf, waitForStatus } from './toolbar-helpers';

const PASSWORD = 'a long demo password';
const WEEKDAY = { start: '10:00', end: '18:00' };
const POLICY: SlaPolicyInput = {
  ...DEMO_ORG.sla,
  interimHours: 4,
  finalHours: 12,
  dueSoonMinutes: 30,
  timeZone: 'Asia/Kolkata',
  clockStartsAt: 'assignment',
  officeHours: [WEEKDAY, WEEKDAY, WEEKDAY, WEEKDAY, WEEKDAY, null, null],
  holidays: [{ date: '2026-11-23', name: 'A state holiday' }],
};

// The server's clock runs on from wherever the test sets it, as a real clock does.
let clockBase = { server: Date.parse('2026-11-20T11:00:00.000Z'), real: Date.now() };
const serverClock = () => new Date(clockBase.server + (Date.now() - clockBase.real));
const setServerClock = (iso: string) => {
  clockBase = { server: Date.parse(iso), real: Date.now() };
};

const MINUTE = 60_000;
const INTERIM_OK = /Interim reply due in (\d+ d|\d+ h \d+ min|\d+ min)/;
// Assigned on Friday 20 November at 16:30 in Kolkata (11:00Z): 1½ office hours on Friday, none on the
// week-end or the holiday, so the interim reply (4 h) is due on Tuesday at 12:30 and the final one (12 h)
// on Wednesday at 12:30.
const INTERIM_DUE = Date.parse('2026-11-24T07:00:00.000Z');
const FINAL_DUE = Date.parse('2026-11-25T07:00:00.000Z');

async function openPanel(session: BrowserSession): Promise<Page> {
  const panel = await session.browser.newPage();
  session.watchErrors(panel);
  await panel.goto(session.extensionUrl('sidepanel.html'));
  await panel.waitForSelector('button[data-queue-view="queue"]');
  return panel;
}

interface RowReading {
  sla: string | null;
  stage: string | null;
  text: string;
}

/**
 * The panel opened afresh until its row shows `sla` (the background may still be pulling the server's new
 * time when the panel first asks for it), then what the row says.
 */
async function panelRowWhen(session: BrowserSession, key: string, sla: string): Promise<RowReading> {
  let last: RowReading | null = null;
  for (let attempt = 0; attempt < 20; attempt++) {
    const panel = await openPanel(session);
    try {
      await panel.waitForSelector(`[data-queue-item="${key}"]`, { timeout: 10_000 });
      await new Promise((resolve) => setTimeout(resolve, 300));
      last = await panel.$eval(`[data-queue-item="${key}"]`, (row) => ({
        sla: row.getAttribute('data-sla'),
        stage: row.getAttribute('data-stage'),
        text: row.textContent ?? '',
      }));
      expect(session.errors(panel)).toEqual([]);
    } finally {
      await panel.close();
    }
    if (last.sla === sla) return last;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`the panel's row for ${key} stayed ${JSON.stringify(last)}, expected data-sla="${sla}"`);
}

/** Minutes in "3 d", "21 h 30 min" or "20 min" (formatDuration), as a [low, high] range. */
function minutesOf(text: string): [number, number] {
  const days = /(\d+) d\b/.exec(text);
  if (days) return [Number(days[1]) * 1440, (Number(days[1]) + 1) * 1440];
  const hours = /(\d+) h (\d+) min/.exec(text);
  if (hours) {
    const minutes = Number(hours[1]) * 60 + Number(hours[2]);
    return [minutes, minutes];
  }
  const minutes = /(\d+) min/.exec(text);
  if (minutes) return [Number(minutes[1]), Number(minutes[1])];
  throw new Error(`no duration in "${text}"`);
}

describeE2E('due times advance with the server’s clock across office hours, a night and a holiday', () => {
  const e2e = useE2E();
  const team = useTeamServer(
    [
      { email: 'asha@bis.example.in', name: 'Asha Rao', role: 'moderator', departmentId: null },
      { email: 'admin@bis.example.in', name: 'Admin', role: 'admin', departmentId: null },
    ],
    PASSWORD,
    { clock: serverClock },
  );

  /** The row as the server stores it (pulled by the admin). */
  const serverRow = async (key: string): Promise<Triage | undefined> => {
    const login = await fetch(`${team().url}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@bis.example.in', password: PASSWORD }),
    });
    const { token } = (await login.json()) as { token: string };
    let found: Triage | undefined;
    for (let cursor = 0, more = true; more; ) {
      const answer = (await (await fetch(`${team().url}/sync/pull?cursor=${cursor}`, { headers: { authorization: `Bearer ${token}` } })).json()) as {
        rows: Triage[];
        cursor: number;
        more: boolean;
      };
      found = answer.rows.find((row) => row.key === key) ?? found;
      cursor = answer.cursor;
      more = answer.more;
    }
    return found;
  };

  it('the side panel and the toolbar show the server’s deadlines, and their states follow its clock', async () => {
    // The administrator sets the office-hours policy before the moderator signs in.
    const login = await fetch(`${team().url}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@bis.example.in', password: PASSWORD }),
    });
    const { token } = (await login.json()) as { token: string };
    const put = await fetch(`${team().url}/org/sla`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ sla: POLICY }),
    });
    expect(put.status, await put.text()).toBe(200);

    const asha = e2e.session;
    await signInOnOptionsPage(asha, team().url, 'asha@bis.example.in', PASSWORD);
    const citizen = replyTweet(timelineTweetId(10), 0);
    const key = `x:${citizen.id}`;
    const url = `https://x.com/${citizen.handle}/status/${citizen.id}`;
    const page = await asha.open(url);
    // The clock starts at assignment: a reply to the body waits without one until then.
    await waitForStatus(page, key, 'data-sla', 'none', 15_000);

    // Friday 16:30 in Kolkata on the server (the browser's own clock says otherwise).
    setServerClock('2026-11-20T11:00:00.000Z');
    await assign(page, key, 'hallmarking');
    const row = await (async () => {
      for (let i = 0; i < 60; i++) {
        const stored = await serverRow(key);
        if (stored?.due) return stored;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      throw new Error('the assignment did not reach the server');
    })();
    // The server started the clock on its own time and stamped both deadlines (to the minute: its clock runs on).
    expect(Math.abs(Date.parse(row.due!.clockStart) - Date.parse('2026-11-20T11:00:00.000Z'))).toBeLessThan(MINUTE);
    expect(Math.abs(Date.parse(row.due!.interimAt ?? '') - INTERIM_DUE)).toBeLessThan(MINUTE);
    expect(Math.abs(Date.parse(row.due!.finalAt ?? '') - FINAL_DUE)).toBeLessThan(MINUTE);

    const steps: Array<{ at: string; why: string; sla: 'ok' | 'due-soon' | 'overdue'; toolbar: RegExp }> = [
      { at: '2026-11-20T11:00:00.000Z', why: 'Friday 16:30, office hours', sla: 'ok', toolbar: INTERIM_OK },
      { at: '2026-11-20T15:30:00.000Z', why: 'Friday 21:00, the evening', sla: 'ok', toolbar: INTERIM_OK },
      { at: '2026-11-22T21:00:00.000Z', why: 'Monday 02:30, the night before the holiday', sla: 'ok', toolbar: INTERIM_OK },
      { at: '2026-11-23T09:30:00.000Z', why: 'Monday 15:00, the holiday (a working day would have been overdue)', sla: 'ok', toolbar: INTERIM_OK },
      { at: '2026-11-24T06:40:00.000Z', why: 'Tuesday 12:10, 20 minutes before the interim deadline', sla: 'due-soon', toolbar: /Interim reply due soon: (\d+ d|\d+ h \d+ min|\d+ min)/ },
      { at: '2026-11-24T07:15:00.000Z', why: 'Tuesday 12:45, past the interim deadline', sla: 'overdue', toolbar: /Interim reply overdue by (\d+ d|\d+ h \d+ min|\d+ min)/ },
    ];
    for (const step of steps) {
      setServerClock(step.at);
      // The moderator's tab, reloaded, syncs at once (and learns the server's time).
      await e2e.reload(page);
      const panelRow = await panelRowWhen(asha, key, step.sla);
      expect(panelRow.stage, step.why).toBe('interim');
      // Both deadlines, as the server stamped them, in the organisation's time zone.
      expect(panelRow.text, step.why).toMatch(/Interim by 24 Nov,? 12:30/i);
      expect(panelRow.text, step.why).toMatch(/Final by 25 Nov,? 12:30/i);

      // The toolbar on a freshly loaded page reads the same clock.
      await e2e.reload(page);
      await waitForStatus(page, key, 'data-sla', step.sla, 20_000);
      const toolbar = (await statusOf(page, key)).text ?? '';
      const toolbarInterim = step.toolbar.exec(toolbar)?.[1];
      expect(toolbarInterim, `${step.why}: toolbar says "${toolbar}"`).toBeDefined();
      // Its interim clock agrees with the deadline against the server's time, to the minute (or to the day
      // where it shows days), and with the panel's sentence; its final clock with the final deadline.
      const left = Math.abs(INTERIM_DUE - serverClock().getTime()) / MINUTE;
      const [low, high] = minutesOf(toolbarInterim!);
      expect(left, `${step.why}: toolbar says "${toolbar}"`).toBeGreaterThanOrEqual(low - 1);
      expect(left, `${step.why}: toolbar says "${toolbar}"`).toBeLessThanOrEqual(high + 1);
      const panelInterim = step.toolbar.exec(panelRow.text)?.[1];
      expect(panelInterim, `${step.why}: panel says "${panelRow.text}"`).toBeDefined();
      const [panelLow, panelHigh] = minutesOf(panelInterim!);
      expect(Math.abs(panelLow - low) <= 1 && Math.abs(panelHigh - high) <= 1, `${step.why}: "${panelInterim}" / "${toolbarInterim}"`).toBe(true);
      const toolbarFinal = /final reply due in (\d+ d|\d+ h \d+ min|\d+ min)/i.exec(toolbar)?.[1];
      const finalLeft = (FINAL_DUE - serverClock().getTime()) / MINUTE;
      const [finalLow, finalHigh] = minutesOf(toolbarFinal ?? '');
      expect(finalLeft, `${step.why}: toolbar says "${toolbar}"`).toBeGreaterThanOrEqual(finalLow - 1);
      expect(finalLeft, `${step.why}: toolbar says "${toolbar}"`).toBeLessThanOrEqual(finalHigh + 1);
    }
    expect(e2e.errors(page)).toEqual([]);
    await page.close();
  }, 240_000);
});
