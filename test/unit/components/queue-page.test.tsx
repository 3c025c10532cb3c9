import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Triage } from '../../../lib/contract/triage';
import type { QueuePortMessage } from '../../../lib/messaging';
import type { SyncStatus } from '../../../lib/sync/session';

// The background, stubbed: the page's typed messages and its port are all it talks to.
const answers = vi.hoisted(() => ({ handlers: {} as Record<string, (data: unknown) => unknown> }));
vi.mock('../../../lib/messaging', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../lib/messaging')>()),
  sendMessage: vi.fn(async (type: string, data: unknown) => answers.handlers[type]!(data)),
}));
const { QueuePage } = await import('../../../lib/pages/queue');
const { sendMessage } = await import('../../../lib/messaging');

const now = Date.now();
function triage(id: string, minutesAgo: number, more: Partial<Triage> = {}): Triage {
  const createdAt = new Date(now - minutesAgo * 60_000).toISOString();
  return {
    key: `x:${id}`,
    item: { platform: 'x', id, author: { name: `Citizen ${id}` }, text: `comment ${id}`, permalink: `https://x.com/c/status/${id}`, createdAt },
    work: 'reply_to_body',
    departmentId: 'hallmarking',
    flags: [],
    cannedUsed: [],
    replies: [],
    overrides: [],
    status: 'open',
    notes: [],
    followUps: [],
    approvals: [],
    updatedAt: createdAt,
    version: 1,
    ...more,
  };
}

const contact = { id: 'u-opc', email: 'opc@bis.example.in', name: 'A. Sharma', role: 'department' as const, departmentId: 'hallmarking' };
const status: SyncStatus = {
  signedIn: true, expired: false, serverUrl: 'http://127.0.0.1:1', user: contact, lastSyncAt: null,
  pending: 0, unsentByOthers: [], setAside: 0, lastError: null, connected: true,
};

/** A port whose messages the test sends as the background would. */
function fakePort() {
  const listeners: Array<(message: unknown) => void> = [];
  const port = {
    name: 'samvad-queue',
    postMessage: vi.fn(),
    disconnect: vi.fn(),
    onMessage: { addListener: (listener: (message: unknown) => void) => listeners.push(listener) },
    onDisconnect: { addListener: vi.fn() },
  };
  return { port, send: (message: QueuePortMessage) => listeners.forEach((listener) => listener(message)) };
}

let container: HTMLElement;
let background: ReturnType<typeof fakePort>;
const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
};
const rowOf = (key: string) => container.querySelector<HTMLElement>(`[data-queue-item="${key}"]`);

beforeEach(async () => {
  fakeBrowser.reset();
  background = fakePort();
  vi.spyOn(fakeBrowser.runtime, 'connect').mockReturnValue(background.port as never);
  vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue('en-IN');
  vi.mocked(sendMessage).mockClear();
  answers.handlers = {
    syncStatus: () => status,
    listTriage: () => [triage('1', 60), triage('2', 300)],
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

  it('follows the rows the background sends as they change, without re-reading the store', async () => {
    const reads = () => vi.mocked(sendMessage).mock.calls.filter(([type]) => type === 'listTriage').length;
    expect(reads()).toBe(1);
    background.send({ type: 'rows', rows: [triage('1', 60, { status: 'accepted', acceptedBy: 'A. Sharma' }), triage('3', 500)] });
    await settle();
    expect(rowOf('x:1')!.dataset.status).toBe('accepted');
    expect(rowOf('x:3')!.dataset.sla).toBe('overdue');
    expect(reads()).toBe(1);
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
