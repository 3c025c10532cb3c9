import { render } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HistoryState } from '../../../components/ItemHistory';
import { PAGE_SIZE, Queue } from '../../../components/Queue';
import type { AuditEvent } from '../../../lib/contract/api';
import { DEFAULT_SLA_POLICY } from '../../../lib/contract/org';
import type { Triage } from '../../../lib/contract/triage';
import { createTranslator, I18nContext, type UiLanguage } from '../../../lib/i18n';
import { formatSla } from '../../../lib/i18n/format';
import { DEMO_ORG } from '../../../lib/org/demo-org';
import type { Acting } from '../../../lib/triage/permissions';
import { buildQueue, DEFAULT_FILTERS, type QueueFilters } from '../../../lib/triage/queue';
import { workTriage } from '../support/triage';

const now = new Date('2026-11-23T12:00:00.000Z');
function triage(id: string, minutesAgo: number, departmentId: string | null, more: Partial<Triage> = {}): Triage {
  return workTriage(id, new Date(now.getTime() - minutesAgo * 60_000).toISOString(), { departmentId, ...more });
}

const moderator: Acting = { role: 'moderator', email: 'asha@bis.example.in', departmentId: null };
const contact: Acting = { role: 'department', email: 'opc@bis.example.in', departmentId: 'hallmarking' };

let container: HTMLElement;
afterEach(() => {
  render(null, container);
  container.remove();
});
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

interface MountOptions {
  user?: Acting | null;
  filters?: QueueFilters;
  language?: UiLanguage;
  notices?: Map<string, string>;
  histories?: Map<string, HistoryState>;
}

function mount(triages: Triage[], { user = moderator, filters = DEFAULT_FILTERS, language = 'en', notices = new Map(), histories = new Map() }: MountOptions = {}) {
  container = document.createElement('div');
  document.body.append(container);
  const t = createTranslator(language);
  const handlers = { onAction: vi.fn(), onOpen: vi.fn(), onToggleHistory: vi.fn(), onFilters: vi.fn() };
  let limit = PAGE_SIZE;
  const draw = (current: QueueFilters) => {
    // As the background answers: the first `limit` rows of the view, and the counts of all of it.
    const view = buildQueue(triages, current, { policy: DEFAULT_SLA_POLICY, now });
    render(
      <I18nContext.Provider value={{ language, t }}>
        <Queue
          view={{ ...view, rows: view.rows.slice(0, limit) }}
          onShowMore={() => {
            limit += PAGE_SIZE;
            draw(current);
          }}
          filters={current}
          departments={DEMO_ORG.departments}
          policy={DEFAULT_SLA_POLICY}
          user={user}
          slaText={(row) => formatSla(row.sla, now, t)}
          formatTime={(at) => at.toISOString().slice(11, 16)}
          notices={notices}
          histories={histories}
          authorOf={(key) => triages.find((row) => row.key === key)?.item.author.name}
          {...handlers}
          onFilters={(next) => {
            handlers.onFilters(next);
            draw(next);
          }}
        />
      </I18nContext.Provider>,
      container,
    );
  };
  draw(filters);
  return handlers;
}

const rowOf = (key: string) => container.querySelector<HTMLElement>(`[data-queue-item="${key}"]`);
const actionsOf = (key: string) => [...rowOf(key)!.querySelectorAll('.queue-actions button')].map((b) => b.getAttribute('data-action'));
const click = async (element: Element | null) => {
  (element as HTMLElement).click();
  await tick();
};
const type = async (element: Element | null, value: string) => {
  const field = element as HTMLTextAreaElement | HTMLInputElement;
  field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true }));
  await tick();
};
const choose = async (element: Element | null, value: string) => {
  const select = element as HTMLSelectElement;
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
  await tick();
};

