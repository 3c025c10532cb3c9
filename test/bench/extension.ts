/**
 * Extension benchmark (DESIGN.md budgets), measured as the moderator feels it:
 * - the content scripts' gzipped size (≤ 60 KB per site);
 * - the page's whole main-thread work (CDP Performance.getMetrics: TaskDuration, and within it script,
 *   style and layout) while a thread is scrolled through to 1,000 comments, with and without the extension,
 *   side by side in one run, repetitions interleaved, on both fixture sites: with ≤ 1.2× without;
 * - the extension's own script time, from a CDP sampling profile (self time of frames in the extension's
 *   files): ≤ 1 ms per 20 new comments;
 * - long tasks (> 50 ms, PerformanceObserver): none more with the extension than without.
 *
 *   npx tsx test/bench/extension.ts [--strict] [--reps 3] [--site x|facebook] [--profile]
 *
 * `--profile` also lists the extension's heaviest functions (self time) from the same sampling profile.
 *
 * Needs the Chrome build (`npm run build:chrome`) and the fixtures (`npm run fixtures`). Both browsers get
 * the same profiler, observer and scrolling, so the instruments' cost is on both sides of the ratio.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import type { Page } from 'puppeteer-core';
import { BrowserSession, extensionDir, startFixtures } from '../e2e/harness';

const BUNDLE_BUDGET = 60 * 1024;
const RATIO_BUDGET = 1.2;
const SCRIPT_BUDGET_MS = 1;
const TARGET = 1_000;
const PER = 20;

interface Site {
  name: 'x' | 'facebook';
  url: string;
  /** Comments on the page now: the page is ready when there are some. */
  count: string;
}

const sites: Site[] = [
  {
    name: 'x',
    url: `https://x.com/home?limit=${TARGET}`,
    count: `document.querySelectorAll('article[data-testid="tweet"]').length`,
  },
  {
    name: 'facebook',
    // 999 top-level comments, their replies on top: the page passes 1,000 comments.
    url: `https://www.facebook.com/IndianStandards/posts/1029384756000001?comments=999&pageSize=${PER}`,
    count: `document.querySelectorAll('div[role="article"]').length`,
  },
];

interface RunResult {
  taskMs: number;
  scriptMs: number;
  styleMs: number;
  layoutMs: number;
  /** Task time that is none of script, style and layout (paint, compositing, observers, GC…). */
  otherMs: number;
  /** Self time of the extension's own frames in the sampling profile. */
  extensionMs: number;
  longTasks: number;
  comments: number;
  /** Self time (ms) of the extension's functions, by name and place, for `--profile`. */
  hot: Map<string, number>;
}

interface ProfileNode {
  id: number;
  callFrame: { url: string; functionName: string; lineNumber: number };
}

function bundleSizes(): Array<{ file: string; gzip: number }> {
  const dir = join(extensionDir, 'content-scripts');
  return readdirSync(dir)
    .filter((file) => file.endsWith('.js'))
    .map((file) => ({ file, gzip: gzipSync(readFileSync(join(dir, file)), { level: 9 }).length }));
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/** Seconds → milliseconds of the metrics that grew between two readings. */
function grown(before: Map<string, number>, after: Map<string, number>, name: string): number {
  return ((after.get(name) ?? 0) - (before.get(name) ?? 0)) * 1000;
}

/**
 * Scrolls `site`'s thread to TARGET comments as a moderator reading along would: ask for the next page
 * (X: scroll to the end; Facebook: "View more comments"), wait for it, scroll it into view, let a frame pass.
 * Counted by the fixture: X's timeline is a virtual list whose cells are recycled.
 */
async function scrollThread(page: Page): Promise<number> {
  const loaded = () => page.evaluate(() => window.__fixture.loadedCount());
  for (let shown = await loaded(), stalls = 0; shown < TARGET && stalls < 3; ) {
    await page.evaluate(() => window.__fixture.loadMore());
    const grew = await page
      .waitForFunction((count) => window.__fixture.loadedCount() > count, { timeout: 5_000 }, shown)
      .then(() => true, () => false);
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 60))));
    stalls = grew ? 0 : stalls + 1;
    shown = await loaded();
  }
  return loaded();
}

