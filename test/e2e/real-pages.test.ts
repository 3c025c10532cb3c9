// The built extension on real saved pages of X and Facebook (third-party captures in ../shared/real-pages,
// read from there, never copied), served under the real host names by request interception. The pages'
// own scripts are blocked by a CSP header (they would only fail to reach their CDNs); the content scripts
// are not subject to it. Every tweet, comment and reply shown gets data-samvad-item with its own id, nothing
// else does.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HTTPRequest, Page } from 'puppeteer-core';
import { afterEach, expect, it } from 'vitest';
import { describeE2E, useE2E } from './harness';

const realPages = join(import.meta.dirname, '../../../shared/real-pages');

const pages = [
  { file: 'fb-post-1', url: 'https://www.facebook.com/salmanmd.sultan.1/posts/pfbid02pmb12q1MvJtRmoNbehRRgzd48vLkUZca1mV5L4AKZq4MsLK52Kgmjag2hvQoFQwhl' },
  { file: 'fb-page-1', url: 'https://www.facebook.com/YukaGroup' },
  { file: 'x-status-1', url: 'https://twitter.com/realDonaldTrump/status/1222907250383245320' },
  { file: 'x-status-2', url: 'https://twitter.com/k4rliky/status/934482867480121345' },
  { file: 'x-home-1', url: 'https://x.com/home' },
  { file: 'x-profile-1', url: 'https://x.com/nikitabier' },
];

/** Answers the page's own URL with the saved markup and refuses everything else it asks for. */
async function serveSaved(page: Page, url: string, file: string): Promise<void> {
  const path = join(realPages, `${file}.html`);
  if (!existsSync(path)) throw new Error(`${path} is missing: the real pages live in ../shared/real-pages beside the repository`);
  const body = readFileSync(path);
  await page.setRequestInterception(true);
  page.on('request', (request: HTTPRequest) => {
    if (request.isInterceptResolutionHandled()) return;
    if (request.url() === url) {
      void request.respond({
        status: 200,
        contentType: 'text/html; charset=utf-8',
        headers: { 'content-security-policy': "script-src 'none'" },
        body,
      });
    } else void request.abort();
  });
}

describeE2E('the extension on real saved pages', () => {
  const e2e = useE2E();
  let open: Page[] = [];
  afterEach(async () => {
    await Promise.all(open.map((page) => page.close()));
    open = [];
  });

  for (const { file, url } of pages) {
    it(`${file}: every ${file.startsWith('fb') ? 'comment and reply' : 'tweet'} carries its own id, nothing else does`, async () => {
      const page = await e2e.session.browser.newPage();
      open.push(page);
      await serveSaved(page, url, file);
      await page.goto(url, { waitUntil: 'domcontentloaded' });
      // Toolbars come as comments near the viewport: bring each into view, whichever element scrolls (some
      // saved pages keep the document itself from scrolling).
      await page.evaluate(async (facebook) => {
        for (const item of document.querySelectorAll(facebook ? 'div[role="article"]' : 'article[data-testid="tweet"]')) {
          item.scrollIntoView({ block: 'center' });
          await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 40)));
        }
      }, file.startsWith('fb'));
      const read = () => page.evaluate((facebook) => {
        const items = [...document.querySelectorAll(facebook ? 'div[role="article"]' : 'article[data-testid="tweet"]')];
        const expected = items.map((item) => {
          // fb-page-1 keeps some posts' comment previews in display:none containers: unseen, so never decorated.
          if (!item.checkVisibility()) return null;
          if (facebook) {
            const label = item.getAttribute('aria-label') ?? '';
            if (!/^(Comment|Reply) by /.test(label)) return null;
            const links = [...item.querySelectorAll('a[href*="comment_id="]')].filter((link) => link.closest('div[role="article"]') === item);
            const url = new URL(links.at(-1)!.getAttribute('href')!, location.href);
            return `facebook:${label.startsWith('Reply by ') ? url.searchParams.get('reply_comment_id') : url.searchParams.get('comment_id')}`;
          }
          if (item.closest('[data-testid="placementTracking"]') || item.querySelector('[data-testid="placementTracking"]')) return null;
          const time = [...item.querySelectorAll('a[href*="/status/"] > time')].find((each) => !each.closest('div[role="link"]'));
          return `x:${/\/status\/(\d+)/.exec(time!.parentElement!.getAttribute('href')!)![1]}`;
        });
        return {
          expected,
          actual: items.map((item) => item.getAttribute('data-samvad-item')),
          elsewhere: document.querySelectorAll(`[data-samvad-item]:not(${facebook ? 'div[role="article"]' : 'article[data-testid="tweet"]'})`).length,
        };
      }, file.startsWith('fb'));
      // Decoration runs in animation frames after the last scroll: read again until it settles (at most 5 s).
      let found = await read();
      for (const deadline = Date.now() + 5_000; JSON.stringify(found.actual) !== JSON.stringify(found.expected) && Date.now() < deadline; ) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        found = await read();
      }
      expect(found.expected.filter(Boolean).length).toBeGreaterThan(file === 'fb-page-1' ? 30 : 3);
      expect(found.actual.map((key, index) => `${index} ${key}`)).toEqual(found.expected.map((key, index) => `${index} ${key}`));
      expect(found.elsewhere).toBe(0);
    });
  }
});
