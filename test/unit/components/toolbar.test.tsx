import { afterEach, describe, expect, it, vi } from 'vitest';
import { ToolbarView, type ToolbarActions, type ToolbarState } from '../../../components/ToolbarView';
import type { Triage } from '../../../lib/contract/triage';
import type { UiLanguage } from '../../../lib/i18n';
import { stateOf } from '../support/toolbar';

const triage: Triage = {
  key: 'x:1',
  item: {
    platform: 'x', id: '1', author: { name: 'A' }, text: 't',
    permalink: 'https://x.com/a/status/1', createdAt: '2026-11-23T05:00:00.000Z',
  },
  departmentId: 'hallmarking',
  flags: ['sub_judice'],
  status: 'open', cannedUsed: [], replies: [], overrides: [], notes: [], followUps: [], approvals: [],
  updatedAt: '2026-11-23T05:00:00.000Z',
  version: 0,
};

let container: HTMLElement;
let view: ToolbarView;
function mount(props: Partial<ToolbarState & ToolbarActions>, language: UiLanguage = 'en') {
  container = document.createElement('div');
  document.body.append(container);
  view = new ToolbarView(container, {
    onAssign: props.onAssign ?? (() => {}),
    onToggleFlag: props.onToggleFlag ?? (() => {}),
    onReply: props.onReply ?? (() => {}),
  });
  view.update(stateOf(props, language));
  return container;
}
const key = (target: Element, k: string) => target.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true }));
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

afterEach(() => {
  view.destroy();
  container.remove();
});

describe('ToolbarView', () => {
  it('shows where the item’s approval stands, with the approver’s note, and nothing for none', () => {
    const root = mount({ triage });
    const status = root.querySelector('[data-samvad-status]')!;
    expect(status.getAttribute('data-approval')).toBe('none');
    expect(root.querySelector<HTMLElement>('.approval')!.hidden).toBe(true);
    view.update(stateOf({ triage, approval: { status: 'rejected', text: 'Rejected: “Say less”' } }));
    expect(status.getAttribute('data-approval')).toBe('rejected');
    expect(root.querySelector<HTMLElement>('.approval')!.hidden).toBe(false);
    expect(status.textContent).toContain('Rejected: “Say less”');
  });

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

  it('updates in place: a new state changes the status, flags and notice without a new bar', () => {
    const root = mount({});
    const bar = root.querySelector('.bar');
    view.update(stateOf({ triage, notice: 'Not saved: offline', sla: { state: 'overdue', stage: 'final', dueAt: new Date() }, slaText: 'Final reply overdue' }));
    expect(root.querySelector('.bar')).toBe(bar);
    const status = root.querySelector('[data-samvad-status]')!;
    expect(status.getAttribute('data-sla')).toBe('overdue');
    expect([...status.querySelectorAll('.flag')].map((flag) => flag.textContent)).toEqual(['Sub judice']);
    expect(status.querySelector('.notice')!.textContent).toBe('Not saved: offline');
    expect(status.querySelector<HTMLElement>('.notice')!.hidden).toBe(false);
    view.update(stateOf({ triage: { ...triage, flags: [] } }));
    expect(status.querySelectorAll('.flag')).toHaveLength(0);
    expect(status.querySelector<HTMLElement>('.notice')!.hidden).toBe(true);
  });

  it('hands the Reply button to the picker as its anchor', () => {
    const onReply = vi.fn();
    const root = mount({ onReply });
    const reply = root.querySelector<HTMLButtonElement>('[data-action="reply"]')!;
    reply.click();
    expect(onReply).toHaveBeenCalledWith(reply);
  });

  it('labels the canned-reply button so that it cannot be taken for the site’s own Reply, in English and Hindi', () => {
    for (const language of ['en', 'hi'] as const) {
      const root = mount({}, language);
      const label = root.querySelector('[data-action="reply"]')!.textContent!;
      expect(label).not.toMatch(/^(Reply|जवाब दें|उत्तर)$/);
      expect(label).toContain(language === 'en' ? 'Canned reply' : 'तैयार उत्तर');
      expect(root.querySelector('[data-action="reply"]')!.getAttribute('title')).toBeTruthy();
    }
  });

  it('marks a clock that runs from when the comment was first seen as approximate', () => {
    const root = mount({});
    const status = root.querySelector('[data-samvad-status]')!;
    expect(status.getAttribute('data-time')).toBe('read');
    view.update(stateOf({ approximate: true }));
    expect(status.getAttribute('data-time')).toBe('approximate');
    expect(status.querySelector('.sla')!.textContent).toBe('≈ Interim reply due in 3 h');
    expect(status.querySelector('.sla')!.getAttribute('title')).toMatch(/first seen/);
  });

  it('shows a menu that is open with the latest state', async () => {
    const root = mount({ triage });
    root.querySelector<HTMLButtonElement>('[data-action="assign"]')!.click();
    await tick();
    expect(root.querySelector('[data-action="assign"]')!.getAttribute('aria-expanded')).toBe('true');
    view.update(stateOf({ triage: { ...triage, departmentId: 'nits' } }));
    await tick();
    expect(root.querySelector('[data-department-id="nits"]')!.getAttribute('aria-checked')).toBe('true');
  });
});
