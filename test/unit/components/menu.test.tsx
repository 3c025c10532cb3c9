import { render } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Menu, type MenuEntry } from '../../../components/Menu';
import { ToolbarView } from '../../../components/ToolbarView';
import { stateOf } from '../support/toolbar';

const entries: MenuEntry[] = ['Hallmarking', 'Certification', 'Consumer Affairs', 'Laboratories'].map((label, index) => ({
  id: `d${index}`,
  label,
  checked: index === 1,
  attributes: { 'data-department-id': `d${index}` },
}));

let container: HTMLElement;
function mount(kind: 'radio' | 'checkbox' = 'radio') {
  container = document.createElement('div');
  document.body.append(container);
  const onChoose = vi.fn();
  const onClose = vi.fn();
  render(<Menu label="Assign to department" kind={kind} entries={entries} anchor={null} onChoose={onChoose} onClose={onClose} />, container);
  return { onChoose, onClose };
}
const key = (k: string) => document.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true }));
const focused = () => document.activeElement?.getAttribute('data-department-id');

afterEach(() => {
  render(null, container);
  container.remove();
});

describe('Menu (WAI-ARIA menu pattern)', () => {
  it('is a named menu of radio entries, opened on the checked one, the only way in being the keyboard focus', () => {
    mount();
    const menu = container.querySelector('[role="menu"]')!;
    expect(menu.getAttribute('aria-label')).toBe('Assign to department');
    const items = [...menu.querySelectorAll('[role="menuitemradio"]')];
    expect(items.map((item) => item.getAttribute('aria-checked'))).toEqual(['false', 'true', 'false', 'false']);
    expect(items.every((item) => (item as HTMLElement).tabIndex === -1)).toBe(true);
    expect(focused()).toBe('d1');
  });

  it('moves with the arrows (wrapping), Home and End, and by the first letter', () => {
    mount();
    key('ArrowDown');
    expect(focused()).toBe('d2');
    key('ArrowDown');
    key('ArrowDown');
    expect(focused()).toBe('d0');
    key('ArrowUp');
    expect(focused()).toBe('d3');
    key('Home');
    expect(focused()).toBe('d0');
    key('End');
    expect(focused()).toBe('d3');
    key('c');
    expect(focused()).toBe('d1');
    key('C');
    expect(focused()).toBe('d2');
    key('z');
    expect(focused()).toBe('d2');
  });

  it('Escape closes and asks for the focus back; Tab closes and lets the focus move on', () => {
    const { onClose } = mount();
    key('Escape');
    expect(onClose).toHaveBeenLastCalledWith(true);
    key('Tab');
    expect(onClose).toHaveBeenLastCalledWith(false);
  });

  it('a radio entry chosen closes the menu; a checkbox entry toggles and it stays open', () => {
    const radio = mount('radio');
    (document.activeElement as HTMLElement).click();
    expect(radio.onChoose).toHaveBeenCalledWith('d1');
    expect(radio.onClose).toHaveBeenCalledWith(true);
    render(null, container);
    container.remove();
    const checkbox = mount('checkbox');
    expect(container.querySelectorAll('[role="menuitemcheckbox"]')).toHaveLength(4);
    (document.activeElement as HTMLElement).click();
    expect(checkbox.onChoose).toHaveBeenCalledWith('d1');
    expect(checkbox.onClose).not.toHaveBeenCalled();
  });
});

describe('the toolbar’s menu buttons', () => {
  it('open their menu on ArrowDown too, on its first entry, and Escape gives the focus back to the button', async () => {
    container = document.createElement('div');
    document.body.append(container);
    const view = new ToolbarView(container, { onAssign: () => {}, onToggleFlag: () => {}, onReply: () => {} });
    view.update(stateOf({}));
    const assign = container.querySelector<HTMLElement>('button[data-action="assign"]')!;
    assign.focus();
    assign.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true, cancelable: true }));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(assign.getAttribute('aria-expanded')).toBe('true');
    expect(document.activeElement?.getAttribute('role')).toBe('menuitemradio');
    key('Escape');
    expect(container.querySelector('[role="menu"]')).toBeNull();
    expect(document.activeElement).toBe(assign);
    view.destroy();
  });
});
