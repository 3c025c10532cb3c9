import { describe, expect, it } from 'vitest';
import { approvalNotices, badgeText, MAX_AT_ONCE, Notifier, queueNotices, type Notice } from '../../../lib/background/notifications';
import { DEFAULT_SLA_POLICY } from '../../../lib/contract/org';
import type { Approval, Triage } from '../../../lib/contract/triage';
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

describe('what approvals tell whom', () => {
  const HEAD = { role: 'approver' as const, email: 'hallmarking.head@bis.example.in', departmentId: null, name: 'K. Head' };
  const DEPUTY = { role: 'approver' as const, email: 'hallmarking.deputy@bis.example.in', departmentId: null, name: 'D. Deputy' };
  const ASHA = { role: 'moderator' as const, email: 'asha@bis.example.in', departmentId: null, name: 'Asha Rao' };
  const request = (id: string, over: Partial<Approval> = {}): Approval => ({
    id: `00000000-0000-4000-8000-00000000000${id}`,
    textHash: id.repeat(64).slice(0, 64),
    text: `As the matter is before the court, we cannot comment (${id}).`,
    findings: [],
    requestedBy: 'Asha Rao',
    requestedAt: '2026-11-23T11:50:00.000Z',
    state: 'requested',
    ...over,
  });
  const marks = (headAway: boolean) => [
    { email: HEAD.email, name: HEAD.name, away: headAway },
    { email: DEPUTY.email, name: DEPUTY.name, away: false },
  ];
  const decided = (id: string, state: 'approved' | 'rejected', decidedAt: string, note?: string) =>
    request(id, { state, decidedBy: 'K. Head', decidedAt, ...(note ? { note } : {}) });
  const rows = [
    triage('1', 30, 'hallmarking', { flags: ['sub_judice'], approvals: [request('1')] }),
    triage('2', 30, 'nits', { flags: ['sub_judice'], approvals: [request('2')] }),
    triage('3', 30, 'hallmarking', {
      approvals: [
        decided('3', 'approved', '2026-11-23T11:58:00.000Z'),
        decided('4', 'rejected', '2026-11-23T11:59:00.000Z', 'Do not promise a date.'),
        // Decided more than a day ago (the demo approvals last 24 hours): old news.
        decided('5', 'approved', '2026-11-22T10:00:00.000Z'),
        // Someone else's request.
        { ...decided('6', 'approved', '2026-11-23T11:58:00.000Z'), requestedBy: 'Kabir Mehta' },
      ],
    }),
  ];
  const options = (headAway = false) => ({ org: DEMO_ORG, approvers: marks(headAway), now, language: 'en' as const });

  it("tells the department's approver about each waiting request, and the delegate instead while the approver is away", () => {
    const toHead = approvalNotices(rows, HEAD, options());
    expect(toHead.map((n) => [n.id, n.title, n.itemKey])).toEqual([['approval-requested:00000000-0000-4000-8000-000000000001', 'ap12.notify.requestTitle', 'x:1']]);
    expect(toHead[0]!.params).toMatchObject({ department: 'Hallmarking', requester: 'Asha Rao', draft: 'As the matter is before the court, we cannot comment (1).' });
    expect(approvalNotices(rows, DEPUTY, options())).toEqual([]);
    expect(approvalNotices(rows, DEPUTY, options(true)).map((n) => n.id)).toEqual(['approval-requested:00000000-0000-4000-8000-000000000001']);
    expect(approvalNotices(rows, { ...HEAD, away: true }, options(true))).toEqual([]);
  });

  it('tells whoever asked about the decision on their request, with the note, not about old or others’ decisions', () => {
    const toAsha = approvalNotices(rows, ASHA, options());
    expect(toAsha.map((n) => [n.id, n.title, n.body])).toEqual([
      ['approval-decided:00000000-0000-4000-8000-000000000003', 'ap12.notify.approvedTitle', 'ap12.notify.decidedBody'],
      ['approval-decided:00000000-0000-4000-8000-000000000004', 'ap12.notify.rejectedTitle', 'ap12.notify.decidedBodyNote'],
    ]);
    expect(toAsha[1]!.params).toMatchObject({ approver: 'K. Head', note: 'Do not promise a date.' });
  });

  it('in English and Hindi, once each, and not while notifications are switched off', async () => {
    const notices = approvalNotices(rows, ASHA, options());
    const hindi = notifier({ language: 'hi' });
    await hindi.instance.notify(notices);
    await hindi.instance.notify(notices);
    expect(hindi.shown.map((s) => [s.title, s.message])).toEqual([
      ['K. Head ने आपका उत्तर अनुमोदित किया', '“As the matter is before the court, we cannot comment (3).”'],
      ['K. Head ने आपका उत्तर अस्वीकार किया', 'टिप्पणी: “Do not promise a date.” — “As the matter is before the court, we cannot comment (4).” पर'],
    ]);
    const english = notifier();
    await english.instance.notify(approvalNotices(rows, HEAD, options()));
    expect(english.shown).toEqual([
      {
        id: 'approval-requested:00000000-0000-4000-8000-000000000001',
        title: 'A reply waits for your approval (Hallmarking)',
        message: 'Asha Rao asks to post: “As the matter is before the court, we cannot comment (1).”',
      },
    ]);
    const off = notifier({ enabled: false });
    await off.instance.notify(notices);
    expect(off.shown).toEqual([]);
  });
});
