import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Triage } from '../../../lib/contract/triage';
import type { QueuePortMessage } from '../../../lib/messaging';
import type { SyncStatus } from '../../../lib/sync/session';
import { workTriage } from '../support/triage';

// The background, stubbed: the page's typed messages and its port are all it talks to.
const answers = vi.hoisted(() => ({ handlers: {} as Record<string, (data: unknown) => unknown> }));
vi.mock('../../../lib/messaging', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../lib/messaging')>()),
  sendMessage: vi.fn(async (type: string, data: unknown) => answers.handlers[type]!(data)),
}));
const { QueuePage } = await import('../../../lib/pages/queue');
const { buildQueue } = await import('../../../lib/triage/queue');
const { DEFAULT_SLA_POLICY } = await import('../../../lib/contract/org');
const { sendMessage } = await import('../../../lib/messaging');

const now = Date.now();
function triage(id: string, minutesAgo: number, more: Partial<Triage> = {}): Triage {
  return workTriage(id, new Date(now - minutesAgo * 60_000).toISOString(), { departmentId: 'hallmarking', ...more }, { author: { name: `Citizen ${id}` } });
}

const contact = { id: 'u-opc', email: 'opc@bis.example.in', name: 'A. Sharma', role: 'department' as const, departmentId: 'hallmarking' };
const status: SyncStatus = {
  signedIn: true, expired: false, serverUrl: 'http://127.0.0.1:1', user: contact, lastSyncAt: null,
  pending: 0, unsentByOthers: [], setAside: 0, lastError: null, connected: true,
};

/** The background's end of the pages' ports: it sends to every port still open, as the background would. */
function fakeBackground() {
  const open = new Set<(message: unknown) => void>();
  const connect = () => {
    let listener: ((message: unknown) => void) | null = null;
    return {
      name: 'samvad-queue',
      postMessage: vi.fn(),
      disconnect: () => listener && open.delete(listener),
      onMessage: { addListener: (l: (message: unknown) => void) => open.add((listener = l)) },
      onDisconnect: { addListener: vi.fn() },
    };
  };
  return { connect, send: (message: QueuePortMessage) => open.forEach((listener) => listener(message)) };
}

let container: HTMLElement;
let stored: Map<string, Triage>;
let background: ReturnType<typeof fakeBackground>;
const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
};
const rowOf = (key: string) => container.querySelector<HTMLElement>(`[data-queue-item="${key}"]`);

beforeEach(async () => {
  fakeBrowser.reset();
  background = fakeBackground();
  vi.spyOn(fakeBrowser.runtime, 'connect').mockImplementation(() => background.connect() as never);
  vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue('en-IN');
  vi.mocked(sendMessage).mockClear();
  stored = new Map([triage('1', 60), triage('2', 300)].map((row) => [row.key, row]));
  answers.handlers = {
    syncStatus: () => status,
    // The background's view: sorted and counted over every stored row.
    queueView: (request) => {
      const { filters, limit } = request as { filters: Parameters<typeof buildQueue>[1]; limit: number };
      const view = buildQueue([...stored.values()], filters, { policy: DEFAULT_SLA_POLICY, now: new Date() });
      return { rows: view.rows.slice(0, limit).map((row) => row.triage), counts: view.counts, followUpAuthors: {} };
    },
    mutate: () => ({ outcome: 'rejected', reason: 'this item is not assigned to your department' }),
    itemHistory: () => ({
      ok: true,
      events: [{ id: 1, at: new Date(now).toISOString(), kind: 'mutation', actor: { id: 'u1', name: 'Asha Rao' }, clientId: 'c', itemKey: 'x:1', mutationId: null, detail: { op: { type: 'assign', departmentId: 'hallmarking', baseDepartmentId: null, note: 'Hallmark query' } } }],
    }),
  };
  container = document.createElement('div');
  document.body.append(container);
  render(<QueuePage />, container);
  await settle();
});
afterEach(() => {
  render(null, container);
  container.remove();
  vi.restoreAllMocks();
});

