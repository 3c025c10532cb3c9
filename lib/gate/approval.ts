import type { ApprovalPolicy } from '../contract/org';
import type { Approval, ApprovalFinding, Triage } from '../contract/triage';
import type { GuardFinding } from '../guard/protocol';
import { approvalReasons as policyReasons, draftApproval, isReleasable } from '../triage/approvals';

/** Why a reply needs an approver's release, as the dialog words it (lib/triage/approvals.ts decides). */
export type ApprovalReason = 'all' | 'flag' | 'department' | 'block';

/** What of an item the policy reads. */
export type ApprovalSubject = Pick<Triage, 'flags' | 'departmentId'> | undefined;

const NO_ITEM = { flags: [], departmentId: null };

/** The kinds of reason the policy gives for holding this draft on this item; empty when it does not. */
export function approvalReasons(policy: ApprovalPolicy, item: ApprovalSubject, findings: readonly Pick<GuardFinding, 'ruleId' | 'severity'>[]): ApprovalReason[] {
  const kinds = policyReasons(item ?? NO_ITEM, findings, policy).map((reason) => (reason.kind === 'finding' ? 'block' : reason.kind));
  return [...new Set(kinds)];
}

/**
 * Whether the policy can hold a reply for what its comment is (every reply, its flags, its department):
 * then a reply whose comment is not known is held (fail closed), since it may be one the policy holds.
 */
export function policyReadsItem(policy: ApprovalPolicy): boolean {
  return policy.all || policy.flags.length > 0 || policy.departments.length > 0;
}

/**
 * Whether a `block` finding goes to an approver rather than being overridden with the moderator's own
 * reason: the guard then lets such a draft on to the approval check, which holds it.
 */
export function blockNeedsApprover(policy: ApprovalPolicy): boolean {
  return policy.blockFindings;
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
 * What the toolbar says about an item's approval: its latest request's state (an approval no longer in
 * force counts as needed again), else `needed` when the policy asks for approval of any reply to it.
 */
export function approvalStatus(triage: Triage | undefined, policy: ApprovalPolicy, now: Date): { status: ApprovalStatus; approval?: Approval } {
  const approval = latest(triage?.approvals ?? []);
  if (approval) {
    const { state } = draftApproval(triage, approval.textHash, now);
    return { status: state === 'expired' || state === 'none' ? 'needed' : state, approval };
  }
  return { status: approvalReasons(policy, triage, []).length > 0 ? 'needed' : 'none' };
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

/**
 * Where a held reply's draft stands, as the approval dialog shows it: `ask` — it may be sent; `pending` —
 * this text already waits for the approver; `rejected` — the approver rejected this text (with a note);
 * `expired` — its approval lapsed; `unassigned` — the comment has no department, so no approver to ask.
 */
export type ReplyStanding = 'ask' | 'pending' | 'rejected' | 'expired' | 'unassigned';

/**
 * The approval check's judgement of a reply: `pass` when the policy does not hold it or exactly this
 * text (by its hash) has an approval in force at `now` — the server's time (serverNow with the content
 * session's offset): the server set the expiry on its clock, and a browser's clock may be hours off.
 */
export function replyApproval(
  policy: ApprovalPolicy,
  triage: Triage | undefined,
  findings: readonly Pick<GuardFinding, 'ruleId' | 'severity'>[],
  textHash: string,
  now: Date,
): { verdict: 'pass' } | { verdict: 'hold'; reasons: ApprovalReason[]; flags: string[]; departmentId: string | null; standing: ReplyStanding; note: string } {
  const reasons = approvalReasons(policy, triage, findings);
  if (!reasons.length || isReleasable(triage, textHash, now)) return { verdict: 'pass' };
  const flags = (triage?.flags ?? []).filter((flag) => policy.flags.includes(flag));
  const departmentId = triage?.departmentId ?? null;
  const earlier = requestFor(triage?.approvals ?? [], textHash);
  const hold = { verdict: 'hold' as const, reasons, flags, departmentId, note: '' };
  if (earlier?.state === 'requested') return { ...hold, standing: 'pending' };
  if (!departmentId) return { ...hold, standing: 'unassigned' };
  if (!earlier) return { ...hold, standing: 'ask' };
  if (earlier.state === 'rejected') return { ...hold, standing: 'rejected', note: earlier.note ?? '' };
  return { ...hold, standing: 'expired' };
}
