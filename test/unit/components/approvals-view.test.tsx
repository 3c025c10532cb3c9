import { render } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApprovalsView, type ApprovalsViewProps } from '../../../components/ApprovalsView';
import type { Approval, Triage } from '../../../lib/contract/triage';
import { createTranslator, I18nContext, type UiLanguage } from '../../../lib/i18n';
import { DEMO_ORG } from '../../../lib/org/demo-org';
import { approvalRows } from '../../../lib/triage/approvals';

const NOW = new Date('2026-12-01T10:00:00.000Z');
const HASH = 'e'.repeat(64);

function approval(over: Partial<Approval> = {}): Approval {
  return {
    id: crypto.randomUUID(),
    textHash: HASH,
    text: 'Dear citizen, <b>the matter</b> is before the court.',
    findings: [{ ruleId: 'sub-judice-case', category: 'sub_judice', severity: 'block' }],
    requestedBy: 'M. Moderator',
    requestedAt: '2026-12-01T09:50:00.000Z',
    state: 'requested',
    ...over,
  };
}

function triage(id: string, departmentId: string | null, approvals: Approval[]): Triage {
  return {
    key: `x:${id}`,
    item: { platform: 'x', id, author: { name: 'Citizen' }, text: 'Why is <script>my case</script> pending?', permalink: `https://x.com/c/status/${id}`, createdAt: '2026-12-01T09:00:00.000Z' },
    departmentId,
    flags: ['sub_judice'],
    status: 'open',
    cannedUsed: [],
    replies: [],
    overrides: [],
    notes: [],
    followUps: [],
    approvals,
    updatedAt: '2026-12-01T09:50:00.000Z',
    version: 3,
  };
}

const head = { role: 'approver' as const, email: 'hallmarking.head@bis.example.in', departmentId: null, away: false };
const deputy = { role: 'approver' as const, email: 'hallmarking.deputy@bis.example.in', departmentId: null, away: false };
const approvers = (headAway: boolean) => [
  { id: 'u_head', email: head.email, name: 'K. Head', away: headAway },
  { id: 'u_deputy', email: deputy.email, name: 'D. Deputy', away: false },
];

describe('approvalRows', () => {
  const requested = approval();
  const triages = [
    triage('1', 'hallmarking', [requested, approval({ state: 'approved' })]),
    triage('2', 'certification', [approval()]),
    triage('3', null, [approval()]),
    triage('4', 'hallmarking', [approval({ requestedAt: '2026-11-29T09:00:00.000Z' })]), // past the 24 h expiry
  ];

  it('lists the requests of the departments the approver decides, not others’, decided or expired ones', () => {
    const { rows, decidingFor } = approvalRows(triages, DEMO_ORG, head, approvers(false), NOW);
    expect(rows.map((r) => r.approval.id)).toEqual([requested.id]);
    expect(rows[0]!.asDelegateFor).toBeNull();
    expect(decidingFor.map((d) => d.id)).toEqual(['hallmarking']);
  });

  it('gives them to the delegate while the approver is away, and back when they return', () => {
    expect(approvalRows(triages, DEMO_ORG, deputy, approvers(false), NOW).rows).toEqual([]);
    const { rows } = approvalRows(triages, DEMO_ORG, deputy, approvers(true), NOW);
    expect(rows.map((r) => r.approval.id)).toEqual([requested.id]);
    expect(rows[0]!.asDelegateFor).toBe('K. Head');
    expect(approvalRows(triages, DEMO_ORG, { ...head, away: true }, approvers(true), NOW).rows).toEqual([]);
  });
});

