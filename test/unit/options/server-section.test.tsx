import { render } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ServerSection } from '../../../components/options/ServerSection';
import { createTranslator, I18nContext } from '../../../lib/i18n';
import type { SyncStatus } from '../../../lib/sync/session';

let container: HTMLElement;
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
afterEach(() => {
  render(null, container);
  container.remove();
});

const asha = { id: 'u-asha', email: 'asha@bis.example.in', name: 'Asha Rao', role: 'moderator' as const, departmentId: null };
const status = (overrides: Partial<SyncStatus> = {}): SyncStatus => ({
  signedIn: true,
  expired: false,
  serverUrl: 'https://team.example.in',
  user: { ...asha, id: 'u-vikram', email: 'vikram@bis.example.in', name: 'Vikram Das' },
  lastSyncAt: null,
  pending: 0,
  unsentByOthers: [],
  setAside: 0,
  lastError: null,
  connected: true,
  ...overrides,
});

function mount(current: SyncStatus) {
  const handlers = { onSignIn: vi.fn(async () => null), onSignOut: vi.fn(), onDiscardUnsent: vi.fn(), onExportUnsent: vi.fn() };
  container = document.createElement('div');
  document.body.append(container);
  render(
    <I18nContext.Provider value={{ language: 'en', t: createTranslator('en') }}>
      <ServerSection status={current} {...handlers} />
    </I18nContext.Provider>,
    container,
  );
  const click = async (action: string) => {
    container.querySelector<HTMLButtonElement>(`button[data-action="${action}"]`)!.click();
    await tick();
  };
  return { handlers, click };
}

describe('the server section', () => {
  it('warns before signing out with unsent actions, and signs out only when asked again', async () => {
    const { handlers, click } = mount(status({ pending: 3 }));
    await click('sign-out');
    expect(handlers.onSignOut).not.toHaveBeenCalled();
    expect(container.querySelector('[data-sign-out-warning]')?.textContent).toContain('Actions waiting to be sent: 3');
    await click('cancel-sign-out');
    expect(container.querySelector('[data-sign-out-warning]')).toBeNull();
    await click('sign-out');
    await click('confirm-sign-out');
    expect(handlers.onSignOut).toHaveBeenCalledTimes(1);
  });

  it('signs out at once with nothing unsent', async () => {
    const { handlers, click } = mount(status());
    await click('sign-out');
    expect(handlers.onSignOut).toHaveBeenCalledTimes(1);
  });

  it("asks what to do with the previous user's unsent actions: keep, export or discard", async () => {
    const { handlers, click } = mount(status({ unsentByOthers: [{ user: { id: asha.id, name: asha.name }, count: 2 }] }));
    const prompt = () => container.querySelector(`[data-others-unsent="${asha.id}"]`);
    expect(prompt()?.textContent).toContain('until Asha Rao signs in here again');
    expect(container.textContent).toContain('Actions Asha Rao made here, not sent yet: 2');
    await click('export-unsent');
    expect(handlers.onExportUnsent).toHaveBeenCalled();
    await click('discard-unsent');
    expect(handlers.onDiscardUnsent).toHaveBeenCalledWith(asha.id);
    await click('keep-unsent');
    expect(prompt()).toBeNull();
  });

  it('reports actions set aside as unreadable, and offers them for export', async () => {
    const { handlers, click } = mount(status({ setAside: 4 }));
    expect(container.querySelector('[data-set-aside="4"]')?.textContent).toMatch(/set aside/);
    await click('export-unsent');
    expect(handlers.onExportUnsent).toHaveBeenCalled();
  });
});
