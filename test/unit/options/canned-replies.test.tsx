import { render } from 'preact';
import { useState } from 'preact/hooks';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CannedRepliesSection } from '../../../components/options/CannedRepliesSection';
import type { OrgConfig } from '../../../lib/contract/org';
import { DEFAULT_CANNED_LIBRARY } from '../../../lib/canned/default-library';
import { exportCannedLibrary, importCannedLibrary } from '../../../lib/canned/io';
import type { CannedLibrary } from '../../../lib/canned/schema';
import { createTranslator, I18nContext, type UiLanguage } from '../../../lib/i18n';
import { DEMO_ORG } from '../../../lib/org/demo-org';

let container: HTMLElement;
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * The section as the options page uses it: saving stores the library in the org config, and the
 * stored config comes back as the section's `org` (as the storage watch does on the page).
 */
function mount(options: { org?: OrgConfig; language?: UiLanguage; save?: (replies: CannedLibrary) => Promise<void> } = {}) {
  const saved: CannedLibrary[] = [];
  const exported: string[] = [];
  const save = vi.fn(options.save ?? (async () => {}));
  function Page() {
    const [org, setOrg] = useState<OrgConfig>(options.org ?? DEMO_ORG);
    return (
      <CannedRepliesSection
        org={org}
        onSave={async (replies) => {
          await save(replies);
          saved.push(replies);
          setOrg({ ...org, cannedReplies: replies });
        }}
        onExport={(json) => exported.push(json)}
      />
    );
  }
  const language = options.language ?? 'en';
  container = document.createElement('div');
  document.body.append(container);
  render(
    <I18nContext.Provider value={{ language, t: createTranslator(language) }}>
      <Page />
    </I18nContext.Provider>,
    container,
  );
  return { root: container, saved, exported, save };
}

