import { render } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { UsersSection } from '../../../components/options/UsersSection';
import type { ManagedUser } from '../../../lib/contract/api';
import { createTranslator, I18nContext, type UiLanguage } from '../../../lib/i18n';
import type { ManageUsersRequest, ManageUsersResult } from '../../../lib/messaging';
import { DEMO_ORG } from '../../../lib/org/demo-org';

let container: HTMLElement;
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
afterEach(() => {
  render(null, container);
  container.remove();
});

const user = (email: string, extra: Partial<ManagedUser> = {}): ManagedUser => ({
  id: `u_${email}`,
  email,
  name: email.split('@')[0]!,
  role: 'moderator',
  departmentId: null,
  disabled: false,
  createdAt: '2026-11-20T09:00:00.000Z',
  activeSessions: 1,
  ...extra,
});

/** The section against a fake team server holding `users`, as the background would relay it. */
async function mount(options: { language?: UiLanguage; forbidden?: boolean } = {}) {
  const users = [user('head@bis.gov.in', { role: 'admin' }), user('leaver@bis.gov.in')];
  const onAction = vi.fn(async (request: ManageUsersRequest): Promise<ManageUsersResult> => {
    if (options.forbidden) return { ok: false, error: 'forbidden', detail: 'no' };
    const target = 'id' in request ? users.find((u) => u.id === request.id) : undefined;
    if (request.action === 'disable') Object.assign(target!, { disabled: true, activeSessions: 0 });
    if (request.action === 'enable') target!.disabled = false;
    if (request.action === 'signOut' || request.action === 'reset') target!.activeSessions = 0;
    if (request.action === 'add') {
      if (request.password.length < 10) return { ok: false, error: 'failed', detail: 'password: at least 10 characters' };
      users.push(user(request.email, { name: request.name, role: request.role, departmentId: request.departmentId, activeSessions: 0 }));
    }
    return { ok: true, users: structuredClone(users) };
  });
  const language = options.language ?? 'en';
  container = document.createElement('div');
  document.body.append(container);
  render(
    <I18nContext.Provider value={{ language, t: createTranslator(language) }}>
      <UsersSection departments={DEMO_ORG.departments} onAction={onAction} />
    </I18nContext.Provider>,
    container,
  );
  // Preact runs effects after paint: the first list request, then its answer.
  await new Promise((resolve) => setTimeout(resolve, 20));
  await tick();
  return { root: container, onAction };
}

async function type(field: HTMLInputElement | HTMLSelectElement, value: string) {
  field.value = value;
  field.dispatchEvent(new Event(field instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
  await tick();
}

const row = (root: HTMLElement, email: string) => root.querySelector<HTMLElement>(`tr[data-user="${email}"]`)!;
const click = async (element: Element | null) => {
  (element as HTMLElement).click();
  await tick();
  await tick();
};

describe('the options page’s Users section', () => {
  it('lists the accounts and disables, then re-enables, a leaver', async () => {
    const { root, onAction } = await mount();
    expect(onAction).toHaveBeenCalledWith({ action: 'list' });
    expect(row(root, 'leaver@bis.gov.in').textContent).toContain('Active, signed in 1×');
    await click(row(root, 'leaver@bis.gov.in').querySelector('[data-action="disable"]'));
    expect(onAction).toHaveBeenLastCalledWith({ action: 'disable', id: 'u_leaver@bis.gov.in' });
    expect(row(root, 'leaver@bis.gov.in').querySelector('[data-state]')!.textContent).toBe('Disabled');
    await click(row(root, 'leaver@bis.gov.in').querySelector('[data-action="enable"]'));
    expect(row(root, 'leaver@bis.gov.in').querySelector('[data-state="active"]')).not.toBeNull();
  });

  it('resets a password and signs a user out everywhere', async () => {
    const { root, onAction } = await mount();
    await click(row(root, 'head@bis.gov.in').querySelector('[data-action="sign-out"]'));
    expect(onAction).toHaveBeenLastCalledWith({ action: 'signOut', id: 'u_head@bis.gov.in' });
    await click(row(root, 'leaver@bis.gov.in').querySelector('[data-action="reset"]'));
    await type(row(root, 'leaver@bis.gov.in').querySelector<HTMLInputElement>('input[name="newPassword"]')!, 'a brand new password');
    await click(row(root, 'leaver@bis.gov.in').querySelector('[data-action="save-password"]'));
    expect(onAction).toHaveBeenLastCalledWith({ action: 'reset', id: 'u_leaver@bis.gov.in', password: 'a brand new password' });
    expect(row(root, 'leaver@bis.gov.in').querySelector('input[name="newPassword"]')).toBeNull();
  });

  it('adds a department contact with its department, and shows the server’s refusal', async () => {
    const { root, onAction } = await mount();
    const form = root.querySelector<HTMLFormElement>('[data-form="add-user"]')!;
    await type(form.querySelector<HTMLInputElement>('[name="name"]')!, 'A. Sharma');
    await type(form.querySelector<HTMLInputElement>('[name="email"]')!, 'opc@bis.gov.in');
    await type(form.querySelector<HTMLSelectElement>('[name="role"]')!, 'department');
    await type(form.querySelector<HTMLSelectElement>('[name="departmentId"]')!, DEMO_ORG.departments[0]!.id);
    await type(form.querySelector<HTMLInputElement>('[name="password"]')!, 'short');
    form.dispatchEvent(new Event('submit', { cancelable: true }));
    await tick();
    expect(root.querySelector('[role="alert"]')!.textContent).toBe('Not done: password: at least 10 characters');
    await type(form.querySelector<HTMLInputElement>('[name="password"]')!, 'long enough password');
    form.dispatchEvent(new Event('submit', { cancelable: true }));
    await tick();
    expect(onAction).toHaveBeenLastCalledWith({
      action: 'add',
      name: 'A. Sharma',
      email: 'opc@bis.gov.in',
      role: 'department',
      departmentId: DEMO_ORG.departments[0]!.id,
      password: 'long enough password',
    });
    expect(row(root, 'opc@bis.gov.in').textContent).toContain(DEMO_ORG.departments[0]!.name.en);
    expect(root.querySelector('[role="alert"]')).toBeNull();
  });

  it('speaks Hindi, and says when the signed-in user may not manage users', async () => {
    const { root } = await mount({ language: 'hi', forbidden: true });
    expect(root.querySelector('h2')!.textContent).toBe('उपयोगकर्ता');
    expect(root.querySelector('[role="alert"]')!.textContent).toContain('प्रशासक');
  });
});
