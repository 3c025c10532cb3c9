// Reaching into Samvad's UI from tests (DESIGN.md, "Test hooks"). Our hosts on the sites have CLOSED shadow
// roots, so neither the site's scripts nor puppeteer's `pierce/` and `>>>` (which run in the page) see inside.
// The browser's own protocol does: in Chromium the DevTools protocol (`DOM.getDocument({ depth: -1, pierce: true })`
// lists closed roots, `DOM.querySelectorAll` queries inside them, `DOM.getBoxModel` places the mouse, and
// `DOM.resolveNode` + `Runtime.callFunctionOn` read state); in Firefox, which speaks WebDriver BiDi instead,
// `script.callFunction` with `serializationOptions.includeShadowTree: "all"` hands back closed roots as shared
// references, queried and read in a BiDi sandbox realm the page cannot reach. The roots are never reopened.
//
// A path is a selector in the page's DOM, then a selector inside each matching host's shadow root, joined by
// ` >>> `:   ui(page).click('[data-samvad-item="x:1"] samvad-toolbar >>> button[data-action="assign"]')
import type { CDPSession, Page } from 'puppeteer-core';

/** Runs in the browser on matched elements; must be self-contained (it is sent as source text). */
type InBrowser<A extends unknown[], R> = (elements: Element[], ...args: A) => R | Promise<R>;

interface Backend {
  /** Calls `fn` on every element `path` matches (an empty list when none do). */
  call<A extends unknown[], R>(path: string, fn: InBrowser<A, R>, args: A): Promise<R>;
  /** The centre of the first match, in CSS pixels of the viewport, after scrolling it into view; null if none. */
  centre(path: string): Promise<{ x: number; y: number } | null>;
  /** Focuses the first match; false if none. */
  focus(path: string): Promise<boolean>;
}

const SEPARATOR = /\s+>>>\s+/;
const segmentsOf = (path: string) => path.split(SEPARATOR).map((segment) => segment.trim());

/** The function sent to the browser: arguments travel as JSON, and so does the result. */
const wrapped = (fn: InBrowser<never[], unknown>) =>
  `async function (json, ...elements) { const result = await (${fn.toString()})(elements, ...JSON.parse(json)); return JSON.stringify(result === undefined ? null : result); }`;

/** Chromium: the DevTools protocol on a CDP session of the page's own. */
class DevToolsBackend implements Backend {
  #queue: Promise<unknown> = Promise.resolve();
  #group = 0;

  constructor(private readonly cdp: CDPSession) {}

