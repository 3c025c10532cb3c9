// An office's IT section installs Samvad for everyone and presets the team server by policy (README,
// "Install for a whole office"), in Chromium and in Firefox ESR. Each browser starts with the policy where
// it reads machine policies; nothing is installed by the test: the browser fetches the package the policy
// names, the extension opens its sign-in page by itself with the server already set and fixed, and the
// moderator signs in.
//
// The policy files are machine-wide, and other test runs may start browsers on this machine: each is
// written just before its browser starts and removed as soon as the browser has read it (Firefox reads
// policies.json once, at startup) or when its test ends (Chromium watches its policy folder), and a
// policies.json found there already is left alone (the test fails instead).
import { execFile } from 'node:child_process';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'puppeteer-core';
import webExt from 'web-ext';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import {
  BrowserSession,
  chromiumPath,
  describeE2E,
  extensionDir,
  FIREFOX_EXTENSION_ID,
  firefoxExtensionDir,
  startFixtures,
  useTeamServer,
  type FixtureServer,
} from './harness';

const CHROMIUM_POLICY = '/etc/chromium/policies/managed/samvad-e2e.json';
/** Where Debian's firefox-esr reads machine policies (`/etc/firefox/policies`, before `distribution/`). */
const FIREFOX_POLICY = '/etc/firefox/policies/policies.json';
const PASSWORD = 'a long demo password';
const MODERATOR = { email: 'meera.iyer@bis.example.in', name: 'Meera Iyer', role: 'moderator' as const, departmentId: null };

/** Chrome's id for a packed extension: the first 128 bits of SHA-256 of its public key (DER), in the letters a–p. */
function extensionIdOf(publicKeyDer: Buffer): string {
  const hex = createHash('sha256').update(publicKeyDer).digest('hex').slice(0, 32);
  return [...hex].map((digit) => String.fromCharCode('a'.charCodeAt(0) + parseInt(digit, 16))).join('');
}

/** The options page the extension opened by itself. */
async function optionsPageOpened(session: BrowserSession): Promise<Page> {
  const target = await session.browser.waitForTarget(
    (candidate) => candidate.type() === 'page' && /^(chrome|moz)-extension:\/\/[^/]+\/options\.html/.test(candidate.url()),
    { timeout: 30_000 },
  );
  const page = (await target.page())!;
  session.watchErrors(page);
  await page.waitForSelector('[data-server-preset]', { timeout: 15_000 });
  return page;
}

async function presetField(page: Page): Promise<{ value: string; readOnly: boolean }> {
  return page.$eval('input[name="serverUrl"]', (input) => ({ value: (input as HTMLInputElement).value, readOnly: (input as HTMLInputElement).readOnly }));
}

async function signIn(page: Page): Promise<void> {
  await page.type('input[name="email"]', MODERATOR.email);
  await page.type('input[name="password"]', PASSWORD);
  await page.click('button[data-action="sign-in"]');
  await page.waitForSelector('button[data-action="sign-out"]', { timeout: 15_000 });
}