/** Types as a user does: one input event, and the page re-renders before the next action. */
async function type(field: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement, value: string) {
  field.value = value;
  field.dispatchEvent(new Event(field instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
  await tick();
}
const field = <T extends Element = HTMLInputElement>(root: Element, name: string) => root.querySelector<T>(`[name="${name}"]`)!;
const click = async (root: Element, selector: string) => {
  root.querySelector<HTMLElement>(selector)!.click();
  await tick();
};
const rows = (root: Element) => [...root.querySelectorAll('tr[data-canned-id]')].map((row) => row.getAttribute('data-canned-id'));
const problemsFor = (root: Element, name: string) => root.querySelector(`[data-problems-for="${name}"]`)?.textContent ?? '';

const withTwo: OrgConfig = { ...DEMO_ORG, cannedReplies: DEFAULT_CANNED_LIBRARY.slice(0, 2) };

afterEach(() => {
  render(null, container);
  container.remove();
});

describe('Canned replies on the options page', () => {
  it('lists the replies in force with title in the UI language, category and shortcut', () => {
    const { root } = mount({ language: 'hi', org: withTwo });
    expect(rows(root)).toEqual(['ack-query', 'ack-complaint']);
    const first = root.querySelector('tr[data-canned-id="ack-query"]')!;
    expect(first.textContent).toContain('प्रश्न प्राप्त हुआ');
    expect(first.textContent).toContain('/ack');
    // The team-server caveat is stated, in the UI language.
    expect(root.textContent).toContain('टीम सर्वर');
  });

  it('shows the bundled library when the organisation has none of its own, and says so', () => {
    const { root } = mount({ org: { ...DEMO_ORG, cannedReplies: undefined } });
    expect(rows(root)).toHaveLength(DEFAULT_CANNED_LIBRARY.length);
    expect(root.querySelector('[data-default-library]')).not.toBeNull();
  });

  it('adds a reply, saving the whole list with it at the end', async () => {
    const { root, saved } = mount({ org: withTwo });
    await click(root, '[data-action="add-reply"]');
    const form = root.querySelector('form[data-canned-form="new"]')!;
    await type(field(form, 'id'), 'water-supply');
    await type(field(form, 'title.en'), 'Water supply');
    await type(field(form, 'title.hi'), 'जल आपूर्ति');
    await type(field<HTMLSelectElement>(form, 'category'), 'interim');
    await type(field(form, 'keywords'), 'water, पानी ,');
    await type(field(form, 'shortcut'), '/water');
    await type(field<HTMLTextAreaElement>(form, 'text.en'), 'Dear {{author.name | "citizen"}}, we are on it.\nRef {{ticket}}');
    await type(field<HTMLTextAreaElement>(form, 'text.hi'), 'प्रिय {{author.name | "नागरिक"}}, हम इस पर काम कर रहे हैं।');
    await tick();
    // The preview fills the variables (the sample author's name, the reference).
    expect(form.querySelector('[data-preview-for="en"]')!.textContent).toMatch(/Dear Asha Verma, we are on it\.\s*Ref SV-/);
    await click(form, '[data-action="save-reply"]');

    expect(saved).toHaveLength(1);
    expect(saved[0]!.map((reply) => reply.id)).toEqual(['ack-query', 'ack-complaint', 'water-supply']);
    expect(saved[0]![2]).toMatchObject({ category: 'interim', keywords: ['water', 'पानी'], shortcut: '/water', title: { hi: 'जल आपूर्ति' } });
    expect(rows(root)).toEqual(['ack-query', 'ack-complaint', 'water-supply']);
    expect(root.querySelector('form')).toBeNull();
    expect(root.querySelector('[data-canned-status="ok"]')!.textContent).toContain('Water supply');
  });

  it('edits a reply in place', async () => {
    const { root, saved } = mount({ org: withTwo });
    await click(root, 'tr[data-canned-id="ack-query"] [data-action="edit"]');
    const form = root.querySelector('form[data-canned-form="ack-query"]')!;
    expect(field(form, 'title.en').value).toBe('Query received');
    await type(field(form, 'title.en'), 'Query noted');
    await type(field(form, 'shortcut'), '');
    await click(form, '[data-action="save-reply"]');

    expect(saved[0]!.map((reply) => reply.id)).toEqual(['ack-query', 'ack-complaint']);
    expect(saved[0]![0]!.title.en).toBe('Query noted');
    expect(saved[0]![0]!.shortcut).toBeUndefined();
    expect(saved[0]![0]!.text).toEqual(DEFAULT_CANNED_LIBRARY[0]!.text);
    expect(root.querySelector('tr[data-canned-id="ack-query"]')!.textContent).toContain('Query noted');
  });

  it('shows an unknown variable in the Hindi text under the Hindi text, with line and column, and does not save', async () => {
    const { root, save } = mount({ org: withTwo });
    await click(root, 'tr[data-canned-id="ack-query"] [data-action="edit"]');
    const form = root.querySelector('form')!;
    await type(field<HTMLTextAreaElement>(form, 'text.hi'), 'नमस्ते,\nसंदर्भ {{ticket}} — {{author.fullname}}');
    await tick();
    expect(problemsFor(form, 'text.hi')).toMatch(/Line 2, column 21: unknown variable "author.fullname"/);
    expect(problemsFor(form, 'text.en')).toBe('');
    expect(field<HTMLTextAreaElement>(form, 'text.hi').getAttribute('aria-invalid')).toBe('true');

    await click(form, '[data-action="save-reply"]');
    expect(save).not.toHaveBeenCalled();
    expect(form.querySelector('[data-form-invalid]')).not.toBeNull();
    expect(root.querySelector('form')).not.toBeNull();
  });

  it('puts each problem against its own field: bad id, empty title, a shortcut another reply uses', async () => {
    const { root, save } = mount({ org: withTwo });
    await click(root, 'tr[data-canned-id="ack-complaint"] [data-action="edit"]');
    const form = root.querySelector('form')!;
    await type(field(form, 'id'), 'Ack Complaint');
    await type(field(form, 'title.hi'), ' ');
    await click(form, '[data-action="save-reply"]');
    expect(problemsFor(form, 'id')).toContain('lower-case letters, digits and hyphens');
    expect(problemsFor(form, 'title.hi')).not.toBe('');
    expect(problemsFor(form, 'title.en')).toBe('');

    await type(field(form, 'id'), 'ack-complaint');
    await type(field(form, 'title.hi'), 'शिकायत दर्ज');
    await type(field(form, 'shortcut'), '/ack');
    await click(form, '[data-action="save-reply"]');
    expect(problemsFor(form, 'shortcut')).toContain('already used by reply "ack-query"');
    expect(save).not.toHaveBeenCalled();
  });

  it('shows a duplicate id under the id field, also when the reply it clashes with comes later', async () => {
    const { root, save } = mount({ org: withTwo });
    await click(root, 'tr[data-canned-id="ack-query"] [data-action="edit"]');
    const form = root.querySelector('form')!;
    await type(field(form, 'id'), 'ack-complaint');
    await click(form, '[data-action="save-reply"]');
    expect(problemsFor(form, 'id')).toContain('duplicate reply id "ack-complaint"');
    expect(save).not.toHaveBeenCalled();
  });

  it('names the invalid replies of a stored library, and lists the valid ones', () => {
    const broken = { ...DEFAULT_CANNED_LIBRARY[1]!, text: { en: 'Hello {{nme}}', hi: 'नमस्ते' } };
    const { root } = mount({ org: { ...DEMO_ORG, cannedReplies: [DEFAULT_CANNED_LIBRARY[0]!, broken] } });
    expect(rows(root)).toEqual(['ack-query']);
    expect(root.querySelector('[data-org-problems]')!.textContent).toContain('reply 2 (ack-complaint) › text.en');
  });

  it('deletes a reply only after confirming', async () => {
    const { root, saved } = mount({ org: withTwo });
    await click(root, 'tr[data-canned-id="ack-query"] [data-action="delete"]');
    expect(root.querySelector('[data-confirm-delete]')!.textContent).toContain('Query received');
    await click(root, '[data-action="cancel-delete"]');
    expect(saved).toHaveLength(0);
    expect(rows(root)).toEqual(['ack-query', 'ack-complaint']);

    await click(root, 'tr[data-canned-id="ack-query"] [data-action="delete"]');
    await click(root, '[data-action="confirm-delete"]');
    expect(saved[0]!.map((reply) => reply.id)).toEqual(['ack-complaint']);
    expect(rows(root)).toEqual(['ack-complaint']);
  });

  it('imports nothing from a malformed file and lists its problems by reply and field', async () => {
    const { root, save } = mount({ org: withTwo });
    const broken = [DEFAULT_CANNED_LIBRARY[2], { ...DEFAULT_CANNED_LIBRARY[3]!, category: 'misc', text: { en: 'Hi {{name}}', hi: 'नमस्ते' } }];
    await type(field<HTMLTextAreaElement>(root, 'import-json'), JSON.stringify(broken));
    await tick();
    await click(root, '[data-action="import"]');
    const problems = root.querySelector('[data-import-problems]')!.textContent!;
    expect(problems).toContain(`reply 2 (${DEFAULT_CANNED_LIBRARY[3]!.id}) › category`);
    expect(save).not.toHaveBeenCalled();

    await type(field<HTMLTextAreaElement>(root, 'import-json'), '{"replies": [');
    await tick();
    await click(root, '[data-action="import"]');
    expect(root.querySelector('[data-import-problems]')!.textContent).toContain('not JSON');
    expect(save).not.toHaveBeenCalled();
  });

  it('imports a chosen file straight away', async () => {
    const { root, saved } = mount({ org: withTwo });
    const input = root.querySelector<HTMLInputElement>('input[name="import-file"]')!;
    const file = new File([exportCannedLibrary([DEFAULT_CANNED_LIBRARY[6]!])], 'replies.json', { type: 'application/json' });
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await vi.waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]!.map((reply) => reply.id)).toEqual(['ack-query', 'ack-complaint', DEFAULT_CANNED_LIBRARY[6]!.id]);
  });

  it('exports JSON that imports back, replacing the list', async () => {
    const first = mount({ org: withTwo });
    await click(first.root, '[data-action="export"]');
    expect(first.exported).toHaveLength(1);
    const json = first.exported[0]!;
    expect(importCannedLibrary(json)).toEqual({ ok: true, replies: withTwo.cannedReplies });
    render(null, container);
    container.remove();

    const second = mount({ org: { ...DEMO_ORG, cannedReplies: DEFAULT_CANNED_LIBRARY.slice(5, 8) } });
    (second.root.querySelector<HTMLInputElement>('input[name="import-mode"][value="replace"]')!).click();
    await tick();
    await type(field<HTMLTextAreaElement>(second.root, 'import-json'), json);
    await tick();
    await click(second.root, '[data-action="import"]');
    expect(second.saved).toEqual([withTwo.cannedReplies]);
    expect(rows(second.root)).toEqual(['ack-query', 'ack-complaint']);
    expect(second.root.querySelector('[data-import-done]')!.textContent).toContain('Imported 2 replies');
  });

  it('merges an import by id: same id replaced in place, new ones added, the rest kept', async () => {
    const { root, saved } = mount({ org: withTwo });
    const renamed = { ...DEFAULT_CANNED_LIBRARY[1]!, title: { en: 'Complaint logged', hi: 'शिकायत दर्ज की गई' } };
    await type(field<HTMLTextAreaElement>(root, 'import-json'), exportCannedLibrary([renamed, DEFAULT_CANNED_LIBRARY[4]!]));
    await tick();
    await click(root, '[data-action="import"]');
    expect(saved[0]!.map((reply) => reply.id)).toEqual(['ack-query', 'ack-complaint', DEFAULT_CANNED_LIBRARY[4]!.id]);
    expect(saved[0]![1]!.title.en).toBe('Complaint logged');
  });

  it('keeps the form open and says why when storing fails', async () => {
    const { root } = mount({ org: withTwo, save: async () => Promise.reject(new Error('quota exceeded')) });
    await click(root, 'tr[data-canned-id="ack-query"] [data-action="edit"]');
    await click(root, '[data-action="save-reply"]');
    await tick();
    expect(root.querySelector('[data-canned-status="error"]')!.textContent).toContain('quota exceeded');
    expect(root.querySelector('form[data-canned-form="ack-query"]')).not.toBeNull();
  });
});
