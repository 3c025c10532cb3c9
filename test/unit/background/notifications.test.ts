import { describe, expect, it } from 'vitest';
import { badgeText, MAX_AT_ONCE, Notifier, queueNotices, type Notice } from '../../../lib/background/notifications';
import { DEFAULT_SLA_POLICY } from '../../../lib/contract/org';
import type { Triage } from '../../../lib/contract/triage';
import { createTranslator, type UiLanguage } from '../../../lib/i18n';
import { DEMO_ORG } from '../../../lib/org/demo-org';
import { workTriage } from '../support/triage';

const now = new Date('2026-11-23T12:00:00.000Z');
function triage(id: string, minutesAgo: number, departmentId: string | null, more: Partial<Triage> = {}): Triage {
  const createdAt = new Date(now.getTime() - minutesAgo * 60_000).toISOString();
  return workTriage(id, createdAt, { work: 'mention', departmentId, ...more }, { author: { name: `Citizen ${id}` }, text: `Where is my certificate ${id}?` });
}

function notifier({ enabled = true, language = 'en' as UiLanguage } = {}) {
  const shown: Array<{ id: string; title: string; message: string }> = [];
  let remembered: string[] = [];
  const state = { enabled };
  const instance = new Notifier({
    show: async (id, title, message) => void shown.push({ id, title, message }),
    enabled: async () => state.enabled,
    translator: async () => createTranslator(language),
    loadShown: async () => remembered,
    saveShown: async (ids) => void (remembered = ids),
  });
  return { instance, shown, state };
}

const notice = (id: string): Notice => ({ id, title: 'notify.assignedTitle', body: 'notify.body', params: { department: 'Hallmarking', author: 'A', text: 'B' } });

describe('the notifier', () => {
  it('shows each notice once per item and event, in the user language', async () => {
    const { instance, shown } = notifier({ language: 'hi' });
    await instance.notify([notice('assigned:x:1:t1')]);
    await instance.notify([notice('assigned:x:1:t1'), notice('assigned:x:1:t1')]);
    expect(shown).toEqual([{ id: 'assigned:x:1:t1', title: 'Hallmarking के लिए नई टिप्पणी', message: 'A: B' }]);
    // Assigned again later: a new event.
    await instance.notify([notice('assigned:x:1:t2')]);
    expect(shown).toHaveLength(2);
  });

  it('shows nothing while switched off, and does not bring old news back when switched on', async () => {
    const { instance, shown, state } = notifier({ enabled: false });
    await instance.notify([notice('a')]);
    expect(shown).toEqual([]);
    state.enabled = true;
    await instance.notify([notice('a'), notice('b')]);
    expect(shown.map((s) => s.id)).toEqual(['b']);
  });

  it('sums up a backlog in one notice', async () => {
    const { instance, shown } = notifier();
    await instance.notify(Array.from({ length: MAX_AT_ONCE + 5 }, (_, i) => notice(`n${i}`)));
    expect(shown).toHaveLength(MAX_AT_ONCE + 1);
    expect(shown.at(-1)).toMatchObject({ title: 'More comments need attention', message: '5 more: open the queue to see them.' });
  });
});

describe('what the queue tells whom', () => {
  const options = { policy: DEFAULT_SLA_POLICY, now, departments: DEMO_ORG.departments, language: 'en' as const };
  const rows = [
    triage('1', 10, 'hallmarking', { assignedBy: 'Asha Rao', assignedAt: '2026-11-23T11:55:00.000Z' }),
    triage('2', 225, 'hallmarking'), // interim due in 15 min: due soon
    triage('3', 300, 'hallmarking'), // overdue
    triage('4', 10, 'nits', { assignedBy: 'Asha Rao', assignedAt: '2026-11-23T11:55:00.000Z' }),
    triage('5', 300, null, { status: 'closed', closed: { reason: 'spam', at: now.toISOString(), by: 'Asha Rao' } }),
  ];

  it("tells a department's contact about new assignments to their department and replies due soon", () => {
    const notices = queueNotices(rows, { role: 'department', departmentId: 'hallmarking', name: 'A. Sharma' }, options);
    expect(notices.map((n) => [n.id, n.title])).toEqual([
      ['due-soon:x:2:interim', 'notify.dueSoonTitle'],
      ['assigned:x:1:2026-11-23T11:55:00.000Z', 'notify.assignedTitle'],
    ]);
    expect(notices[1]!.params).toMatchObject({ department: 'Hallmarking', author: 'Citizen 1', text: 'Where is my certificate 1?' });
    // Their own reassignment is no news to them.
    expect(queueNotices(rows, { role: 'department', departmentId: 'nits', name: 'Asha Rao' }, options)).toEqual([]);
  });

  it('tells moderators about breaches, not about closed items', () => {
    const notices = queueNotices(rows, { role: 'moderator', departmentId: null, name: 'Vikram Das' }, options);
    expect(notices.map((n) => n.id)).toEqual(['overdue:x:3:interim']);
    expect(notices[0]!.title).toBe('notify.overdueTitle');
  });

  it("counts the signed-in user's overdue items on the badge", () => {
    expect(badgeText(rows, { role: 'department', departmentId: 'hallmarking' }, options)).toBe('1');
    expect(badgeText(rows, { role: 'department', departmentId: 'nits' }, options)).toBe('');
    const many = Array.from({ length: 1_200 }, (_, i) => triage(String(i), 600, 'nits'));
    expect(badgeText(many, { role: 'moderator', departmentId: null }, options)).toBe('999+');
  });
});