async function measure(session: BrowserSession, site: Site): Promise<RunResult> {
  const page = await session.browser.newPage();
  await page.evaluateOnNewDocument(() => {
    const tasks: number[] = [];
    (window as unknown as { __longTasks: number[] }).__longTasks = tasks;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) tasks.push(entry.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(site.url, { waitUntil: 'load' });
  await page.waitForFunction(site.count, { timeout: 20_000 });
  if (session.extensionId) await page.waitForSelector('samvad-toolbar', { timeout: 20_000 });
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 300)));
  const cdp = await page.createCDPSession();
  await cdp.send('Performance.enable');
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  const metrics = async () => new Map((await cdp.send('Performance.getMetrics')).metrics.map((metric) => [metric.name, metric.value]));
  const longTasksBefore = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks.length);
  const before = await metrics();
  await cdp.send('Profiler.start');
  const comments = await scrollThread(page);
  // The last page's toolbars and lookups finish before the reading.
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 300)));
  const { profile } = await cdp.send('Profiler.stop');
  const after = await metrics();
  const longTasks = (await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks.length)) - longTasksBefore;
  const prefix = session.extensionId ? `chrome-extension://${session.extensionId}/` : null;
  const ownNodes = new Map(
    (profile.nodes as ProfileNode[])
      .filter((node) => prefix && node.callFrame.url.startsWith(prefix))
      .map((node) => [node.id, `${node.callFrame.functionName || '(anonymous)'} ${node.callFrame.url.slice(prefix!.length)}:${node.callFrame.lineNumber + 1}`]),
  );
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes as Array<ProfileNode & { children?: number[] }>) for (const child of node.children ?? []) parentOf.set(child, node.id);
  let extensionMicros = 0;
  const hot = new Map<string, number>();
  profile.samples?.forEach((node, index) => {
    const micros = profile.timeDeltas?.[index] ?? 0;
    const place = ownNodes.get(node);
    if (place !== undefined) {
      extensionMicros += micros;
      hot.set(place, (hot.get(place) ?? 0) + micros / 1000);
    }
    // Total time: each of the extension's functions on the sampled stack, once, whatever runs on top of it.
    const onStack = new Set<string>();
    for (let id: number | undefined = node; id !== undefined; id = parentOf.get(id)) {
      const own = ownNodes.get(id);
      if (own !== undefined) onStack.add(`total ${own}`);
    }
    for (const own of onStack) hot.set(own, (hot.get(own) ?? 0) + micros / 1000);
  });
  await cdp.detach();
  await page.close();
  return {
    taskMs: grown(before, after, 'TaskDuration'),
    scriptMs: grown(before, after, 'ScriptDuration'),
    styleMs: grown(before, after, 'RecalcStyleDuration'),
    layoutMs: grown(before, after, 'LayoutDuration'),
    otherMs: grown(before, after, 'TaskOtherDuration'),
    extensionMs: extensionMicros / 1000,
    longTasks,
    comments,
    hot,
  };
}

const format = (ms: number) => `${ms.toFixed(0).padStart(6)} ms`;