async function writePolicy(path: string, policy: unknown): Promise<void> {
  if (existsSync(path)) throw new Error(`${path} exists already: this test does not overwrite a machine's policy`);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify(policy, null, 2)}\n`);
}

/** A local HTTP server for the packages, as an office's intranet serves them. */
async function serveFiles(files: Record<string, { type: string; body: (origin: string) => Buffer | string }>): Promise<{ origin: string; requested: string[]; server: Server }> {
  const requested: string[] = [];
  let origin = '';
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', origin).pathname;
    requested.push(path);
    const file = files[path];
    if (!file) response.writeHead(404).end();
    else response.writeHead(200, { 'content-type': file.type }).end(file.body(origin));
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { origin, requested, server };
}

describeE2E('installed by an office policy', () => {
  const team = useTeamServer([MODERATOR], PASSWORD);
  let fixtures: FixtureServer;
  let scratch: string;
  let session: BrowserSession | undefined;
  let packages: Server | undefined;
  beforeAll(async () => {
    fixtures = await startFixtures();
    scratch = await mkdtemp(join(tmpdir(), 'samvad-e2e-packages-'));
  });
  afterAll(async () => {
    await fixtures?.close();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });
  afterEach(async () => {
    await session?.close();
    session = undefined;
    packages?.closeAllConnections();
    await new Promise((closed) => (packages ? packages.close(closed) : closed(undefined)));
    packages = undefined;
    await rm(CHROMIUM_POLICY, { force: true });
  });

  it('Chromium: ExtensionInstallForcelist installs the packed extension from the intranet; the sign-in page opens with the 3rdparty server, fixed', async () => {
    // Packed as an IT section does (README): Chromium's own --pack-extension, with the office's key.
    const folder = join(scratch, 'samvad');
    await cp(extensionDir, folder, { recursive: true });
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    await writeFile(join(scratch, 'samvad.pem'), privateKey.export({ type: 'pkcs8', format: 'pem' }));
    await promisify(execFile)(chromiumPath, ['--no-sandbox', '--disable-gpu', '--headless', `--pack-extension=${folder}`, `--pack-extension-key=${join(scratch, 'samvad.pem')}`]);
    const crx = await readFile(join(scratch, 'samvad.crx'));
    const id = extensionIdOf(publicKey.export({ type: 'spki', format: 'der' }));
    const { version } = JSON.parse(await readFile(join(extensionDir, 'manifest.json'), 'utf8')) as { version: string };
    const intranet = await serveFiles({
      '/samvad/update.xml': {
        type: 'text/xml',
        body: (origin) =>
          `<?xml version='1.0' encoding='UTF-8'?>\n<gupdate xmlns='http://www.google.com/update2/response' protocol='2.0'>\n` +
          `  <app appid='${id}'><updatecheck codebase='${origin}/samvad/samvad.crx' version='${version}' /></app>\n</gupdate>\n`,
      },
      '/samvad/samvad.crx': { type: 'application/x-chrome-extension', body: () => crx },
    });
    packages = intranet.server;
    await writePolicy(CHROMIUM_POLICY, {
      ExtensionInstallForcelist: [`${id};${intranet.origin}/samvad/update.xml`],
      '3rdparty': { extensions: { [id]: { serverUrl: team().url } } },
      // Only for the test: Chromium keeps DevTools (and so puppeteer) off force-installed extensions' pages.
      DeveloperToolsAvailability: 1,
    });
    session = await BrowserSession.launch(fixtures, { installedByPolicy: id, extensionUpdater: true });
    const page = await optionsPageOpened(session);
    expect(page.url()).toBe(session.extensionUrl('options.html'));
    expect(intranet.requested).toEqual(expect.arrayContaining(['/samvad/update.xml', '/samvad/samvad.crx']));
    expect(await presetField(page)).toEqual({ value: team().url, readOnly: true });
    await signIn(page);
    expect(session.errors(page)).toEqual([]);
  });

  it('Firefox ESR: policies.json ExtensionSettings force-installs the unsigned package; the sign-in page opens with the 3rdparty server, fixed', async () => {
    const { extensionPath } = await webExt.cmd.build(
      { sourceDir: firefoxExtensionDir, artifactsDir: scratch, filename: 'samvad.xpi', overwriteDest: true },
      { showReadyMessage: false },
    );
    await writePolicy(FIREFOX_POLICY, {
      policies: {
        ExtensionSettings: { [FIREFOX_EXTENSION_ID]: { installation_mode: 'force_installed', install_url: `file://${extensionPath}` } },
        '3rdparty': { Extensions: { [FIREFOX_EXTENSION_ID]: { serverUrl: team().url } } },
        // ESR installs an unsigned package when the office says so (README); a release build would refuse.
        Preferences: { 'xpinstall.signatures.required': { Value: false, Status: 'locked' } },
      },
    });
    try {
      session = await BrowserSession.launch(fixtures, { browser: 'firefox', installedByPolicy: FIREFOX_EXTENSION_ID });
    } finally {
      // Read at startup: the running browser keeps it, other Firefox runs on this machine must not get it.
      await rm(FIREFOX_POLICY, { force: true });
    }
    const page = await optionsPageOpened(session);
    expect(page.url()).toBe(session.extensionUrl('options.html'));
    expect(await presetField(page)).toEqual({ value: team().url, readOnly: true });
    await signIn(page);
    expect(session.errors(page)).toEqual([]);
  });
});
