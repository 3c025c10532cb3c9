import { render } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Toolbar, type ToolbarProps } from '../../../components/Toolbar';
import type { Triage } from '../../../lib/contract/triage';
import { createTranslator, I18nContext, type UiLanguage } from '../../../lib/i18n';
import { DEMO_ORG } from '../../../lib/org/demo-org';

const triage: Triage = {
  key: 'x:1',
  item: {
    platform: 'x', id: '1', author: { name: 'A' }, text: 't',
    permalink: 'https://x.com/a/status/1', createdAt: '2026-11-23T05:00:00.000Z',
  },
  departmentId: 'hallmarking',
  flags: ['sub_judice'],
  cannedUsed: [], replies: [], overrides: [],
  updatedAt: '2026-11-23T05:00:00.000Z',
  version: 0,
};

let container: HTMLElement;
function mount(props: Partial<ToolbarProps>, language: UiLanguage = 'en') {
  container = document.createElement('div');
  document.body.append(container);
  const all: ToolbarProps = {
    triage: undefined,
    departments: DEMO_ORG.departments,
    sla: { state: 'ok', stage: 'interim', dueAt: new Date() },
    slaText: 'Interim reply due in 3 h',
    notice: '',
    onAssign: () => {},
    onToggleFlag: () => {},
    onReply: () => {},
    ...props,
  };
  render(<I18nContext.Provider value={{ language, t: createTranslator(language) }}><Toolbar {...all} /></I18nContext.Provider>, container);
  return container;
}
const key = (target: Element, k: string) => target.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true }));
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

afterEach(() => {
  render(null, container);
  container.remove();
});

describe('Toolbar', () => {
  it('shows department, flags and SLA state on the status element', () => {
    const root = mount({ triage });
    const status = root.querySelector('[data-samvad-status]')!;
    expect(status.getAttribute('data-department')).toBe('hallmarking');
    expect(status.getAttribute('data-flags')).toBe('sub_judice');
    expect(status.getAttribute('data-sla')).toBe('ok');
    expect(status.textContent).toContain('Hallmarking');
    expect(status.textContent).toContain('Sub judice');
  });

  it('is in Hindi when the UI language is Hindi', () => {
    const root = mount({ triage }, 'hi');
    expect(root.querySelector('[data-action="assign"]')!.textContent).toContain('सौंपें');
    expect(root.querySelector('[data-samvad-status]')!.textContent).toContain('हॉलमार्किंग');
  });

  it('assigns by keyboard alone: open, arrow down, Enter', async () => {
    const onAssign = vi.fn();
    const root = mount({ onAssign });
    const assign = root.querySelector<HTMLButtonElement>('[data-action="assign"]')!;
    assign.click();
    await tick();
    const first = root.querySelector<HTMLElement>('[data-department-id="standardisation"]')!;
    expect(document.activeElement).toBe(first);
    key(first, 'ArrowDown');
    const second = root.querySelector<HTMLElement>('[data-department-id="consumer-affairs"]')!;
    expect(document.activeElement).toBe(second);
    second.click(); // Enter on a focused button activates it
    await tick();
    expect(onAssign).toHaveBeenCalledWith('consumer-affairs');
    expect(root.querySelector('[role="menu"]')).toBeNull();
    expect(document.activeElement).toBe(assign);
  });

  it('toggles flags and keeps the flag menu open; Escape closes it', async () => {
    const onToggleFlag = vi.fn();
    const root = mount({ triage, onToggleFlag });
    root.querySelector<HTMLButtonElement>('[data-action="flag"]')!.click();
    await tick();
    root.querySelector<HTMLButtonElement>('[data-flag="sub_judice"]')!.click();
    root.querySelector<HTMLButtonElement>('[data-flag="rumour"]')!.click();
    expect(onToggleFlag.mock.calls).toEqual([['sub_judice', false], ['rumour', true]]);
    const menu = root.querySelector('[role="menu"]')!;
    expect(menu.querySelector('[data-flag="sub_judice"]')!.getAttribute('aria-checked')).toBe('true');
    key(menu.querySelector('[data-flag="rumour"]')!, 'Escape');
    await tick();
    expect(root.querySelector('[role="menu"]')).toBeNull();
  });

  it('offers to remove an assignment', async () => {
    const onAssign = vi.fn();
    const root = mount({ triage, onAssign });
    root.querySelector<HTMLButtonElement>('[data-action="assign"]')!.click();
    await tick();
    root.querySelector<HTMLButtonElement>('[data-department-id=""]')!.click();
    expect(onAssign).toHaveBeenCalledWith(null);
  });
});
