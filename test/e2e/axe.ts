// axe-core checks for the e2e suite. Extension pages and the dashboard are ordinary documents:
// @axe-core/puppeteer runs on them as it is. Samvad's UI on the sites lives in CLOSED shadow roots, which
// axe, running in a page, cannot enter (it walks `element.shadowRoot`, null for a closed root). So axe runs
// in a world of the test's own, made through the DevTools protocol (Page.createIsolatedWorld): the protocol
// hands that world the closed roots (DOM.getDocument with pierce, DOM.resolveNode), and only there
// `Element.prototype.shadowRoot` is taught to answer with them. The page's own scripts and the content
// scripts run in other worlds, with their own prototypes: nothing is reopened for them, nor in the build.
import { AxePuppeteer } from '@axe-core/puppeteer';
import axe from 'axe-core';
import type { AxeResults, Result } from 'axe-core';
import type { CDPSession, Frame, Page } from 'puppeteer-core';

/** A violation as the report shows it: rule, impact, and where (selectors, through shadow roots). */
export interface Finding {
  rule: string;
  impact: string;
  help: string;
  targets: string[];
  summary: string;
}

const findingsOf = (violations: Result[]): Finding[] =>
  violations.map((violation) => ({
    rule: violation.id,
    impact: violation.impact ?? 'unknown',
    help: violation.help,
    targets: violation.nodes.map((node) => JSON.stringify(node.target)),
    summary: violation.nodes.map((node) => node.failureSummary ?? '').join(' | '),
  }));

/** The violations a user of assistive technology would be blocked or seriously hindered by. */
export const seriousOrCritical = (results: AxeResults): Finding[] =>
  findingsOf(results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical'));

/** axe on an extension page or the dashboard (the whole document, its frames included). */
export async function axePage(page: Page): Promise<AxeResults> {
  // Same puppeteer version as puppeteer-core: its Page is the one @axe-core/puppeteer takes.
  return new AxePuppeteer(page as unknown as ConstructorParameters<typeof AxePuppeteer>[0]).analyze();
}

/** axe on one frame of a page (the private-field frames inside our dialogs are extension pages). */
export async function axeFrame(frame: Frame): Promise<AxeResults> {
  return new AxePuppeteer(frame as unknown as ConstructorParameters<typeof AxePuppeteer>[0]).analyze();
}

const WORLD = 'samvad-axe';
const worlds = new WeakMap<Page, { cdp: CDPSession; contextId: number }>();

async function axeWorld(page: Page): Promise<{ cdp: CDPSession; contextId: number }> {
  const known = worlds.get(page);
  if (known) {
    // A navigation drops the world: make a new one then.
    const alive = await known.cdp
      .send('Runtime.evaluate', { expression: 'typeof axe', contextId: known.contextId, returnByValue: true })
      .then(({ result }) => result.value === 'object', () => false);
    if (alive) return known;
  }
  const cdp = known?.cdp ?? (await page.createCDPSession());
  const { frameTree } = await cdp.send('Page.getFrameTree');
  const { executionContextId: contextId } = await cdp.send('Page.createIsolatedWorld', { frameId: frameTree.frame.id, worldName: WORLD });
  const script = `${axe.source}
    ;(() => {
      const closedRoots = new WeakMap();
      const own = Object.getOwnPropertyDescriptor(Element.prototype, 'shadowRoot');
      Object.defineProperty(Element.prototype, 'shadowRoot', {
        configurable: true,
        get() { return own.get.call(this) ?? closedRoots.get(this) ?? null; },
      });
      globalThis.__samvadClosedRoots = closedRoots;
    })();`;
  const { exceptionDetails } = await cdp.send('Runtime.evaluate', { expression: script, contextId });
  if (exceptionDetails) throw new Error(`axe did not load in the test's world: ${exceptionDetails.text}`);
  const world = { cdp, contextId };
  worlds.set(page, world);
  return world;
}

/**
 * axe on Samvad's UI on a site's page: every element matching `hosts` (e.g. `samvad-toolbar, samvad-guard`),
 * inside its closed shadow root, with what is open in the top layer (menus, picker, dialogs).
 */
export async function axeOurUi(page: Page, hosts: string): Promise<AxeResults> {
  const { cdp, contextId } = await axeWorld(page);
  const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
  type DomNode = typeof root;
  const pairs: { host: number; shadow: number }[] = [];
  const walk = (node: DomNode) => {
    for (const shadow of node.shadowRoots ?? []) if (shadow.shadowRootType === 'closed') pairs.push({ host: node.nodeId, shadow: shadow.nodeId });
    for (const child of [...(node.children ?? []), ...(node.shadowRoots ?? [])]) walk(child);
  };
  walk(root);
  if (!pairs.length) throw new Error('no closed shadow roots on the page');
  const group = `${WORLD}-${Date.now()}`;
  try {
    for (const { host, shadow } of pairs) {
      const [{ object: hostObject }, { object: shadowObject }] = await Promise.all([
        cdp.send('DOM.resolveNode', { nodeId: host, executionContextId: contextId, objectGroup: group }),
        cdp.send('DOM.resolveNode', { nodeId: shadow, executionContextId: contextId, objectGroup: group }),
      ]);
      await cdp.send('Runtime.callFunctionOn', {
        functionDeclaration: 'function (shadow) { globalThis.__samvadClosedRoots.set(this, shadow); }',
        objectId: hostObject.objectId!,
        arguments: [{ objectId: shadowObject.objectId! }],
      });
    }
  } finally {
    await cdp.send('Runtime.releaseObjectGroup', { objectGroup: group }).catch(() => undefined);
  }
  const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
    contextId,
    awaitPromise: true,
    returnByValue: true,
    // The private-field frames are extension pages of their own, checked as such.
    expression: `axe.run({ include: [...document.querySelectorAll(${JSON.stringify(hosts)})] }, { iframes: false }).then((r) => JSON.stringify(r))`,
  });
  if (exceptionDetails) throw new Error(`axe failed on ${hosts}: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
  const results = JSON.parse(result.value as string) as AxeResults;
  if (!results.passes || results.passes.length + results.violations.length + results.incomplete.length === 0) {
    throw new Error(`axe checked nothing in ${hosts}`);
  }
  return results;
}
