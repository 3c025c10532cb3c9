// End-to-end harness: the fixture sites over HTTPS under their real host names, and Chromium (Debian's,
// never a downloaded one) with the built extension loaded, one browser per test file. Debian's Firefox ESR
// runs the Firefox build the same way (`useE2E({ browser: 'firefox' })`).
// Samvad's UI on the sites sits in closed shadow roots: reach it with `ui(page)` from ./closed-roots.
//
//   import { describeE2E, useE2E } from './harness';
//   describeE2E('toolbar on X', () => {
//     const e2e = useE2E();                       // starts server + browser in beforeAll, closes in afterAll
//     it('decorates', async () => {
//       const page = await e2e.open('https://x.com/home');
//       ...
//       expect(e2e.errors(page)).toEqual([]);
//     });
//   });
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer from 'puppeteer-core';
import type { Browser, CDPSession, Page, WebWorker } from 'puppeteer-core';
import { afterAll, beforeAll, describe } from 'vitest';
import { startServer, type RunningServer } from '../../server/listen';
import { createUser } from '../../server/services/users';
import { fixtureHosts, startFixtureServer } from '../fixtures/serve.mjs';

export const chromiumPath = '/usr/bin/chromium';
export const firefoxPath = '/usr/bin/firefox-esr';
const repoRoot = resolve(import.meta.dirname, '../..');
/** The built extension; SAMVAD_EXTENSION_DIR points elsewhere (a build of one's own while others rebuild .output). */
export const extensionDir = process.env.SAMVAD_EXTENSION_DIR ?? join(repoRoot, '.output', 'chrome-mv3');
export const firefoxExtensionDir = join(repoRoot, '.output', 'firefox-mv3');
/** The Firefox build's add-on id (wxt.config.ts, browser_specific_settings). */
export const FIREFOX_EXTENSION_ID = 'samvad@samvad.invalid';
/**
 * Firefox gives each install a random internal UUID for its moz-extension:// pages; the test profiles fix
 * it (pref `extensions.webextensions.uuids`) so that tests open the extension's pages by URL, as in Chromium.
 */
export const FIREFOX_EXTENSION_UUID = '5a3c1e2f-7b9d-4e6a-8c0f-1d2e3f4a5b6c';
export const screenshotDir = join(repoRoot, 'test-results', 'screenshots');

/** The flags every launch uses (sandboxing is unavailable in CI containers; nothing may phone home). */
const baseFlags = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--no-default-browser-check',
  '--ignore-certificate-errors',
  '--disable-features=Translate,MediaRouter,OptimizationHints',
  '--window-size=1280,900',
];

/**
 * `describe` for e2e suites. A missing browser fails the launch with the command that installs it, and a
 * missing extension build fails it too: an e2e suite never skips.
 */
export const describeE2E = describe;
/** For suites in Firefox ESR; they fail the same way when it is missing. */
export const describeFirefox = describe;

function requireBrowser(path: string, debianPackage: string): void {
  if (!existsSync(path)) throw new Error(`${path} is missing: install it with \`apt-get install ${debianPackage}\``);
}

export interface FixtureServer {
  port: number;
  /** `--host-resolver-rules` value sending the fixture hosts to this server. */
  hostResolverRules: string;
  /** An HTTPS proxy tunnelling every host to this server: Firefox has no host resolver rules. */
  proxyPort: number;
  close(): Promise<void>;
}

