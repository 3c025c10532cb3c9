import { render } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AdminSections } from '../../../components/options/AdminSections';
import type { AdminSource } from '../../../lib/admin/source';
import type { OrgConfig } from '../../../lib/contract/org';
import { createTranslator, I18nContext } from '../../../lib/i18n';
import { DEMO_ORG } from '../../../lib/org/demo-org';

let container: HTMLElement;
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
afterEach(() => {
  render(null, container);
  container.remove();
});

/** The administration sections as both pages mount them, against a fake source holding the organisation. */
function mount(options: { editable?: boolean; isAdmin?: boolean; saveFails?: string } = {}) {
  let org: OrgConfig = structuredClone(DEMO_ORG);
  const source: AdminSource = {
    saveOrg: vi.fn(async (next: OrgConfig) => {
      if (options.saveFails) throw new Error(options.saveFails);
      org = next;
      draw();
    }),
    manageUsers: vi.fn(async () => ({ ok: true as const, users: [] })),
  };
  container = document.createElement('div');
  document.body.append(container);
  const draw = () =>
    render(
      <I18nContext.Provider value={{ language: 'en', t: createTranslator('en') }}>
        <AdminSections org={org} source={source} isAdmin={options.isAdmin ?? false} editable={options.editable ?? true} onExportCanned={() => {}} />
      </I18nContext.Provider>,
      container,
    );
  draw();
  return { root: container, source, current: () => org };
}

async function type(root: HTMLElement, field: string, value: string) {
  const input = root.querySelector<HTMLInputElement>(`input[name="department-${field}"]`)!;
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  await tick();
}
const click = async (root: HTMLElement, selector: string) => {
  root.querySelector<HTMLElement>(selector)!.click();
  await tick();
  await tick();
};

describe('the departments section shared by the options page and the dashboard', () => {
  it('adds a department only once the organisation schema accepts it, showing its messages by the fields', async () => {
    const { root, source, current } = mount();
    await click(root, 'button[data-action="add-department"]');
    for (const [field, value] of Object.entries({ id: 'Grievances', nameEn: 'Grievances', nameHi: 'शिकायतें', contactName: 'L. Das', designation: 'Director', mobile: '12', email: 'not mail' })) {
      await type(root, field, value);
    }
    await click(root, 'button[data-action="save-department"]');
    expect(source.saveOrg).not.toHaveBeenCalled();
    const problems = [...root.querySelectorAll('[data-problem]')].map((el) => [el.getAttribute('data-problem'), el.textContent?.trim()]);
    expect(problems).toContainEqual(['id', 'lower-case letters, digits and hyphens']);
    expect(problems).toContainEqual(['contact.mobile', 'a phone number of 8–16 digits']);
    expect(problems.map(([path]) => path)).toContain('contact.email');
    expect(root.querySelector('[role="status"]')!.textContent).toBe('Not saved: fix the problems marked above.');

    await type(root, 'id', 'hallmarking');
    await type(root, 'mobile', '+91 99999 10010');
    await type(root, 'email', 'grievances.opc@bis.example.in');
    await click(root, 'button[data-action="save-department"]');
    expect(root.querySelector('[data-problem="id"]')!.textContent).toContain('duplicate department id "hallmarking"');

    await type(root, 'id', 'grievances');
    await click(root, 'button[data-action="save-department"]');
    expect(source.saveOrg).toHaveBeenCalledTimes(1);
    expect(current().departments.at(-1)).toEqual({
      id: 'grievances',
      name: { en: 'Grievances', hi: 'शिकायतें' },
      contact: { name: 'L. Das', designation: 'Director', mobile: '+91 99999 10010', email: 'grievances.opc@bis.example.in' },
    });
    expect(root.querySelector('li[data-department-id="grievances"]')).not.toBeNull();
  });

  it("edits a One-Point Contact and says why the server refused", async () => {
    const { root } = mount({ saveFails: 'Only an administrator can change the team’s organisation data on the server.' });
    await click(root, 'li[data-department-id="certification"] button[data-action="edit-department"]');
    expect(root.querySelector<HTMLInputElement>('input[name="department-id"]')!.readOnly).toBe(true);
    await type(root, 'contactName', 'Q. New');
    await click(root, 'button[data-action="save-department"]');
    expect(root.querySelector('[role="status"]')!.textContent).toBe('Not saved: Only an administrator can change the team’s organisation data on the server.');
  });

  it('shows the list without controls where editing is not allowed, and users only to an administrator', async () => {
    const { root } = mount({ editable: false });
    expect(root.querySelectorAll('li[data-department-id]')).toHaveLength(DEMO_ORG.departments.length);
    expect(root.querySelector('button[data-action="edit-department"]')).toBeNull();
    expect(root.querySelector('section#users')).toBeNull();
  });

  it('sets the retention for an administrator, refusing fewer than 30 days with the schema’s message', async () => {
    const { root, source, current } = mount({ isAdmin: true });
    const input = root.querySelector<HTMLInputElement>('input[name="removeAfterDays"]')!;
    input.value = '10';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await tick();
    await click(root, 'button[data-action="save-retention"]');
    expect(root.querySelector('#retention [role="status"]')!.textContent).toBe('Not saved: removeAfterDays: at least 30 days');
    expect(source.saveOrg).not.toHaveBeenCalled();
    input.value = '400';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await tick();
    await click(root, 'button[data-action="save-retention"]');
    expect(current().retention).toEqual({ removeAfterDays: 400 });
  });
});
