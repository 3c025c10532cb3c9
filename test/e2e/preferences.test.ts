import type { Page } from 'puppeteer-core';
import { expect, it } from 'vitest';
import { describeE2E, useE2E } from './harness';
import { ui } from './closed-roots';
import { decoratedKeys, inToolbar, toolbarOf } from './toolbar-helpers';

/** Everything the toolbar shows. */
const toolbarText = (page: Page, key: string) => ui(page).evaluate(inToolbar(key, '*'), (elements) => elements.map((e) => e.textContent).join(' '));
const waitForToolbarText = (page: Page, key: string, text: string) =>
  ui(page).waitForFunction(inToolbar(key, '*'), (elements, t) => elements.some((e) => e.textContent?.includes(t)), { timeout: 5_000 }, text);

describeE2E('language and theme', () => {
  const e2e = useE2E();

  it('switches the toolbars to Hindi from the settings, on an open page, without a reload', async () => {
    const page = await e2e.open('https://x.com/home');
    const key = (await decoratedKeys(page, 'article[data-testid="tweet"]'))[0]!;
    expect(await toolbarText(page, key)).toContain('Assign');

    const options = await e2e.session.browser.newPage();
    e2e.session.watchErrors(options);
    await options.goto(e2e.session.extensionUrl('options.html'));
    await options.waitForSelector('#ui-language');
    await options.select('#ui-language', 'hi');
    await options.waitForFunction(() => document.documentElement.lang === 'hi' && document.title === 'संवाद सेटिंग्स');

    await page.bringToFront();
    await waitForToolbarText(page, key, 'सौंपें');
    expect(await toolbarText(page, key)).toContain('चिह्नित करें');
    expect(await page.$eval(toolbarOf(key), (host) => host.getAttribute('lang'))).toBe('hi');

    await options.select('#ui-language', 'auto');
    await waitForToolbarText(page, key, 'Assign');
    expect(e2e.errors(page)).toEqual([]);
    expect(e2e.errors(options)).toEqual([]);
    await options.close();
    await page.close();
  });

  it("follows the site's dark theme", async () => {
    const page = await e2e.open('https://x.com/home?theme=dark');
    const key = (await decoratedKeys(page, 'article[data-testid="tweet"]'))[0]!;
    expect(await page.$eval(toolbarOf(key), (host) => host.getAttribute('data-theme'))).toBe('dark');
    const colours = await ui(page).evaluate(inToolbar(key, 'button[data-action="assign"]'), ([button]) => ({
      text: getComputedStyle(button!).color,
      background: getComputedStyle(button!).backgroundColor,
    }));
    // Light text on a dark button, readable on X's black background.
    const luminance = (rgb: string) => {
      const [r, g, b] = rgb.match(/\d+/g)!.map(Number) as [number, number, number];
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    expect(luminance(colours.text)).toBeGreaterThan(150);
    expect(luminance(colours.background)).toBeLessThan(60);
    expect(e2e.errors(page)).toEqual([]);
    await page.close();
  });
});
