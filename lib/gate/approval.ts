import type { ApprovalPolicy } from '../contract/org';
import type { Approval, ApprovalFinding, Triage } from '../contract/triage';
import type { GuardFinding } from '../guard/protocol';

/** Why a reply needs an approver's release (BIS and KMC circulars), as the organisation's policy says. */
export type ApprovalReason = 'all' | 'flag' | 'department' | 'block';

/** What of an item the policy reads. */
export type ApprovalSubject = Pick<Triage, 'flags' | 'departmentId'> | undefined;

/** The reasons the policy asks for approval of this draft on this item; empty when it does not. */
export function approvalReasons(policy: ApprovalPolicy, item: ApprovalSubject, findings: readonly Pick<GuardFinding, 'severity'>[]): ApprovalReason[] {
  const reasons: ApprovalReason[] = [];
  if (policy.all) reasons.push('all');
  if (item?.flags.some((flag) => policy.flags.includes(flag))) reasons.push('flag');
  if (item?.departmentId && policy.departments.includes(item.departmentId)) reasons.push('department');
  if (policy.blockFindings && findings.some((finding) => finding.severity === 'block')) reasons.push('block');
  return reasons;
}

/**
 * Whether a `block` finding goes to an approver rather than being overridden with the moderator's own
 * reason: the guard then lets such a draft on to the approval check, which holds it.
 */
export function blockNeedsApprover(policy: ApprovalPolicy): boolean {
  return policy.blockFindings;
}

/** When an approval stops releasing its text: the server's expiry, else the policy's time after the decision. */
export function approvalExpiry(approval: Approval, policy: ApprovalPolicy): number | null {
  if (approval.expiresAt) return Date.parse(approval.expiresAt);
  if (approval.decidedAt) return Date.parse(approval.decidedAt) + policy.expiresMinutes * 60_000;
  return null;
}

/**
 * The approval that releases exactly this text now: approved, bound to its hash, not expired, and
 * decided by someone other than whoever asked (the extension cannot approve its own draft).
 */
export function releasingApproval(approvals: readonly Approval[], textHash: string, policy: ApprovalPolicy, now: Date): Approval | undefined {
  return approvals.find((approval) => {
    if (approval.state !== 'approved' || approval.textHash !== textHash) return false;
    if (!approval.decidedBy || approval.decidedBy === approval.requestedBy) return false;
    const expiry = approvalExpiry(approval, policy);
    return expiry === null || expiry > now.getTime();
  });
}

/** The latest request for this text, if any (to say it waits, or was rejected and why). */
export function requestFor(approvals: readonly Approval[], textHash: string): Approval | undefined {
  return latest(approvals.filter((approval) => approval.textHash === textHash));
}

function latest(approvals: readonly Approval[]): Approval | undefined {
  let found: Approval | undefined;
  for (const approval of approvals) if (!found || approval.requestedAt >= found.requestedAt) found = approval;
  return found;
}

/** The toolbar's `data-approval`: none, needed, requested, approved, rejected. */
export type ApprovalStatus = 'none' | 'needed' | Approval['state'];

/**
 * What the toolbar says about an item's approval: its latest request's state (an expired approval
 * counts as needed again), else `needed` when the policy asks for approval of any reply to it.
 */
export function approvalStatus(triage: Triage | undefined, policy: ApprovalPolicy, now: Date): { status: ApprovalStatus; approval?: Approval } {
  const approval = latest(triage?.approvals ?? []);
  const needed = approvalReasons(policy, triage, []).length > 0;
  if (approval) {
    const expiry = approval.state === 'approved' ? approvalExpiry(approval, policy) : null;
    if (expiry !== null && expiry <= now.getTime()) return { status: 'needed', approval };
    return { status: approval.state, approval };
  }
  return { status: needed ? 'needed' : 'none' };
}

/** The findings as a request for approval carries them (no positions or texts: the draft is in the request). */
export function approvalFindings(findings: readonly GuardFinding[]): ApprovalFinding[] {
  const seen = new Set<string>();
  const out: ApprovalFinding[] = [];
  for (const { ruleId, category, severity } of findings) {
    const key = `${ruleId}\u0000${severity}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ ruleId: ruleId.slice(0, 200), category: category.slice(0, 100), severity });
  }
  return out.slice(0, 200);
}