/** A CONNECT proxy whose every tunnel leads to `port` on this machine. */
async function startTunnel(port: number): Promise<Server> {
  const proxy = createServer((_request, response) => response.writeHead(405).end());
  proxy.on('connect', (_request, client, head) => {
    const upstream = connect(port, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((listening) => proxy.listen(0, '127.0.0.1', listening));
  return proxy;
}

export async function startFixtures(): Promise<FixtureServer> {
  const server = await startFixtureServer({ port: 0 });
  const tunnel = await startTunnel(server.port);
  const hostResolverRules = Object.keys(fixtureHosts)
    .map((host) => `MAP ${host} 127.0.0.1:${server.port}`)
    .join(', ');
  return {
    port: server.port,
    hostResolverRules,
    proxyPort: (tunnel.address() as AddressInfo).port,
    async close() {
      tunnel.closeAllConnections();
      await new Promise((closed) => tunnel.close(closed));
      await server.close();
    },
  };
}

export interface LaunchOptions {
  /** Debian's Chromium (default) or Firefox ESR, each with its own build of the extension. */
  browser?: 'chromium' | 'firefox';
  /** Load the built extension (default true). */
  extension?: boolean;
  /** Extra Chromium flags, e.g. `--lang=hi`. */
  args?: string[];
  /**
   * The extension's id when an office policy installs it (policy-install.test.ts): nothing is installed at
   * launch, and the session addresses the extension the policy installs by that id.
   */
  installedByPolicy?: string;
  /**
   * Chromium: let the extension updater fetch (it downloads force-installed extensions), which
   * `--disable-background-networking` stops.
   */
  extensionUpdater?: boolean;
}

/** One Chromium with its own fresh profile. Pages opened through it collect their errors. */
export class BrowserSession {
  readonly #pageErrors = new WeakMap<Page, string[]>();

  private constructor(
    readonly browser: Browser,
    readonly userDataDir: string,
    /** The extension's id, or null when launched without it. */
    readonly extensionId: string | null,
    /** Which browser runs the session. */
    readonly kind: 'chromium' | 'firefox',
  ) {}

  static async launch(fixtures: FixtureServer, options: LaunchOptions = {}): Promise<BrowserSession> {
    const withExtension = (options.extension ?? true) && !options.installedByPolicy;
    const firefox = options.browser === 'firefox';
    const builtDir = firefox ? firefoxExtensionDir : extensionDir;
    if (withExtension && !existsSync(join(builtDir, 'manifest.json'))) {
      throw new Error(`no extension build in ${builtDir}: run \`npm run build\` first`);
    }
    if (firefox) requireBrowser(firefoxPath, 'firefox-esr');
    else requireBrowser(chromiumPath, 'chromium');
    const userDataDir = await mkdtemp(join(tmpdir(), 'samvad-e2e-profile-'));
    let browser: Browser | undefined;
    try {
      browser = firefox
        ? await puppeteer.launch({
            browser: 'firefox',
            executablePath: firefoxPath,
            headless: true,
            userDataDir,
            acceptInsecureCerts: true,
            defaultViewport: { width: 1280, height: 900 },
            // WebDriver BiDi navigates only to web pages unless allowed: the extension's own pages too.
            args: ['--remote-allow-system-access'],
            extraPrefsFirefox: {
              // Every site through the tunnel to the fixture server; nothing else is reachable anyway.
              'network.proxy.type': 1,
              'network.proxy.ssl': '127.0.0.1',
              'network.proxy.ssl_port': fixtures.proxyPort,
              'network.proxy.no_proxies_on': '',
              'extensions.webextensions.uuids': JSON.stringify({ [FIREFOX_EXTENSION_ID]: FIREFOX_EXTENSION_UUID }),
            },
          })
        : await puppeteer.launch({
            executablePath: chromiumPath,
            // New headless, which loads extensions. Extensions are installed through CDP, which needs the pipe.
            headless: true,
            pipe: true,
            enableExtensions: withExtension || Boolean(options.installedByPolicy),
            userDataDir,
            acceptInsecureCerts: true,
            defaultViewport: { width: 1280, height: 900 },
            ...(options.extensionUpdater && { ignoreDefaultArgs: ['--disable-background-networking'] }),
            args: [...baseFlags.filter((flag) => !(options.extensionUpdater && flag === '--disable-background-networking')), `--host-resolver-rules=${fixtures.hostResolverRules}`, ...(options.args ?? [])],
          });
      let extensionId: string | null = options.installedByPolicy ?? null;
      if (withExtension) {
        // Installed once the browser is up (CDP for Chromium, whose Debian build ignores extensions listed
        // at launch; WebDriver BiDi, as a temporary add-on, for Firefox).
        extensionId = await browser.installExtension(builtDir);
      }
      return new BrowserSession(browser, userDataDir, extensionId, firefox ? 'firefox' : 'chromium');
    } catch (error) {
      // A failed launch leaves neither a browser process nor a profile behind.
      await browser?.close().catch(() => {});
      await rm(userDataDir, { recursive: true, force: true });
      throw error;
    }
  }

  /** Opens a new tab at `url` (e.g. https://x.com/home) and waits for the page to settle. */
  async open(url: string, { waitFor }: { waitFor?: string } = {}): Promise<Page> {
    const page = await this.browser.newPage();
    this.watchErrors(page);
    await page.goto(url, { waitUntil: 'load' });
    if (waitFor) await page.waitForSelector(waitFor);
    return page;
  }

  /** Starts collecting a page's uncaught exceptions and console errors (done by `open`). */
  watchErrors(page: Page): void {
    if (this.#pageErrors.has(page)) return;
    const errors: string[] = [];
    this.#pageErrors.set(page, errors);
    page.on('pageerror', (error) => errors.push(`pageerror: ${error instanceof Error ? error.stack ?? error.message : String(error)}`));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`console.error: ${message.text()}`);
    });
  }

  /** Everything thrown or logged as an error on this page so far (for "nothing thrown" assertions). */
  errors(page: Page): string[] {
    return [...(this.#pageErrors.get(page) ?? [])];
  }

  /** Reloads the page and waits for it to settle; errors keep accumulating. */
  async reload(page: Page, { waitFor }: { waitFor?: string } = {}): Promise<void> {
    await page.reload({ waitUntil: 'load' });
    if (waitFor) await page.waitForSelector(waitFor);
  }

  /** The extension's background service worker (started if it was asleep). */
  async serviceWorker(): Promise<WebWorker> {
    if (this.extensionId === null) throw new Error('launched without the extension');
    const prefix = `chrome-extension://${this.extensionId}/`;
    const target = await this.browser.waitForTarget(
      (candidate) => candidate.type() === 'service_worker' && candidate.url().startsWith(prefix),
      { timeout: 10_000 },
    );
    const worker = await target.worker();
    if (!worker) throw new Error('service worker target has no worker');
    return worker;
  }

  /** An extension page such as `sidepanel.html`. */
  extensionUrl(path: string): string {
    if (this.extensionId === null) throw new Error('launched without the extension');
    const origin = this.kind === 'firefox' ? `moz-extension://${FIREFOX_EXTENSION_UUID}` : `chrome-extension://${this.extensionId}`;
    return `${origin}/${path.replace(/^\//, '')}`;
  }

  /**
   * Navigates `page` to one of the extension's pages (`options.html`). Firefox's WebDriver BiDi does not
   * report that navigation finished (the tab moves into the extension's process), so there it is awaited
   * by the page's own address.
   */
  async gotoExtensionPage(page: Page, path: string): Promise<void> {
    const url = this.extensionUrl(path);
    if (this.kind === 'chromium') {
      await page.goto(url);
      return;
    }
    page.goto(url, { timeout: 60_000 }).catch(() => undefined);
    await page.waitForFunction((expected) => location.href === expected && document.readyState === 'complete', { timeout: 15_000, polling: 100 }, url);
  }

  /** Saves a PNG of the page's viewport as test-results/screenshots/<name>.png and returns its path. */
  async screenshot(page: Page, name: string, { fullPage = false }: { fullPage?: boolean } = {}): Promise<string> {
    await mkdir(screenshotDir, { recursive: true });
    const path = join(screenshotDir, `${name}.png`) as `${string}.png`;
    await page.screenshot({ path, fullPage });
    return path;
  }

  async close(): Promise<void> {
    await this.browser.close().catch(() => {});
    await rm(this.userDataDir, { recursive: true, force: true });
  }
}

export interface E2E {
  fixtures: FixtureServer;
  /** The file's browser (with the extension unless `useE2E({ extension: false })`). */
  session: BrowserSession;
  open: BrowserSession['open'];
  errors: BrowserSession['errors'];
  reload: BrowserSession['reload'];
  screenshot: BrowserSession['screenshot'];
  /** A second Chromium with its own profile (e.g. a second moderator); closed with the file's browser. */
  launchAnother(options?: LaunchOptions): Promise<BrowserSession>;
}

/**
 * Registers beforeAll/afterAll that start the fixture server and one browser for the test file, and returns
 * accessors valid inside tests. Close pages you open in a test when it ends if later tests need a clean slate.
 */
export function useE2E(options: LaunchOptions = {}): E2E {
  let fixtures: FixtureServer | undefined;
  let session: BrowserSession | undefined;
  const others: BrowserSession[] = [];
  beforeAll(async () => {
    fixtures = await startFixtures();
    session = await BrowserSession.launch(fixtures, options);
  });
  afterAll(async () => {
    await Promise.all([session, ...others].map((each) => each?.close()));
    await fixtures?.close();
  });
  const current = (): BrowserSession => {
    if (!session) throw new Error('useE2E accessors are only valid inside tests');
    return session;
  };
  return {
    get fixtures() {
      if (!fixtures) throw new Error('useE2E accessors are only valid inside tests');
      return fixtures;
    },
    get session() {
      return current();
    },
    open: (...args) => current().open(...args),
    errors: (...args) => current().errors(...args),
    reload: (...args) => current().reload(...args),
    screenshot: (...args) => current().screenshot(...args),
    async launchAnother(anotherOptions = options) {
      if (!fixtures) throw new Error('useE2E accessors are only valid inside tests');
      const another = await BrowserSession.launch(fixtures, anotherOptions);
      others.push(another);
      return another;
    },
  };
}

/** Cuts (or restores) the network of a browser's extension background, where the sync runs. */
const workerSessions = new WeakMap<BrowserSession, CDPSession>();
export async function setBackgroundOffline(session: BrowserSession, offline: boolean): Promise<void> {
  // One DevTools session per browser: the emulation lasts as long as the session that set it.
  let cdp = workerSessions.get(session);
  if (!cdp) {
    const worker = await session.browser.waitForTarget(
      (target) => target.type() === 'service_worker' && target.url().startsWith(session.extensionUrl('')),
    );
    cdp = await worker.createCDPSession();
    await cdp.send('Network.enable');
    workerSessions.set(session, cdp);
  }
  await cdp.send('Network.emulateNetworkConditions', { offline, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
}

/** Opens one of the extension's own pages (options.html, sidepanel.html) in a tab, collecting its errors. */
export async function openExtensionPage(session: BrowserSession, path: string): Promise<Page> {
  const page = await session.browser.newPage();
  session.watchErrors(page);
  await page.goto(session.extensionUrl(path));
  return page;
}

/** The side panel (in a tab) of a signed-in approver, which opens on its approvals view. */
export async function openApprovalsPanel(session: BrowserSession): Promise<Page> {
  const page = await openExtensionPage(session, 'sidepanel.html');
  await page.waitForSelector('button[data-queue-view="approvals"][aria-pressed="true"]');
  return page;
}

/** Signs in on the options page, as a moderator does once per browser. */
export async function signInOnOptionsPage(session: BrowserSession, server: string, email: string, password: string): Promise<void> {
  const page = await session.browser.newPage();
  session.watchErrors(page);
  await session.gotoExtensionPage(page, 'options.html');
  const url = await page.waitForSelector('input[name="serverUrl"]');
  await url!.click({ count: 3 });
  await page.keyboard.type(server);
  await page.type('input[name="email"]', email);
  await page.type('input[name="password"]', password);
  await page.click('button[data-action="sign-in"]');
  await page.waitForSelector('button[data-action="sign-out"]', { timeout: 15_000 });
  const errors = session.errors(page);
  await page.close();
  if (errors.length) throw new Error(`the options page logged errors while signing in:\n${errors.join('\n')}`);
}

export interface TeamUser {
  email: string;
  name: string;
  role: 'moderator' | 'department' | 'approver' | 'admin';
  departmentId: string | null;
}

/**
 * Registers beforeAll/afterAll that run the team server (PGlite in a scratch directory) with `users`, all
 * with `password`; the returned accessor is valid inside tests. `clock` is the server's clock (serverTime
 * in sync answers; default real time): a test moves it to watch due times pass.
 */
export function useTeamServer(users: TeamUser[], password: string, options: { clock?: () => Date } = {}): () => RunningServer {
  let server: RunningServer | undefined;
  let dataDir: string | undefined;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'samvad-e2e-server-'));
    server = await startServer({ host: '127.0.0.1', port: 0, dataDir, clock: options.clock });
    for (const user of users) await createUser(server.database.db, { ...user, password }, null);
  });
  afterAll(async () => {
    await server?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });
  return () => {
    if (!server) throw new Error('useTeamServer accessors are only valid inside tests');
    return server;
  };
}
