import { afterEach, describe, expect, it, vi } from 'vitest';
import { ToolbarView, type ToolbarActions } from '../../../components/ToolbarView';
import type { Triage } from '../../../lib/contract/triage';
import { stateOf } from '../support/toolbar';

// The WAI-ARIA toolbar pattern (issue 14): one tab stop, arrow keys inside; status said once by the page's one
// live region, never by the toolbar itself.

const triage = (departmentId: string | null): Triage => ({
  key: 'x:1',
  item: { platform: 'x', id: '1', author: { name: 'A' }, text: 't', permalink: 'https://x.com/a/status/1', createdAt: '2026-11-23T05:00:00.000Z' },
  departmentId,
  flags: [],
  status: 'open', cannedUsed: [], replies: [], overrides: [], notes: [], followUps: [], approvals: [],
  updatedAt: '2026-11-23T05:00:00.000Z',
  version: 0,
});

let container: HTMLElement;
let view: ToolbarView;
function mount(actions: Partial<ToolbarActions> = {}) {
  container = document.createElement('div');
  document.body.append(container);
  view = new ToolbarView(container, { onAssign: () => {}, onToggleFlag: () => {}, onReply: () => {}, onTrack: () => {}, ...actions });
  view.update(stateOf({}));
  return container;
}
const press = (target: Element, key: string) => target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
const focused = () => document.activeElement?.getAttribute('data-action') ?? null;
const tabStops = (root: HTMLElement) =>
  [...root.querySelectorAll<HTMLElement>('button')].filter((button) => !button.hidden && button.tabIndex >= 0).map((button) => button.dataset.action);

afterEach(() => {
  view.destroy();
  container.remove();
});

describe('toolbar keyboard pattern', () => {
  it('is a labelled toolbar with one tab stop, on its first button', () => {
    const root = mount();
    const bar = root.querySelector('[role="toolbar"]')!;
    expect(bar.getAttribute('aria-label')).toBe('Samvad triage');
    expect(tabStops(root)).toEqual(['assign']);
  });

  it('moves among the shown buttons with Left and Right (wrapping), Home and End, carrying the tab stop along', () => {
    const root = mount();
    root.querySelector<HTMLElement>('[data-action="assign"]')!.focus();
    press(document.activeElement!, 'ArrowRight');
    expect(focused()).toBe('reply');
    press(document.activeElement!, 'ArrowRight');
    expect(focused()).toBe('flag');
    // Track is hidden on a comment with a clock: skipped, and Right wraps to the first.
    press(document.activeElement!, 'ArrowRight');
    expect(focused()).toBe('assign');
    press(document.activeElement!, 'ArrowLeft');
    expect(focused()).toBe('flag');
    expect(tabStops(root)).toEqual(['flag']);
    press(document.activeElement!, 'Home');
    expect(focused()).toBe('assign');
    press(document.activeElement!, 'End');
    expect(focused()).toBe('flag');
  });

  it('includes Track when it is shown, and moves the tab stop off a button that is hidden', () => {
    const root = mount();
    view.update(stateOf({ clock: false }));
    root.querySelector<HTMLElement>('[data-action="flag"]')!.focus();
    press(document.activeElement!, 'ArrowRight');
    expect(focused()).toBe('track');
    expect(tabStops(root)).toEqual(['track']);
    view.update(stateOf({ clock: true }));
    expect(tabStops(root)).toEqual(['assign']);
  });

  it('leaves other keys alone', () => {
    const root = mount();
    const assign = root.querySelector<HTMLElement>('[data-action="assign"]')!;
    assign.focus();
    expect(press(assign, 'a')).toBe(true);
    expect(focused()).toBe('assign');
  });

  it('has no live region of its own, and says a change of its status once, after the moderator used it', () => {
    const announce = vi.fn();
    const root = mount({ announce });
    expect(root.querySelector('[role="status"], [aria-live]')).toBeNull();
    // Changes nobody asked for here (sync, another moderator) are not said by a bar the moderator did not use.
    view.update(stateOf({ triage: triage('hallmarking') }));
    expect(announce).not.toHaveBeenCalled();
    root.querySelector<HTMLElement>('[data-action="reply"]')!.click();
    view.update(stateOf({ triage: triage('certification') }));
    expect(announce).toHaveBeenCalledTimes(1);
    expect(announce.mock.calls[0]![0]).toContain('Certification');
    // The clock ticking is not a change to say.
    view.update(stateOf({ triage: triage('certification'), slaText: 'Interim reply due in 2 h' }));
    expect(announce).toHaveBeenCalledTimes(1);
  });

  it('says a new notice once', () => {
    const announce = vi.fn();
    mount({ announce });
    view.update(stateOf({ notice: 'Could not save: offline' }));
    view.update(stateOf({ notice: 'Could not save: offline' }));
    expect(announce).toHaveBeenCalledTimes(1);
    expect(announce).toHaveBeenCalledWith('Could not save: offline');
  });
});