describe('the queue view', () => {
  const items = [
    triage('1', 60, 'hallmarking', { flags: ['sub_judice'], followUps: ['x:9'] }),
    triage('2', 300, 'hallmarking'),
    triage('3', 30, 'nits', { item: { ...triage('3', 30, null).item, platform: 'facebook', id: '3', permalink: 'https://www.facebook.com/p/3' }, key: 'facebook:3' }),
    triage('9', 20, 'hallmarking', { followUpOf: 'x:1', item: { ...triage('9', 20, null).item, author: { name: 'Ravi', handle: '100004' } } }),
  ];

  it('lists rows most urgent first with the test hooks, both deadlines, flags, status and follow-ups', () => {
    mount(items);
    const rows = [...container.querySelectorAll('[data-queue-item]')];
    expect(rows.map((row) => row.getAttribute('data-queue-item'))).toEqual(['x:2', 'x:1', 'facebook:3', 'x:9']);
    const overdue = rowOf('x:2')!;
    expect(overdue.dataset).toMatchObject({ sla: 'overdue', stage: 'interim', department: 'hallmarking', status: 'open' });
    expect(overdue.textContent).toContain('Interim reply overdue by 1 h 0 min');
    expect(overdue.textContent).toContain('Interim by 11:00');
    expect(overdue.textContent).toContain('Final by 19:00');
    const first = rowOf('x:1')!;
    expect(first.textContent).toContain('Sub judice');
    expect(first.textContent).toContain('Follow-ups: 1');
    expect(rowOf('x:9')!.textContent).toContain('Follow-up of Citizen 1');
    // A profile number says nothing: the name is shown, the number not.
    expect(rowOf('x:9')!.querySelector('.queue-author')!.textContent).toBe('Ravi');
    expect(rowOf('facebook:3')!.textContent).toContain('Facebook');
    expect(container.querySelector('[data-queue-count]')!.getAttribute('data-queue-count')).toBe('4');
    expect(container.querySelector('[data-count-sla="overdue"]')!.getAttribute('data-value')).toBe('1');
  });

  it('renders comment text as text, never as HTML', () => {
    mount([triage('1', 10, null, { item: { ...triage('1', 10, null).item, text: '<img src=x onerror="alert(1)"><b>bold</b>' } })]);
    const text = rowOf('x:1')!.querySelector('.queue-text')!;
    expect(text.textContent).toBe('<img src=x onerror="alert(1)"><b>bold</b>');
    expect(text.querySelector('img, b')).toBeNull();
  });

  it('filters by platform, flag and search, and counts what is left', async () => {
    const { onFilters } = mount(items);
    await choose(container.querySelector('select[name="platform"]'), 'facebook');
    expect(onFilters).toHaveBeenLastCalledWith(expect.objectContaining({ platform: 'facebook' }));
    expect([...container.querySelectorAll('[data-queue-item]')].map((r) => r.getAttribute('data-queue-item'))).toEqual(['facebook:3']);
    await choose(container.querySelector('select[name="platform"]'), '');
    await choose(container.querySelector('select[name="flag"]'), 'sub_judice');
    expect(container.querySelector('[data-queue-count]')!.getAttribute('data-queue-count')).toBe('1');
    await choose(container.querySelector('select[name="flag"]'), '');
    await type(container.querySelector('input[name="search"]'), 'ravi');
    expect([...container.querySelectorAll('[data-queue-item]')].map((r) => r.getAttribute('data-queue-item'))).toEqual(['x:9']);
  });

  it("shows a department contact only the actions the server accepts, and locks the scope to their department", () => {
    mount(items, { user: contact, filters: { ...DEFAULT_FILTERS, scope: { kind: 'department', departmentId: 'hallmarking' } } });
    expect(actionsOf('x:1')).toEqual(['open-comment', 'accept', 'reassign', 'unassign', 'note', 'close', 'mark-replied', 'history']);
    expect(container.querySelector<HTMLSelectElement>('#queue-scope')!.disabled).toBe(true);
    expect(rowOf('facebook:3')).toBeNull();
  });

  it('accepts, and reassigns with a note', async () => {
    const { onAction } = mount(items, { user: contact });
    await click(rowOf('x:2')!.querySelector('button[data-action="accept"]'));
    expect(onAction).toHaveBeenLastCalledWith(items[1], { type: 'accept' });
    await click(rowOf('x:2')!.querySelector('button[data-action="reassign"]'));
    const row = rowOf('x:2')!;
    await choose(row.querySelector('select[name="department"]'), 'nits');
    await type(row.querySelector('textarea[name="note"]'), 'Concerns the laboratory at NITS');
    await click(row.querySelector('button[data-action="confirm"]'));
    expect(onAction).toHaveBeenLastCalledWith(items[1], {
      type: 'assign',
      departmentId: 'nits',
      baseDepartmentId: 'hallmarking',
      note: 'Concerns the laboratory at NITS',
    });
    expect(row.querySelector('form')).toBeNull();
  });

  it('adds a note by keyboard: the field takes the focus, Ctrl+Enter saves, Escape cancels', async () => {
    const { onAction } = mount(items);
    await click(rowOf('x:1')!.querySelector('button[data-action="note"]'));
    const note = rowOf('x:1')!.querySelector<HTMLTextAreaElement>('textarea[name="note"]')!;
    expect(document.activeElement).toBe(note);
    // An empty note is not sent.
    note.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true, bubbles: true }));
    await tick();
    expect(onAction).not.toHaveBeenCalled();
    expect(rowOf('x:1')!.textContent).toContain('Write the note first.');
    await type(note, 'Called the citizen back');
    note.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true, bubbles: true }));
    await tick();
    expect(onAction).toHaveBeenLastCalledWith(items[0], { type: 'note', text: 'Called the citizen back' });
    await click(rowOf('x:1')!.querySelector('button[data-action="note"]'));
    rowOf('x:1')!.querySelector('textarea[name="note"]')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await tick();
    expect(rowOf('x:1')!.querySelector('form')).toBeNull();
  });

  it('closes with a reason, and marks replied only with a link on the platform', async () => {
    const { onAction } = mount(items);
    await click(rowOf('x:1')!.querySelector('button[data-action="close"]'));
    await choose(rowOf('x:1')!.querySelector('select[name="close-reason"]'), 'duplicate');
    await type(rowOf('x:1')!.querySelector('textarea[name="reason"]'), 'Same as x:2');
    await click(rowOf('x:1')!.querySelector('button[data-action="confirm"]'));
    expect(onAction).toHaveBeenLastCalledWith(items[0], { type: 'close', reason: 'duplicate', note: 'Same as x:2' });

    await click(rowOf('x:2')!.querySelector('button[data-action="mark-replied"]'));
    await type(rowOf('x:2')!.querySelector('input[name="permalink"]'), 'javascript:alert(1)');
    await click(rowOf('x:2')!.querySelector('button[data-action="confirm"]'));
    expect(onAction).toHaveBeenCalledTimes(1);
    expect(rowOf('x:2')!.textContent).toContain('Give the https:// link of the reply on X.');
    await type(rowOf('x:2')!.querySelector('input[name="permalink"]'), 'https://x.com/BIS_Official/status/77');
    await click(rowOf('x:2')!.querySelector('button[data-action="confirm"]'));
    expect(onAction).toHaveBeenLastCalledWith(items[1], {
      type: 'recordReply',
      stage: 'interim',
      text: '',
      source: 'manual',
      permalink: 'https://x.com/BIS_Official/status/77',
    });
  });

  it('offers reopen on a closed item, shows why an action was refused, and opens the comment', async () => {
    const closed = triage('5', 100, 'hallmarking', { status: 'closed', closed: { reason: 'spam', at: now.toISOString(), by: 'Asha' } });
    const { onAction, onOpen } = mount([closed], {
      filters: { ...DEFAULT_FILTERS, status: 'closed' },
      notices: new Map([['x:5', 'Not done: this item is not assigned to your department']]),
    });
    expect(rowOf('x:5')!.dataset.status).toBe('closed');
    expect(rowOf('x:5')!.textContent).toContain('Closed: Spam');
    expect(rowOf('x:5')!.querySelector('[data-queue-notice]')!.textContent).toBe('Not done: this item is not assigned to your department');
    await click(rowOf('x:5')!.querySelector('button[data-action="reopen"]'));
    expect(onAction).toHaveBeenLastCalledWith(closed, { type: 'reopen' });
    await click(rowOf('x:5')!.querySelector('button[data-action="open-comment"]'));
    expect(onOpen).toHaveBeenCalledWith(closed);
  });

  it("shows an item's history with who and when, the override's reason included", async () => {
    const event = (id: number, op: unknown, name = 'Asha Rao'): AuditEvent => ({
      id,
      at: `2026-11-23T0${id}:00:00.000Z`,
      kind: 'mutation',
      actor: { id: 'u1', name },
      clientId: 'c',
      itemKey: 'x:1',
      mutationId: null,
      detail: { op },
    });
    const history: HistoryState = {
      state: 'loaded',
      events: [
        event(1, { type: 'assign', departmentId: 'hallmarking', baseDepartmentId: null }),
        event(2, { type: 'flag', flag: 'sub_judice', on: true }),
        event(3, { type: 'accept' }, 'A. Sharma'),
        event(4, { type: 'note', text: 'Asked the lab' }, 'A. Sharma'),
        event(5, { type: 'override', ruleIds: ['tone.polite'], reason: 'Quoting the citizen', text: 'x' }),
        event(6, { type: 'recordReply', stage: 'interim', text: 'We are on it', source: 'seen' }),
        event(7, { type: 'decideApproval', approvalId: '00000000-0000-4000-8000-000000000000', decision: 'approved', textHash: 'a'.repeat(64) }, 'Head'),
      ],
    };
    const { onToggleHistory } = mount(items, { histories: new Map([['x:1', history]]) });
    const events = [...rowOf('x:1')!.querySelectorAll('[data-history-event]')];
    expect(events.map((e) => e.getAttribute('data-kind'))).toEqual(['assign', 'flag', 'accept', 'note', 'override', 'recordReply', 'decideApproval']);
    expect(events[0]!.textContent).toBe('01:00 · Asha Rao: assigned to Hallmarking');
    expect(events[3]!.textContent).toContain('A. Sharma: note: “Asked the lab”');
    expect(events[4]!.textContent).toContain('reason: “Quoting the citizen”');
    expect(events[5]!.textContent).toContain('interim reply (seen on the page)');
    expect(events[6]!.textContent).toContain('Head: approved the reply');
    await click(rowOf('x:1')!.querySelector('button[data-action="history"]'));
    expect(onToggleHistory).toHaveBeenCalledWith('x:1');
  });

  it('draws the first page of a long queue and more on request', async () => {
    const many = Array.from({ length: PAGE_SIZE + 30 }, (_, i) => triage(String(100 + i), i, null));
    mount(many);
    expect(container.querySelectorAll('[data-queue-item]')).toHaveLength(PAGE_SIZE);
    expect(container.querySelector('[data-queue-count]')!.getAttribute('data-queue-count')).toBe(String(PAGE_SIZE + 30));
    await click(container.querySelector('button[data-action="show-more"]'));
    expect(container.querySelectorAll('[data-queue-item]')).toHaveLength(PAGE_SIZE + 30);
    expect(container.querySelector('button[data-action="show-more"]')).toBeNull();
  });

  it('speaks Hindi', () => {
    mount(items, { language: 'hi' });
    expect(rowOf('x:2')!.querySelector('button[data-action="accept"]')!.textContent).toBe('स्वीकार करें');
    expect(rowOf('x:2')!.textContent).toContain('खुली');
  });
});