describe('the side panel page', () => {
  it('opens on the contact’s department with the queue view switch, most urgent first', () => {
    expect(container.querySelector('button[data-queue-view="queue"]')!.getAttribute('aria-pressed')).toBe('true');
    expect(container.querySelector<HTMLSelectElement>('#queue-scope')!.value).toBe('department:hallmarking');
    expect([...container.querySelectorAll('[data-queue-item]')].map((row) => row.getAttribute('data-queue-item'))).toEqual(['x:2', 'x:1']);
  });

  it('follows the changes the background announces, and asks for nothing on a timer', async () => {
    // Drawn again with intervals under the test's control: a page polling on a timer would show below.
    render(null, container);
    vi.useFakeTimers({ toFake: ['setInterval'] });
    render(<QueuePage />, container);
    await settle();
    const views = () => vi.mocked(sendMessage).mock.calls.filter(([type]) => type === 'queueView').length;
    const before = views();
    for (const row of [triage('1', 60, { status: 'accepted', acceptedBy: 'A. Sharma' }), triage('3', 500)]) stored.set(row.key, row);
    background.send({ type: 'changed', keys: ['x:1', 'x:3'] });
    await settle();
    expect(rowOf('x:1')!.dataset.status).toBe('accepted');
    expect(rowOf('x:3')!.dataset.sla).toBe('overdue');
    expect(views()).toBe(before + 1);
    // Nothing changes: nothing is asked, however long the panel stays open (the clock's tick aside).
    vi.advanceTimersByTime(25_000);
    await settle();
    expect(views()).toBe(before + 1);
    expect(vi.mocked(sendMessage).mock.calls.some(([type]) => type === 'listTriage')).toBe(false);
    vi.useRealTimers();
  });

  it('reads the server clock’s offset again with its tick: the clocks follow this computer’s clock being set', async () => {
    render(null, container);
    vi.useFakeTimers({ toFake: ['setInterval'] });
    render(<QueuePage />, container);
    await settle();
    expect(rowOf('x:1')!.dataset.sla).toBe('ok');
    // This computer’s clock was 4 h slow: the server’s time is 4 h later than it says.
    answers.handlers.syncStatus = () => ({ ...status, clockOffsetMs: 4 * 3_600_000 });
    vi.advanceTimersByTime(30_000);
    await settle();
    expect(rowOf('x:1')!.dataset.sla).toBe('overdue');
    vi.useRealTimers();
  });

  it('shows why the server refused an action, and the refusal the background reports later', async () => {
    rowOf('x:1')!.querySelector<HTMLButtonElement>('button[data-action="accept"]')!.click();
    await settle();
    expect(sendMessage).toHaveBeenCalledWith('mutate', { item: triage('1', 60).item, op: { type: 'accept' } });
    expect(rowOf('x:1')!.querySelector('[data-queue-notice]')!.textContent).toBe('Not done: this item is not assigned to your department');
    background.send({
      type: 'notice',
      notice: { key: 'x:2', kind: 'rejected', reason: 'not assigned to a department yet', assignedBy: null, assignedAt: null, departmentId: null },
    });
    await settle();
    expect(rowOf('x:2')!.querySelector('[data-queue-notice]')!.textContent).toBe('Not done: not assigned to a department yet');
  });

  it("fetches an item's history through the background and shows it under the row", async () => {
    rowOf('x:1')!.querySelector<HTMLButtonElement>('button[data-action="history"]')!.click();
    await settle();
    expect(sendMessage).toHaveBeenCalledWith('itemHistory', 'x:1');
    const event = rowOf('x:1')!.querySelector('[data-history-event]')!;
    expect(event.getAttribute('data-kind')).toBe('assign');
    expect(event.textContent).toContain('Asha Rao: assigned to Hallmarking — “Hallmark query”');
  });
});
