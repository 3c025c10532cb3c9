// The toolbar's part of which comments are work: a Track button and no clock for the others, the stage
// hook, the notes after the clock, and only the actions the signed-in user's role may take.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ToolbarView, type ToolbarState } from '../../../components/ToolbarView';
import { createTranslator } from '../../../lib/i18n';
import { stateOf } from '../support/toolbar';

let container: HTMLElement;
let view: ToolbarView;

function mount(props: Partial<ToolbarState>, onTrack = vi.fn()) {
  container = document.createElement('div');
  document.body.append(container);
  view = new ToolbarView(container, { onAssign: () => {}, onToggleFlag: () => {}, onReply: () => {}, onTrack });
  view.update(stateOf(props));
  return { root: container, onTrack };
}

const hidden = (root: Element, action: string) => root.querySelector<HTMLElement>(`button[data-action="${action}"]`)!.hidden;

afterEach(() => {
  view.destroy();
  container.remove();
});

describe('ToolbarView: work and other comments', () => {
  it('a comment without a clock: data-sla and data-stage "none", no countdown, and a Track button that tracks it', () => {
    const { root, onTrack } = mount({ clock: false });
    const status = root.querySelector('[data-samvad-status]')!;
    expect(status.getAttribute('data-sla')).toBe('none');
    expect(status.getAttribute('data-stage')).toBe('none');
    expect(status.textContent).toContain('No reply clock');
    expect(status.textContent).not.toContain('due in');
    expect(hidden(root, 'track')).toBe(false);
    root.querySelector<HTMLButtonElement>('button[data-action="track"]')!.click();
    expect(onTrack).toHaveBeenCalledOnce();
  });

  it('a work comment shows its clock and stage and no Track button; tracked later, the button goes', () => {
    const { root } = mount({ clock: true });
    const status = root.querySelector('[data-samvad-status]')!;
    expect(status.getAttribute('data-sla')).toBe('ok');
    expect(status.getAttribute('data-stage')).toBe('interim');
    expect(hidden(root, 'track')).toBe(true);
    view.update(stateOf({ clock: true, sla: { state: 'done', stage: null, dueAt: null }, slaText: 'Replied' }));
    expect(status.getAttribute('data-stage')).toBe('none');
  });

  it('shows the notes after the clock: the final deadline, "posted, not yet seen", follow-ups', () => {
    const { root } = mount({ workNotes: ['final reply due in 11 h 0 min', 'Reply posted, not yet seen on the page', '2 follow-ups'] });
    const text = root.querySelector('[data-samvad-status]')!.textContent;
    expect(text).toContain('final reply due in 11 h 0 min');
    expect(text).toContain('Reply posted, not yet seen on the page');
    expect(text).toContain('2 follow-ups');
  });

  it('offers only what the role may do: refused actions are not shown', () => {
    const { root } = mount({ clock: false, offered: { assign: false, flag: false, reply: false, track: false } });
    for (const action of ['assign', 'flag', 'reply', 'track']) expect(hidden(root, action), action).toBe(true);
    view.update(stateOf({ clock: false, offered: { assign: true, flag: true, reply: true, track: true } }));
    for (const action of ['assign', 'flag', 'reply', 'track']) expect(hidden(root, action), action).toBe(false);
  });

  it('is in Hindi', () => {
    view = new ToolbarView((container = document.createElement('div')), { onAssign: () => {}, onToggleFlag: () => {}, onReply: () => {}, onTrack: () => {} });
    document.body.append(container);
    view.update({ ...stateOf({ clock: false }), language: 'hi', t: createTranslator('hi') });
    expect(container.querySelector('button[data-action="track"]')!.textContent).toBe('ट्रैक करें');
    expect(container.querySelector('[data-samvad-status]')!.textContent).toContain('उत्तर की कोई समय-सीमा नहीं');
  });
});
