import { describe, expect, it } from 'vitest';
import { DEFAULT_APPROVAL_POLICY, type ApprovalPolicy } from '../../../lib/contract/org';
import type { Approval } from '../../../lib/contract/triage';
import { approvalExpiry, approvalNeeded, approvalReasons, draftApproval, isReleasable } from '../../../lib/triage/approvals';

const none: ApprovalPolicy = { all: false, flags: [], departments: [], blockFindings: false, expiresMinutes: 60 };
const HASH_A = 'a'.repeat(64);
const HASH_B = 'b'.repeat(64);
const NOW = new Date('2026-12-01T10:00:00.000Z');

function approval(over: Partial<Approval>): Approval {
  return {
    id: crypto.randomUUID(),
    textHash: HASH_A,
    text: 'Draft',
    findings: [],
    requestedBy: 'u_mod',
    requestedAt: '2026-12-01T09:00:00.000Z',
    state: 'requested',
    ...over,
  };
}

describe('approvalNeeded', () => {
  const plain = { flags: [], departmentId: 'hallmarking' };

  it('follows the demo organisation’s policy: sensitive flags and block findings need approval, the rest not', () => {
    expect(approvalNeeded({ flags: ['sub_judice'], departmentId: null }, [], DEFAULT_APPROVAL_POLICY)).toBe(true);
    expect(approvalNeeded({ flags: ['confidential'], departmentId: 'hallmarking' }, [], DEFAULT_APPROVAL_POLICY)).toBe(true);
    expect(approvalNeeded({ flags: ['needs_escalation'], departmentId: null }, [], DEFAULT_APPROVAL_POLICY)).toBe(true);
    expect(approvalNeeded(plain, [{ ruleId: 'aadhaar', severity: 'block' }], DEFAULT_APPROVAL_POLICY)).toBe(true);
    expect(approvalNeeded(plain, [{ ruleId: 'tone', severity: 'warn' }], DEFAULT_APPROVAL_POLICY)).toBe(false);
    expect(approvalNeeded(plain, [], DEFAULT_APPROVAL_POLICY)).toBe(false);
  });

  it('by department, by every reply, and not by block findings when the policy leaves them to the moderator', () => {
    expect(approvalNeeded(plain, [], { ...none, departments: ['hallmarking'] })).toBe(true);
    expect(approvalNeeded({ flags: [], departmentId: 'certification' }, [], { ...none, departments: ['hallmarking'] })).toBe(false);
    expect(approvalNeeded({ flags: [], departmentId: null }, [], { ...none, all: true })).toBe(true);
    expect(approvalNeeded(plain, [{ ruleId: 'aadhaar', severity: 'block' }], none)).toBe(false);
  });

  it('names every reason', () => {
    const reasons = approvalReasons(
      { flags: ['sub_judice', 'spam'], departmentId: 'hallmarking' },
      [{ ruleId: 'aadhaar', severity: 'block' }, { ruleId: 'tone', severity: 'info' }],
      { ...DEFAULT_APPROVAL_POLICY, all: true, departments: ['hallmarking'] },
    );
    expect(reasons).toEqual([
      { kind: 'all' },
      { kind: 'flag', flag: 'sub_judice' },
      { kind: 'department', departmentId: 'hallmarking' },
      { kind: 'finding', ruleId: 'aadhaar' },
    ]);
  });
});

describe('isReleasable', () => {
  const approved = approval({ state: 'approved', decidedBy: 'u_head', decidedAt: '2026-12-01T09:30:00.000Z', expiresAt: '2026-12-01T10:30:00.000Z' });

  it('releases exactly the approved text while the approval is in force', () => {
    const triage = { approvals: [approved] };
    expect(isReleasable(triage, HASH_A, NOW)).toBe(true);
    expect(isReleasable(triage, HASH_B, NOW)).toBe(false); // one character changed: another hash
    expect(draftApproval(triage, HASH_B, NOW).state).toBe('none');
  });

  it('no longer releases past expiresAt', () => {
    const triage = { approvals: [approved] };
    expect(isReleasable(triage, HASH_A, new Date('2026-12-01T10:30:00.000Z'))).toBe(false);
    expect(draftApproval(triage, HASH_A, new Date('2026-12-01T11:00:00.000Z')).state).toBe('expired');
  });

  it('fails closed on an approval the server has not confirmed (no expiry), a request, or a rejection', () => {
    const { expiresAt: _e, ...unconfirmed } = approved;
    expect(isReleasable({ approvals: [unconfirmed] }, HASH_A, NOW)).toBe(false);
    expect(isReleasable({ approvals: [approval({})] }, HASH_A, NOW)).toBe(false);
    expect(isReleasable({ approvals: [approval({ state: 'rejected', note: 'No.' })] }, HASH_A, NOW)).toBe(false);
    expect(isReleasable(undefined, HASH_A, NOW)).toBe(false);
  });

  it('the latest request for a text says where it stands: asked again after a rejection, it is requested', () => {
    const triage = { approvals: [approval({ state: 'rejected' }), approval({ requestedAt: '2026-12-01T09:50:00.000Z' })] };
    expect(draftApproval(triage, HASH_A, NOW).state).toBe('requested');
    expect(draftApproval({ approvals: [approval({ state: 'rejected' })] }, HASH_A, NOW).state).toBe('rejected');
  });

  it('an approval in force stands when the same text is asked for again', () => {
    expect(isReleasable({ approvals: [approved, approval({})] }, HASH_A, NOW)).toBe(true);
  });
});

describe('approvalExpiry', () => {
  it('is the decision time plus the policy’s minutes', () => {
    expect(approvalExpiry(new Date('2026-12-01T10:00:00.000Z'), { expiresMinutes: 90 })).toBe('2026-12-01T11:30:00.000Z');
  });
});
