import { render } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CannedPicker, type CannedPickerProps } from '../../../components/CannedPicker';
import { checkXLength } from '../../../lib/canned/length';
import { DEFAULT_CANNED_LIBRARY } from '../../../lib/canned/default-library';
import { buildRenderContext, renderReply } from '../../../lib/canned/render';
import { createTranslator, I18nContext, type UiLanguage } from '../../../lib/i18n';
import { DEMO_ORG } from '../../../lib/org/demo-org';

const item = { platform: 'x' as const, id: '1790000000000000001', author: { name: 'Ramesh Kumar', handle: 'ramesh_k' }, createdAt: '2026-11-23T04:30:00.000Z' };
const context = buildRenderContext({ item, triage: { departmentId: 'hallmarking' }, org: DEMO_ORG, now: new Date('2026-11-23T06:00:00Z') });
const byId = (id: string) => DEFAULT_CANNED_LIBRARY.find((r) => r.id === id)!;

let container: HTMLElement;
function mount(props: Partial<CannedPickerProps> = {}, language: UiLanguage = 'en') {
  container = document.createElement('div');
  document.body.append(container);
  const onChoose = vi.fn();
  const onClose = vi.fn();
  const all: CannedPickerProps = {
    replies: DEFAULT_CANNED_LIBRARY,
    render: (reply, lang) => renderReply(reply, lang, context),
    languages: ['en', 'hi'],
    initialLanguage: 'en',
    xLength: checkXLength,
    draft: '',
    anchor: null,
    onChoose,
    onClose,
    ...props,
  };
  render(<I18nContext.Provider value={{ language, t: createTranslator(language) }}><CannedPicker {...all} /></I18nContext.Provider>, container);
  return { root: container, onChoose, onClose };
}
const key = (target: Element, k: string) => target.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true }));
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
const type = async (input: HTMLInputElement, value: string) => {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  await tick();
};
const search = (root: Element) => root.querySelector<HTMLInputElement>('input[type="search"]')!;
const options = (root: Element) => [...root.querySelectorAll('[role="option"]')].map((o) => o.getAttribute('data-canned-id'));
const preview = (root: Element) => root.querySelector('[data-canned-preview]')!.textContent;

afterEach(() => {
  render(null, container);
  container.remove();
});