  /** One protocol conversation at a time: every DOM.getDocument call renumbers the nodes. */
  #serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(work, work);
    this.#queue = next.catch(() => undefined);
    return next;
  }

  async #nodeIds(path: string): Promise<number[]> {
    const { root } = await this.cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    const shadowRootsOf = new Map<number, number[]>();
    const walk = (node: typeof root) => {
      if (node.shadowRoots?.length) shadowRootsOf.set(node.nodeId, node.shadowRoots.map((shadow) => shadow.nodeId));
      for (const child of [...(node.children ?? []), ...(node.shadowRoots ?? []), ...(node.contentDocument ? [node.contentDocument] : [])]) walk(child);
    };
    walk(root);
    let scopes = [root.nodeId];
    const segments = segmentsOf(path);
    for (const [index, selector] of segments.entries()) {
      const found = await Promise.all(scopes.map((nodeId) => this.cdp.send('DOM.querySelectorAll', { nodeId, selector })));
      const matches = found.flatMap((result) => result.nodeIds);
      if (index === segments.length - 1) return matches;
      scopes = matches.flatMap((nodeId) => shadowRootsOf.get(nodeId) ?? []);
    }
    return [];
  }

  call<A extends unknown[], R>(path: string, fn: InBrowser<A, R>, args: A): Promise<R> {
    return this.#serial(async () => {
      const nodeIds = await this.#nodeIds(path);
      const objectGroup = `samvad-e2e-${++this.#group}`;
      try {
        const objects = await Promise.all(nodeIds.map((nodeId) => this.cdp.send('DOM.resolveNode', { nodeId, objectGroup })));
        const json = JSON.stringify(args);
        const { result, exceptionDetails } = objects[0]
          ? await this.cdp.send('Runtime.callFunctionOn', {
              functionDeclaration: wrapped(fn as unknown as InBrowser<never[], unknown>),
              // Runs in the page's main world: the test's own code, on elements the protocol handed over.
              objectId: objects[0].object.objectId!,
              arguments: [{ value: json }, ...objects.map(({ object }) => ({ objectId: object.objectId! }))],
              awaitPromise: true,
              returnByValue: true,
            })
          : await this.cdp.send('Runtime.evaluate', {
              expression: `(${wrapped(fn as unknown as InBrowser<never[], unknown>)})(${JSON.stringify(json)})`,
              awaitPromise: true,
              returnByValue: true,
            });
        if (exceptionDetails) throw new Error(`in the page, on ${path}: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
        return JSON.parse(result.value as string) as R;
      } finally {
        await this.cdp.send('Runtime.releaseObjectGroup', { objectGroup }).catch(() => undefined);
      }
    });
  }

  centre(path: string): Promise<{ x: number; y: number } | null> {
    return this.#serial(async () => {
      const [nodeId] = await this.#nodeIds(path);
      if (nodeId === undefined) return null;
      await this.cdp.send('DOM.scrollIntoViewIfNeeded', { nodeId });
      const { model } = await this.cdp.send('DOM.getBoxModel', { nodeId });
      const quad = model.border;
      return { x: (quad[0]! + quad[2]! + quad[4]! + quad[6]!) / 4, y: (quad[1]! + quad[3]! + quad[5]! + quad[7]!) / 4 };
    });
  }

  focus(path: string): Promise<boolean> {
    return this.#serial(async () => {
      const [nodeId] = await this.#nodeIds(path);
      if (nodeId === undefined) return false;
      await this.cdp.send('DOM.focus', { nodeId });
      return true;
    });
  }
}

interface BidiConnection {
  send(method: string, params: object): Promise<{ result: BidiEvaluateResult }>;
}
type BidiRemoteValue = { type: string; value?: unknown; sharedId?: string };
type BidiEvaluateResult =
  | { type: 'success'; result: BidiRemoteValue }
  | { type: 'exception'; exceptionDetails: { text: string } };

/** Firefox: WebDriver BiDi on puppeteer's own connection, in a sandbox realm of the page's top frame. */
class BidiBackend implements Backend {
  constructor(
    private readonly connection: BidiConnection,
    private readonly page: Page,
  ) {}

  async #callFunction(functionDeclaration: string, args: object[]): Promise<BidiRemoteValue> {
    const { result } = await this.connection.send('script.callFunction', {
      functionDeclaration,
      // puppeteer's BiDi frame carries its browsing context's id.
      target: { context: (this.page.mainFrame() as unknown as { _id: string })._id, sandbox: 'samvad-e2e' },
      awaitPromise: true,
      arguments: args,
      resultOwnership: 'none',
      // Closed roots too, as shared references (a sandbox's own `element.shadowRoot` is null for them).
      serializationOptions: { maxDomDepth: 0, includeShadowTree: 'all' },
    });
    if (result.type === 'exception') throw new Error(`in the page: ${result.exceptionDetails.text}`);
    return result.result;
  }

  async #sharedIds(path: string): Promise<string[]> {
    let scopes: (string | null)[] = [null];
    const segments = segmentsOf(path);
    for (const [index, selector] of segments.entries()) {
      const found = await Promise.all(
        scopes.map((scope) =>
          this.#callFunction('function (selector, scope) { return [...(scope ?? document).querySelectorAll(selector)]; }', [
            { type: 'string', value: selector },
            scope === null ? { type: 'undefined' } : { sharedId: scope },
          ]),
        ),
      );
      const nodes = found.flatMap((list) => (list.value as { sharedId: string; value?: { shadowRoot?: { sharedId?: string } | null } }[]) ?? []);
      if (index === segments.length - 1) return nodes.map((node) => node.sharedId);
      scopes = nodes.flatMap((node) => (node.value?.shadowRoot?.sharedId ? [node.value.shadowRoot.sharedId] : []));
    }
    return [];
  }

  async call<A extends unknown[], R>(path: string, fn: InBrowser<A, R>, args: A): Promise<R> {
    const sharedIds = await this.#sharedIds(path);
    const result = await this.#callFunction(wrapped(fn as unknown as InBrowser<never[], unknown>), [
      { type: 'string', value: JSON.stringify(args) },
      ...sharedIds.map((sharedId) => ({ sharedId })),
    ]);
    return JSON.parse(result.value as string) as R;
  }

  centre(path: string): Promise<{ x: number; y: number } | null> {
    return this.call(path, ([element]) => {
      if (!element) return null;
      element.scrollIntoView({ block: 'center', inline: 'center' });
      const rect = element.getBoundingClientRect();
      return rect.width || rect.height ? { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 } : null;
    }, []);
  }

  focus(path: string): Promise<boolean> {
    return this.call(path, ([element]) => {
      (element as HTMLElement | undefined)?.focus();
      return Boolean(element);
    }, []);
  }
}

export interface WaitOptions {
  /** Milliseconds (default 15 s). */
  timeout?: number;
}

/** Samvad's UI on one page, reached through the browser's protocol. */
export interface OurUi {
  /** Runs `fn` in the browser on every element `path` matches (an empty list when none do); returns its JSON-able result. */
  evaluate<A extends unknown[], R>(path: string, fn: InBrowser<A, R>, ...args: A): Promise<R>;
  count(path: string): Promise<number>;
  /** The first match's attribute, or null (also when nothing matches). */
  attribute(path: string, name: string): Promise<string | null>;
  /** The first match's textContent, or null when nothing matches. */
  text(path: string): Promise<string | null>;
  /** Waits until `path` matches something. */
  waitFor(path: string, options?: WaitOptions): Promise<void>;
  /** Waits until `path` matches nothing. */
  waitForGone(path: string, options?: WaitOptions): Promise<void>;
  /** Waits until `fn` on the matches returns something truthy, and returns it. */
  waitForFunction<A extends unknown[], R>(path: string, fn: InBrowser<A, R>, options: WaitOptions, ...args: A): Promise<NonNullable<R>>;
  /** A real mouse click at the centre of the first match (scrolled into view), as a moderator's. */
  click(path: string, options?: WaitOptions): Promise<void>;
  /** Focuses the first match, as Tab would. */
  focus(path: string, options?: WaitOptions): Promise<void>;
}

const backends = new WeakMap<Page, Promise<Backend>>();

function backendOf(page: Page): Promise<Backend> {
  let backend = backends.get(page);
  if (!backend) {
    const browser = page.browser();
    // puppeteer speaks WebDriver BiDi to Firefox and the DevTools protocol to Chromium.
    backend = browser.version().then(async (version) =>
      /firefox/i.test(version)
        ? new BidiBackend((browser as unknown as { connection: BidiConnection }).connection, page)
        : new DevToolsBackend(await page.createCDPSession()),
    );
    backends.set(page, backend);
  }
  return backend;
}

const POLL_MS = 50;

async function poll<R>(describe: string, options: WaitOptions | undefined, attempt: () => Promise<R | null | undefined | false | ''>): Promise<NonNullable<R>> {
  const deadline = Date.now() + (options?.timeout ?? 15_000);
  let lastError: unknown;
  for (;;) {
    try {
      const value = await attempt();
      if (value) return value as NonNullable<R>;
    } catch (error) {
      // E.g. the document was replaced under the query (navigation): try again.
      lastError = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${describe}${lastError instanceof Error ? ` (last error: ${lastError.message})` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

export function ui(page: Page): OurUi {
  const evaluate = async <A extends unknown[], R>(path: string, fn: InBrowser<A, R>, ...args: A) => (await backendOf(page)).call(path, fn, args);
  const count = (path: string) => evaluate(path, (elements) => elements.length);
  return {
    evaluate,
    count,
    attribute: (path, name) => evaluate(path, ([element], attribute) => element?.getAttribute(attribute) ?? null, name),
    text: (path) => evaluate(path, ([element]) => element?.textContent ?? null),
    async waitFor(path, options) {
      await poll(path, options, async () => (await count(path)) > 0);
    },
    async waitForGone(path, options) {
      await poll(`${path} to go`, options, async () => (await count(path)) === 0);
    },
    waitForFunction: (path, fn, options, ...args) => poll(`a condition on ${path}`, options, () => evaluate(path, fn, ...args)),
    async click(path, options) {
      const backend = await backendOf(page);
      const { x, y } = await poll(path, options, () => backend.centre(path));
      await page.mouse.click(x, y);
    },
    async focus(path, options) {
      const backend = await backendOf(page);
      await poll(path, options, () => backend.focus(path));
    },
  };
}