let container: HTMLElement;
function mount(props: Partial<ApprovalsViewProps>, language: UiLanguage = 'en') {
  container = document.createElement('div');
  document.body.append(container);
  const { rows, decidingFor } = approvalRows([triage('1', 'hallmarking', [approval()])], DEMO_ORG, head, approvers(false), NOW);
  const all: ApprovalsViewProps = {
    approver: { name: 'K. Head', away: false },
    rows,
    decidingFor,
    ago: () => '10 min ago',
    onDecide: vi.fn(async () => null),
    onOpen: vi.fn(),
    onAway: vi.fn(async () => null),
    ...props,
  };
  render(
    <I18nContext.Provider value={{ language, t: createTranslator(language) }}>
      <ApprovalsView {...all} />
    </I18nContext.Provider>,
    container,
  );
  return all;
}
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
const type = (selector: string, text: string) => {
  const field = container.querySelector(selector) as HTMLTextAreaElement;
  field.value = text;
  field.dispatchEvent(new Event('input', { bubbles: true }));
};
const click = (selector: string) => (container.querySelector(selector) as HTMLElement).click();

afterEach(() => {
  if (!container) return;
  render(null, container);
  container.remove();
});

describe('ApprovalsView', () => {
  it('shows the comment, the exact draft and the findings, as text', () => {
    mount({});
    const row = container.querySelector('[data-queue-item="x:1"]')!;
    expect(row.querySelector('[data-approval-part="comment"]')!.textContent).toBe('Why is <script>my case</script> pending?');
    expect(row.querySelector('[data-approval-part="draft"]')!.textContent).toBe('Dear citizen, <b>the matter</b> is before the court.');
    expect(row.querySelector('script, b')).toBeNull();
    const finding = row.querySelector('[data-finding]')!;
    expect(finding.getAttribute('data-severity')).toBe('block');
    expect(finding.textContent).toBe('Must not post: sub_judice (sub-judice-case)');
    expect(row.textContent).toContain('Asked by M. Moderator, 10 min ago');
    expect(container.querySelector('[data-approvals-count]')!.getAttribute('data-approvals-count')).toBe('1');
  });

  it('approves with the note, and rejects only with one', async () => {
    const props = mount({});
    type('textarea[name="note"]', '  Fine to post.  ');
    await tick();
    click('button[data-action="approve"]');
    await tick();
    expect(props.onDecide).toHaveBeenCalledWith(props.rows[0], 'approved', 'Fine to post.');

    type('textarea[name="note"]', '');
    await tick();
    click('button[data-action="reject"]');
    await tick();
    expect(props.onDecide).toHaveBeenCalledTimes(1);
    expect(container.querySelector('[role="alert"]')!.textContent).toBe('Write in the note why it is rejected.');
    type('textarea[name="note"]', 'Do not name the case.');
    await tick();
    click('button[data-action="reject"]');
    await tick();
    expect(props.onDecide).toHaveBeenLastCalledWith(props.rows[0], 'rejected', 'Do not name the case.');
  });

  it('says why a decision was refused', async () => {
    mount({ onDecide: vi.fn(async () => 'the draft changed since this approval was requested') });
    click('button[data-action="approve"]');
    await tick();
    await tick();
    expect(container.querySelector('[role="alert"]')!.textContent).toBe('Not sent: the draft changed since this approval was requested');
  });

  it('marks the approver away and back', async () => {
    const props = mount({});
    click('button[data-action="mark-away"]');
    await tick();
    expect(props.onAway).toHaveBeenCalledWith(true);
    render(null, container);
    container.remove();
    const away = mount({ approver: { name: 'K. Head', away: true }, rows: [], decidingFor: [] });
    expect(container.textContent).toContain('You are marked away');
    expect(container.textContent).toContain('No reply is waiting for your approval.');
    click('button[data-action="mark-back"]');
    await tick();
    expect(away.onAway).toHaveBeenCalledWith(false);
  });

  it('asks to sign in as an approver, and speaks Hindi', () => {
    mount({ approver: null });
    expect(container.textContent).toContain('Sign in to the team server as an approver');
    render(null, container);
    container.remove();
    mount({}, 'hi');
    expect(container.querySelector('button[data-action="approve"]')!.textContent).toBe('अनुमोदित करें');
    expect(container.querySelector('button[data-action="reject"]')!.textContent).toBe('अस्वीकार करें');
  });
});