export async function run({ strict = false, reps = 3, only = '', profile = false } = {}): Promise<boolean> {
  let ok = true;
  console.log('\n== Extension ==');
  for (const { file, gzip } of bundleSizes()) {
    const within = gzip <= BUNDLE_BUDGET;
    ok &&= within;
    console.log(`content script ${file.padEnd(18)} ${(gzip / 1024).toFixed(1).padStart(6)} KB gzipped (budget 60 KB) ${within ? 'ok' : 'OVER'}`);
  }
  const fixtures = await startFixtures();
  const withExtension = await BrowserSession.launch(fixtures);
  const without = await BrowserSession.launch(fixtures, { extension: false });
  try {
    for (const site of sites.filter((each) => !only || each.name === only)) {
      const results: Record<'with' | 'without', RunResult[]> = { with: [], without: [] };
      // Interleaved, alternating which goes first, so a busy moment on the machine lands on both sides.
      for (let rep = 0; rep < reps; rep++) {
        const order: Array<'with' | 'without'> = rep % 2 ? ['without', 'with'] : ['with', 'without'];
        for (const side of order) results[side].push(await measure(side === 'with' ? withExtension : without, site));
      }
      const m = (side: 'with' | 'without', key: Exclude<keyof RunResult, 'hot'>) => median(results[side].map((result) => result[key]));
      const comments = m('with', 'comments');
      console.log(`\n${site.name}: a thread scrolled to ${comments} comments, median of ${reps} interleaved runs each`);
      console.log(`                       task      script     style    layout     other`);
      for (const side of ['without', 'with'] as const) {
        console.log(`  ${side.padEnd(18)}${format(m(side, 'taskMs'))}${format(m(side, 'scriptMs'))}${format(m(side, 'styleMs'))}${format(m(side, 'layoutMs'))}${format(m(side, 'otherMs'))}`);
      }
      const ratio = m('with', 'taskMs') / m('without', 'taskMs');
      const perBatch = m('with', 'extensionMs') / (comments / PER);
      const extraLongTasks = Math.max(0, m('with', 'longTasks') - m('without', 'longTasks'));
      const checks = [
        { label: `main-thread work with / without: ${ratio.toFixed(2)}× (budget ≤ ${RATIO_BUDGET}×)`, within: ratio <= RATIO_BUDGET },
        {
          label: `extension scripts (sampling profile): ${m('with', 'extensionMs').toFixed(1)} ms, ${perBatch.toFixed(2)} ms per ${PER} comments (budget ≤ ${SCRIPT_BUDGET_MS} ms)`,
          within: perBatch <= SCRIPT_BUDGET_MS,
        },
        {
          label: `long tasks: ${m('with', 'longTasks')} with, ${m('without', 'longTasks')} without (budget: none more with the extension)`,
          within: extraLongTasks === 0,
        },
      ];
      for (const check of checks) {
        ok &&= check.within;
        console.log(`  ${check.label} ${check.within ? 'ok' : 'OVER'}`);
      }
      if (profile) {
        // Where the extension's own time goes: self time summed over the runs with it, heaviest first.
        const hot = new Map<string, number>();
        for (const result of results.with) for (const [place, ms] of result.hot) hot.set(place, (hot.get(place) ?? 0) + ms / reps);
        const heaviest = (total: boolean) => [...hot].filter(([place]) => place.startsWith('total ') === total).sort((a, b) => b[1] - a[1]).slice(0, 25);
        console.log('  extension self time per run, heaviest functions:');
        for (const [place, ms] of heaviest(false)) console.log(`    ${ms.toFixed(1).padStart(7)} ms  ${place}`);
        console.log('  extension total time per run (with what it calls, the page\'s and the browser\'s too):');
        for (const [place, ms] of heaviest(true)) console.log(`    ${ms.toFixed(1).padStart(7)} ms  ${place.slice('total '.length)}`);
      }
    }
  } finally {
    await withExtension.close();
    await without.close();
    await fixtures.close();
  }
  if (strict && !ok) process.exitCode = 1;
  return ok;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      strict: { type: 'boolean', default: false },
      reps: { type: 'string', default: '3' },
      site: { type: 'string', default: '' },
      profile: { type: 'boolean', default: false },
    },
    strict: false,
  });
  await run({ strict: values.strict === true, reps: Number(values.reps), only: String(values.site), profile: values.profile === true });
}