describe('CannedPicker', () => {
  it('opens with the search box focused and the first reply previewed, variables filled', async () => {
    const { root } = mount();
    await tick();
    expect(document.activeElement).toBe(search(root));
    expect(options(root)).toHaveLength(DEFAULT_CANNED_LIBRARY.length);
    expect(preview(root)).toBe(renderReply(DEFAULT_CANNED_LIBRARY[0]!, 'en', context).text);
    expect(preview(root)).toContain('Ramesh Kumar');
  });

  it('filters as the moderator types, and Enter inserts the top match', async () => {
    const { root, onChoose } = mount();
    await type(search(root), 'rti');
    expect(options(root)[0]).toBe('redirect-rti');
    key(search(root), 'Enter');
    expect(onChoose).toHaveBeenCalledWith({
      reply: byId('redirect-rti'),
      lang: 'en',
      text: renderReply(byId('redirect-rti'), 'en', context).text,
      overLimit: false,
    });
  });

  it('moves with the arrow keys: three keystrokes choose the third reply', async () => {
    const { root, onChoose } = mount();
    key(search(root), 'ArrowDown');
    await tick();
    key(search(root), 'ArrowDown');
    await tick();
    const third = DEFAULT_CANNED_LIBRARY[2]!;
    expect(root.querySelector('[aria-selected="true"]')?.getAttribute('data-canned-id')).toBe(third.id);
    expect(search(root).getAttribute('aria-activedescendant')).toMatch(new RegExp(`${third.id}$`));
    key(search(root), 'Enter');
    expect(onChoose.mock.calls[0]![0].reply.id).toBe(third.id);
    key(search(root), 'ArrowUp');
    await tick();
    expect(root.querySelector('[aria-selected="true"]')?.getAttribute('data-canned-id')).toBe(DEFAULT_CANNED_LIBRARY[1]!.id);
  });

  it('switches the reply language with the toggle, for the preview and the insertion', async () => {
    const { root, onChoose } = mount();
    root.querySelector<HTMLButtonElement>('[data-lang="hi"]')!.click();
    await tick();
    expect(root.querySelector('[data-lang="hi"]')!.getAttribute('aria-checked')).toBe('true');
    expect(preview(root)).toMatch(/^प्रिय Ramesh Kumar/);
    key(search(root), 'Enter');
    expect(onChoose.mock.calls[0]![0]).toMatchObject({ lang: 'hi', text: expect.stringMatching(/^प्रिय/) });
  });

  it('the language radios are one tab stop, and arrow keys choose the other language', async () => {
    const { root } = mount();
    await tick();
    const radio = (lang: string) => root.querySelector<HTMLButtonElement>(`[data-lang="${lang}"]`)!;
    expect([radio('en').tabIndex, radio('hi').tabIndex]).toEqual([0, -1]);
    radio('en').focus();
    key(radio('en'), 'ArrowRight');
    await tick();
    expect(radio('hi').getAttribute('aria-checked')).toBe('true');
    expect(document.activeElement).toBe(radio('hi'));
    expect([radio('en').tabIndex, radio('hi').tabIndex]).toEqual([-1, 0]);
    expect(preview(root)).toMatch(/^प्रिय Ramesh Kumar/);
    key(radio('hi'), 'ArrowLeft');
    await tick();
    expect(radio('en').getAttribute('aria-checked')).toBe('true');
  });

  it('shows the length as X counts it, the draft included', async () => {
    const { root } = mount({ draft: 'Hello' });
    const count = root.querySelector('[data-weighted]')!;
    const expected = 'Hello '.length + renderReply(DEFAULT_CANNED_LIBRARY[0]!, 'en', context).text.length;
    expect(Number(count.getAttribute('data-weighted'))).toBe(expected);
    // Read as "Length as X counts it 143 / 280"; the label is for screen readers only.
    expect(count.textContent).toBe(`Length as X counts it ${expected} / 280`);
    expect(count.querySelector('.visually-hidden')?.textContent).toBe('Length as X counts it');
  });

  it('refuses Enter when the X reply would go over 280, until "Insert anyway"', async () => {
    const { root, onChoose } = mount({ draft: 'x'.repeat(250) });
    expect(root.querySelector('[data-over]')!.getAttribute('data-over')).toBe('true');
    key(search(root), 'Enter');
    await tick();
    expect(onChoose).not.toHaveBeenCalled();
    const anyway = root.querySelector<HTMLButtonElement>('[data-action="insert-over-limit"]')!;
    expect(root.querySelector('[role="alert"]')!.textContent).toContain('280');
    expect(document.activeElement).toBe(anyway);
    anyway.click();
    expect(onChoose).toHaveBeenCalledWith(expect.objectContaining({ reply: DEFAULT_CANNED_LIBRARY[0], overLimit: true }));
  });

  it('has no length limit on Facebook', () => {
    const { root, onChoose } = mount({ xLength: undefined, draft: 'x'.repeat(2000) });
    expect(root.querySelector('[data-weighted]')).toBeNull();
    key(search(root), 'Enter');
    expect(onChoose).toHaveBeenCalledWith(expect.objectContaining({ overLimit: false }));
  });

  it('closes on Escape and says when nothing matches', async () => {
    const { root, onClose } = mount();
    await type(search(root), 'zzzz');
    expect(root.textContent).toContain('No reply matches “zzzz”');
    key(search(root), 'Enter');
    key(search(root), 'Escape');
    expect(onClose).toHaveBeenCalledWith(true);
  });

  it('speaks Hindi: titles, categories and the count label', () => {
    const { root } = mount({}, 'hi');
    expect(root.querySelector('[role="dialog"]')!.getAttribute('aria-label')).toBe('तैयार उत्तर');
    expect(root.querySelector('[role="option"] .picker-title')!.textContent).toBe(DEFAULT_CANNED_LIBRARY[0]!.title.hi);
    expect(root.textContent).toContain('पावती');
  });

  it('names the variables that fell back to a default', () => {
    const anonymous = buildRenderContext({ item: { ...item, author: { name: '' } }, now: new Date('2026-11-23T06:00:00Z') });
    const { root } = mount({ render: (reply, lang) => renderReply(reply, lang, anonymous), replies: [byId('forwarded-department')] });
    expect(root.querySelector('.picker-defaults')!.textContent).toBe('No value for the department, the department contact: a default was used.');
  });
});
