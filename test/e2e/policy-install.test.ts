// An office's IT section presets the team server for every install by policy (README, "Installing for a
// whole office"): Chrome's `3rdparty` extension policy (Firefox's policies.json `3rdparty` reaches the same
// managed storage; a Firefox started by puppeteer was not seen to apply it to a temporary add-on, so only
// Chromium is tested here). Chromium is started with the policy written where it reads machine policies;
// the extension opens its sign-in page by itself, with the server already set.
import { createHash } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll } from 'vitest';
import { BrowserSession, describeE2E, extensionDir, startFixtures, useTeamServer, type FixtureServer } from './harness';

const CHROMIUM_POLICY = '/etc/chromium/policies/managed/samvad-e2e.json';
const PASSWORD = 'a long demo password';
const MODERATOR = { email: 'meera.iyer@bis.example.in', name: 'Meera Iyer', role: 'moderator' as const, departmentId: null };

/** Chrome's id for an unpacked extension: the first 128 bits of SHA-256 of its path, in the letters a–p. */
function unpackedExtensionId(path: string): string {
  const hex = createHash('sha256').update(path).digest('hex').slice(0, 32);
  return [...hex].map((digit) => String.fromCharCode('a'.charCodeAt(0) + parseInt(digit, 16))).join('');
}

/** The options page the extension opened by itself. */
async function optionsPageOpened(session: BrowserSession): Promise<Page> {
  const target = await session.browser.waitForTarget((candidate) => candidate.type() === 'page' && /^(chrome|moz)-extension:\/\/[^/]+\/options\.html/.test(candidate.url()), { timeout: 20_000 });
  const page = (await target.page())!;
  session.watchErrors(page);
  await page.waitForSelector('[data-server-preset]', { timeout: 15_000 });
  return page;
}

async function presetField(page: Page): Promise<{ value: string; readOnly: boolean }> {
  return page.$eval('input[name="serverUrl"]', (input) => ({ value: (input as HTMLInputElement).value, readOnly: (input as HTMLInputElement).readOnly }));
}

async function writePolicy(path: string, policy: unknown): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify(policy, null, 2)}\n`);
}

describeE2E('installed by an office policy', () => {
  const team = useTeamServer([MODERATOR], PASSWORD);
  let fixtures: FixtureServer;
  let session: BrowserSession | undefined;
  beforeAll(async () => {
    fixtures = await startFixtures();
  });
  afterAll(async () => {
    await fixtures?.close();
  });
  afterEach(async () => {
    await session?.close();
    session = undefined;
    await rm(CHROMIUM_POLICY, { force: true });
  });

  it('Chromium: the sign-in page opens by itself with the server the 3rdparty policy sets, fixed, and signs in', async () => {
    const id = unpackedExtensionId(extensionDir);
    await writePolicy(CHROMIUM_POLICY, { '3rdparty': { extensions: { [id]: { serverUrl: team().url } } } });
    session = await BrowserSession.launch(fixtures);
    expect(session.extensionId).toBe(id);
    const page = await optionsPageOpened(session);
    expect(await presetField(page)).toEqual({ value: team().url, readOnly: true });
    await page.type('input[name="email"]', MODERATOR.email);
    await page.type('input[name="password"]', PASSWORD);
    await page.click('button[data-action="sign-in"]');
    await page.waitForSelector('button[data-action="sign-out"]', { timeout: 15_000 });
    expect(session.errors(page)).toEqual([]);
  });
});
