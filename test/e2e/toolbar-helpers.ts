import type { ElementHandle, Page } from 'puppeteer-core';

// Test hooks (DESIGN.md): each comment carries data-samvad-item; its toolbar is a samvad-toolbar host
// with an open shadow root, which puppeteer's pierce/ reaches.

export const toolbarOf = (key: string) => `[data-samvad-item="${key}"] samvad-toolbar`;

export async function statusOf(page: Page, key: string) {
  return page.$eval(toolbarOf(key), (host) => {
    const status = host.shadowRoot!.querySelector('[data-samvad-status]')!;
    return {
      department: status.getAttribute('data-department'),
      flags: status.getAttribute('data-flags'),
      sla: status.getAttribute('data-sla'),
      text: status.textContent,
    };
  });
}

export async function waitForStatus(page: Page, key: string, attribute: string, value: string, timeout = 10_000) {
  await page.waitForFunction(
    (selector, a, v) => document.querySelector(selector)?.shadowRoot?.querySelector('[data-samvad-status]')?.getAttribute(a) === v,
    { timeout },
    toolbarOf(key),
    attribute,
    value,
  );
}

/** Clicks inside a comment's toolbar (its shadow root), as a moderator's mouse would. */
export async function clickInToolbar(page: Page, key: string, selector: string): Promise<void> {
  const host = await page.waitForSelector(toolbarOf(key));
  const target = await host!.waitForSelector(`pierce/${selector}`);
  await target!.click();
}

export async function assign(page: Page, key: string, departmentId: string): Promise<void> {
  await clickInToolbar(page, key, 'button[data-action="assign"]');
  await clickInToolbar(page, key, `[data-department-id="${departmentId}"]`);
  await waitForStatus(page, key, 'data-department', departmentId);
}

/** Item keys of the decorated comments matching `selector`, in page order. */
export async function decoratedKeys(page: Page, selector: string): Promise<string[]> {
  await page.waitForSelector(`${selector}[data-samvad-item] samvad-toolbar`);
  return page.$$eval(`${selector}[data-samvad-item]`, (elements) => elements.map((e) => e.getAttribute('data-samvad-item')!));
}

export async function focusedActionIn(host: ElementHandle<Element>): Promise<string | null> {
  return host.evaluate((h) => h.shadowRoot!.activeElement?.getAttribute('data-action') ?? null);
}

/** Opens the canned-reply picker from a comment's toolbar and waits for its search field to have focus. */
export async function openCannedPicker(page: Page, key: string): Promise<void> {
  await clickInToolbar(page, key, 'button[data-action="reply"]');
  await page.waitForFunction(() => document.querySelector('samvad-canned-picker')?.shadowRoot?.activeElement?.matches('input') === true);
}

/** Whether the guideline guard's block dialog is open beside some composer. */
export async function guardBlockOpen(page: Page): Promise<boolean> {
  return page.evaluate(() =>
    [...document.querySelectorAll('samvad-guard')].some((host) => host.shadowRoot?.querySelector('dialog[data-samvad-block]')?.hasAttribute('open')),
  );
}
