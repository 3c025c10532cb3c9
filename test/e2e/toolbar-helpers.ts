import type { ElementHandle, Page } from 'puppeteer-core';
import { ui } from './closed-roots';

// Test hooks (DESIGN.md): each comment carries data-samvad-item; its toolbar is a samvad-toolbar host
// with a closed shadow root, reached through the browser's protocol (closed-roots.ts).

export const toolbarOf = (key: string) => `[data-samvad-item="${key}"] samvad-toolbar`;
/** A path to `selector` inside a comment's toolbar, for `ui(page)`. */
export const inToolbar = (key: string, selector: string) => `${toolbarOf(key)} >>> ${selector}`;

export async function statusOf(page: Page, key: string) {
  const status = await ui(page).evaluate(inToolbar(key, '[data-samvad-status]'), ([element]) =>
    element
      ? {
          department: element.getAttribute('data-department'),
          flags: element.getAttribute('data-flags'),
          sla: element.getAttribute('data-sla'),
          text: element.textContent,
        }
      : null,
  );
  if (!status) throw new Error(`no toolbar status for ${key}`);
  return status;
}

export async function waitForStatus(page: Page, key: string, attribute: string, value: string, timeout = 10_000) {
  await ui(page).waitForFunction(
    inToolbar(key, '[data-samvad-status]'),
    ([status], a, v) => status?.getAttribute(a) === v,
    { timeout },
    attribute,
    value,
  );
}

/** Waits until the toolbar's status text matches `pattern` (a regular expression's source). */
export async function waitForStatusText(page: Page, key: string, pattern: RegExp, timeout = 10_000) {
  await ui(page).waitForFunction(
    inToolbar(key, '[data-samvad-status]'),
    ([status], source, flags) => new RegExp(source, flags).test(status?.textContent ?? ''),
    { timeout },
    pattern.source,
    pattern.flags,
  );
}

/** Clicks inside a comment's toolbar (its shadow root), as a moderator's mouse would. */
export async function clickInToolbar(page: Page, key: string, selector: string): Promise<void> {
  await ui(page).click(inToolbar(key, selector));
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

/** The data-action of the focused element inside a comment's toolbar, or null. */
export async function focusedActionIn(page: Page, key: string): Promise<string | null> {
  return ui(page).evaluate(inToolbar(key, '[data-action]:focus'), ([focused]) => focused?.getAttribute('data-action') ?? null);
}

/** Opens the canned-reply picker from a comment's toolbar and waits for its search field to have focus. */
export async function openPickerFromToolbar(page: Page, key: string): Promise<void> {
  await clickInToolbar(page, key, 'button[data-action="reply"]');
  await ui(page).waitFor('samvad-canned-picker >>> input:focus');
}

/** Whether the guideline guard's block dialog is open beside some composer. */
export async function guardBlockOpen(page: Page): Promise<boolean> {
  return (await ui(page).count('samvad-guard >>> dialog[data-samvad-block][open]')) > 0;
}

/** Whether the post gate's approval dialog is open (a reply the organisation's policy sends to an approver). */
export async function approvalDialogOpen(page: Page): Promise<boolean> {
  return (await ui(page).count('samvad-approval >>> dialog[data-samvad-approval][open]')) > 0;
}

/** Whether a post is held behind one of the gate's dialogs: the guard's block dialog or the approval dialog. */
export async function postHeldBehindDialog(page: Page): Promise<boolean> {
  return (await guardBlockOpen(page)) || (await approvalDialogOpen(page));
}

/** The guard's block dialog, open. */
export const BLOCK_DIALOG = 'samvad-guard >>> dialog[data-samvad-block][open]';

/**
 * Types the override reason as a moderator does: in the dialog's framed field (whose keys the site cannot
 * hear), once the field is there to type in — keys typed into a frame still loading its page are lost.
 */
export async function typeOverrideReason(page: Page, reason: string, dialog = BLOCK_DIALOG): Promise<void> {
  const deadline = Date.now() + 5_000;
  const loaded = async () => {
    for (const frame of page.frames()) if (frame.name() === 'reason' && (await frame.$('textarea').catch(() => null))) return true;
    return false;
  };
  while (!(await loaded())) {
    if (Date.now() > deadline) throw new Error('the reason field did not load');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await ui(page).click(`${dialog} iframe[name="reason"]`);
  await page.keyboard.type(reason);
}

// The site's own composers, as a moderator edits a draft in them.

/** The caret to the end of the draft (Ctrl+End: plain End stops at the end of a wrapped line). */
async function toEnd(page: Page): Promise<void> {
  await page.keyboard.down('Control');
  await page.keyboard.press('End');
  await page.keyboard.up('Control');
}

/** Waits until the editor holds `text` (the editors apply a key in their own update, a moment after it). */
export async function editorHolds(page: Page, box: ElementHandle<Element>, text: string): Promise<void> {
  await page
    .waitForFunction((element, expected) => window.__fixture.editorText(element) === expected, { timeout: 5_000 }, box, text)
    .catch(async (error: unknown) => {
      const held = await page.evaluate((element) => window.__fixture.editorText(element), box);
      throw new Error(`the editor holds ${JSON.stringify(held)}, not ${JSON.stringify(text)}`, { cause: error });
    });
}

/**
 * Puts the caret at the end of the composer's draft, as a moderator does: a click into it and Ctrl+End,
 * again until the caret is there — the editor may apply the click's selection after the key on a loaded
 * machine, and a closing dialog hands back the focus without the caret.
 */
export async function focusAtEnd(page: Page, box: ElementHandle<Element>): Promise<void> {
  const caret = () =>
    box.evaluate((element) => {
      const selection = document.getSelection();
      if (!selection?.isCollapsed || !selection.focusNode || !element.contains(selection.focusNode)) return 'elsewhere';
      const rest = document.createRange();
      rest.setStart(selection.focusNode, selection.focusOffset);
      rest.setEnd(element, element.childNodes.length);
      return rest.toString() === '' ? 'at-end' : 'inside';
    });
  const deadline = Date.now() + 5_000;
  for (let where = await caret(); where !== 'at-end'; where = await caret()) {
    if (Date.now() > deadline) throw new Error(`the caret did not go to the end of the draft (${where})`);
    if (where === 'elsewhere') {
      await box.click();
      await page.waitForFunction((element) => element.contains(document.activeElement), {}, box);
    }
    await toEnd(page);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
