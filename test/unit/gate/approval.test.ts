import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_APPROVAL_POLICY, type ApprovalPolicy } from '../../../lib/contract/org';
import type { Approval, Triage } from '../../../lib/contract/triage';
import { approvalFindings, approvalReasons, approvalStatus, policyReadsItem, replyApproval, requestFor } from '../../../lib/gate/approval';
import { serverNow } from '../../../lib/triage/sla';
import type { GuardFinding } from '../../../lib/guard/protocol';

const HASH = 'a'.repeat(64);
const OTHER = 'b'.repeat(64);
const finding = (severity: GuardFinding['severity'], ruleId = `rule.${severity}`): GuardFinding => ({
  ruleId, category: 'personal_info', severity, start: 0, end: 1, excerpt: 'x', message: 'm', source: 's', scope: 'draft',
});
const approval = (over: Partial<Approval> = {}): Approval => ({
  id: '00000000-0000-4000-8000-000000000001',
  textHash: HASH,
  text: 'draft',
  findings: [],
  requestedBy: 'moderator-1',
  requestedAt: '2026-12-01T10:00:00.000Z',
  state: 'approved',
  decidedBy: 'approver-1',
  decidedAt: '2026-12-01T10:05:00.000Z',
  ...over,
});
const policy = (over: Partial<ApprovalPolicy> = {}): ApprovalPolicy => ({ ...DEFAULT_APPROVAL_POLICY, ...over });
const at = (iso: string) => new Date(iso);
const triage = (over: Partial<Triage>): Triage => ({
  key: 'x:1', item: { platform: 'x', id: '1', author: { name: 'a', handle: 'a' }, text: 't', permalink: 'https://x.com/a/status/1', createdAt: '2026-12-01T09:00:00.000Z' },
  status: 'open', departmentId: null, flags: [], cannedUsed: [], replies: [], overrides: [], notes: [], followUps: [], approvals: [],
  updatedAt: '2026-12-01T09:00:00.000Z', version: 1, ...over,
}) as Triage;


describe('which replies need approval (the demo policy: sub judice, confidential, needs escalation, block findings)', () => {
  it('by the item’s flags, its department, the draft’s block findings, or all', () => {
    expect(approvalReasons(policy(), { flags: ['sub_judice'], departmentId: null }, [])).toEqual(['flag']);
    expect(approvalReasons(policy(), { flags: ['spam', 'rumour'], departmentId: null }, [finding('warn')])).toEqual([]);
    expect(approvalReasons(policy(), undefined, [finding('block')])).toEqual(['block']);
    expect(approvalReasons(policy({ blockFindings: false }), undefined, [finding('block')])).toEqual([]);
    expect(approvalReasons(policy({ departments: ['hallmarking'] }), { flags: [], departmentId: 'hallmarking' }, [])).toEqual(['department']);
    expect(approvalReasons(policy({ all: true }), undefined, [])).toEqual(['all']);
  });
});

// Which approval releases a draft: lib/triage/approvals.ts (isReleasable), tested with it.
describe('earlier requests for a draft', () => {
  it('the latest request for a text says whether it waits or was rejected', () => {
    const first = approval({ state: 'rejected', note: 'Say less', requestedAt: '2026-12-01T09:00:00.000Z' });
    const second = approval({ id: '00000000-0000-4000-8000-000000000002', state: 'requested', decidedBy: undefined, decidedAt: undefined });
    expect(requestFor([second, first], HASH)?.state).toBe('requested');
    expect(requestFor([first], HASH)?.note).toBe('Say less');
    expect(requestFor([first, second], OTHER)).toBeUndefined();
  });
});

