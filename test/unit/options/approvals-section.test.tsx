import { render } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApprovalsSection } from '../../../components/options/ApprovalsSection';
import type { OrgConfig } from '../../../lib/contract/org';
import { createTranslator, I18nContext, type UiLanguage } from '../../../lib/i18n';
import { DEMO_ORG } from '../../../lib/org/demo-org';

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
let container: HTMLElement;

function mount(onSave = vi.fn(async (_org: OrgConfig) => {}), language: UiLanguage = 'en') {
  container = document.createElement('div');
  document.body.append(container);
  render(
    <I18nContext.Provider value={{ language, t: createTranslator(language) }}>
      <ApprovalsSection org={DEMO_ORG} onSave={onSave} />
    </I18nContext.Provider>,
    container,
  );
  return onSave;
}

const input = (selector: string) => container.querySelector(selector) as HTMLInputElement;
const check = (selector: string) => {
  input(selector).click();
};

afterEach(() => {
  render(null, container);
  container.remove();
});

describe('the approval policy on the options page', () => {
  it('shows the demo organisation’s policy and saves the admin’s changes through the org-section save', async () => {
    const onSave = mount();
    expect(input('input[name="approvals-flag"][value="sub_judice"]').checked).toBe(true);
    expect(input('input[name="approvals-flag"][value="spam"]').checked).toBe(false);
    expect(input('input[name="approvals-blockFindings"]').checked).toBe(true);
    expect(input('input[name="approvals-expiresMinutes"]').value).toBe('1440');

    check('input[name="approvals-flag"][value="about_individual"]');
    check('input[name="approvals-flag"][value="confidential"]');
    check('input[name="approvals-department"][value="hallmarking"]');
    const minutes = input('input[name="approvals-expiresMinutes"]');
    minutes.value = '120';
    minutes.dispatchEvent(new Event('input', { bubbles: true }));
    await tick();
    (container.querySelector('button[data-action="save-approvals"]') as HTMLButtonElement).click();
    await tick();
    expect(onSave).toHaveBeenCalledTimes(1);
    expect(onSave.mock.calls[0]![0].approvals).toEqual({
      all: false,
      flags: ['sub_judice', 'needs_escalation', 'about_individual'],
      departments: ['hallmarking'],
      blockFindings: true,
      expiresMinutes: 120,
    });
    expect(container.querySelector('[data-status="approvals"]')?.textContent).toBe('Approval policy saved.');
  });

  it('refuses minutes out of range without saving, and says why a save failed', async () => {
    const onSave = mount(vi.fn(async () => Promise.reject(new Error('Only an administrator can change it.'))));
    const minutes = input('input[name="approvals-expiresMinutes"]');
    minutes.value = '0';
    minutes.dispatchEvent(new Event('input', { bubbles: true }));
    await tick();
    (container.querySelector('button[data-action="save-approvals"]') as HTMLButtonElement).click();
    await tick();
    expect(onSave).not.toHaveBeenCalled();
    expect(container.querySelector('[role="alert"]')?.textContent).toMatch(/whole number of minutes/);

    minutes.value = '60';
    minutes.dispatchEvent(new Event('input', { bubbles: true }));
    await tick();
    (container.querySelector('button[data-action="save-approvals"]') as HTMLButtonElement).click();
    await tick();
    await tick();
    expect(container.querySelector('[data-status="approvals"]')?.textContent).toBe('Not saved: Only an administrator can change it.');
  });

  it('speaks Hindi', () => {
    mount(undefined, 'hi');
    expect(container.querySelector('h2')?.textContent).toBe('जारी करने से पहले अनुमोदन');
    expect(container.textContent).toContain('हॉलमार्किंग');
  });
});