describe('the toolbar’s approval state', () => {
  const now = at('2026-12-01T11:00:00.000Z');

  it('none, needed by the policy, or its latest request’s state; an expired approval is needed again', () => {
    expect(approvalStatus(undefined, policy(), now).status).toBe('none');
    expect(approvalStatus(triage({ flags: ['confidential'] }), policy(), now).status).toBe('needed');
    expect(approvalStatus(triage({ approvals: [approval({ state: 'requested', decidedBy: undefined, decidedAt: undefined })] }), policy(), now).status).toBe('requested');
    expect(approvalStatus(triage({ approvals: [approval({ state: 'rejected', note: 'No' })] }), policy(), now)).toMatchObject({ status: 'rejected', approval: { note: 'No' } });
    expect(approvalStatus(triage({ approvals: [approval({ expiresAt: '2026-12-01T12:00:00.000Z' })] }), policy(), now).status).toBe('approved');
    // Not confirmed by the server (no expiry set): it releases nothing yet.
    expect(approvalStatus(triage({ approvals: [approval()] }), policy(), now).status).toBe('needed');
    expect(approvalStatus(triage({ approvals: [approval({ expiresAt: '2026-12-01T10:30:00.000Z' })] }), policy(), now).status).toBe('needed');
  });
});

it('a request carries each finding’s rule, category and severity once', () => {
  expect(approvalFindings([finding('block', 'a'), finding('block', 'a'), finding('warn', 'b')])).toEqual([
    { ruleId: 'a', category: 'personal_info', severity: 'block' },
    { ruleId: 'b', category: 'personal_info', severity: 'warn' },
  ]);
});

describe('the approval check’s judgement of a reply', () => {
  afterEach(() => vi.useRealTimers());
  const flagged = (approvals: Approval[]) => triage({ flags: ['sub_judice'], departmentId: 'hallmarking', approvals });

  it('passes exactly the approved text; holds another text, a pending, a rejected (with its note) and an unassigned one', () => {
    const now = at('2026-12-01T11:00:00.000Z');
    const approved = approval({ expiresAt: '2026-12-01T12:00:00.000Z' });
    expect(replyApproval(policy(), flagged([approved]), [], HASH, now)).toEqual({ verdict: 'pass' });
    expect(replyApproval(policy(), flagged([approved]), [], OTHER, now)).toMatchObject({ verdict: 'hold', standing: 'ask', reasons: ['flag'], flags: ['sub_judice'] });
    expect(replyApproval(policy(), flagged([approval({ state: 'requested', decidedBy: undefined, decidedAt: undefined })]), [], HASH, now)).toMatchObject({ standing: 'pending' });
    expect(replyApproval(policy(), flagged([approval({ state: 'rejected', note: 'Say less' })]), [], HASH, now)).toMatchObject({ standing: 'rejected', note: 'Say less' });
    expect(replyApproval(policy(), triage({ flags: ['sub_judice'] }), [], HASH, now)).toMatchObject({ standing: 'unassigned' });
    expect(replyApproval(policy(), triage({}), [], HASH, now)).toEqual({ verdict: 'pass' });
  });

  it('judges the expiry on the server’s clock, whatever this browser’s clock says', () => {
    // The server approved at 10:05 for an hour; this browser's clock runs two hours fast.
    const approved = flagged([approval({ expiresAt: '2026-12-01T11:05:00.000Z' })]);
    vi.useFakeTimers();
    vi.setSystemTime(at('2026-12-01T12:30:00.000Z'));
    const offset = -2 * 3600_000; // the server's clock minus this one, as the sync measured it
    expect(replyApproval(policy(), approved, [], HASH, serverNow(offset))).toEqual({ verdict: 'pass' });
    // Past the expiry on the server's clock it is held, though this clock (running slow now) says otherwise.
    vi.setSystemTime(at('2026-12-01T09:30:00.000Z'));
    expect(replyApproval(policy(), approved, [], HASH, serverNow(2 * 3600_000))).toMatchObject({ verdict: 'hold', standing: 'expired' });
  });
});

describe('policyReadsItem', () => {
  it('is true when what a comment is (every reply, its flags, its department) can make a reply need approval', () => {
    const none = { all: false, flags: [], departments: [], blockFindings: true, expiresMinutes: 60 };
    expect(policyReadsItem(none)).toBe(false);
    expect(policyReadsItem({ ...none, all: true })).toBe(true);
    expect(policyReadsItem({ ...none, flags: ['sub_judice'] })).toBe(true);
    expect(policyReadsItem({ ...none, departments: ['hallmarking'] })).toBe(true);
  });
});
