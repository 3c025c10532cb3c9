import type { PublicUser } from '../contract/api';
import type { ApprovalPolicy, Department, OrgConfig } from '../contract/org';
import type { Approval, ApprovalFinding, Triage } from '../contract/triage';
import { refusalFor } from './permissions';

/** Why a reply needs an approver's release, in the policy's terms (the gate's dialog can say which). */
export type ApprovalReason = { kind: 'all' } | { kind: 'flag'; flag: string } | { kind: 'department'; departmentId: string } | { kind: 'finding'; ruleId: string };

/**
 * Every reason the organisation's approval policy gives for holding a reply to this item with this
 * draft's findings (BIS and KMC circulars: content released only after approval). Empty: no approval needed.
 */
export function approvalReasons(
  item: { flags: readonly string[]; departmentId: string | null },
  findings: ReadonlyArray<Pick<ApprovalFinding, 'ruleId' | 'severity'>>,
  policy: ApprovalPolicy,
): ApprovalReason[] {
  const reasons: ApprovalReason[] = [];
  if (policy.all) reasons.push({ kind: 'all' });
  for (const flag of item.flags) if (policy.flags.includes(flag)) reasons.push({ kind: 'flag', flag });
  if (item.departmentId !== null && policy.departments.includes(item.departmentId)) {
    reasons.push({ kind: 'department', departmentId: item.departmentId });
  }
  if (policy.blockFindings) {
    for (const finding of findings) if (finding.severity === 'block') reasons.push({ kind: 'finding', ruleId: finding.ruleId });
  }
  return reasons;
}

/** Whether a reply to this item with this draft's findings needs an approver's release. */
export function approvalNeeded(
  item: { flags: readonly string[]; departmentId: string | null },
  findings: ReadonlyArray<Pick<ApprovalFinding, 'ruleId' | 'severity'>>,
  policy: ApprovalPolicy,
): boolean {
  return approvalReasons(item, findings, policy).length > 0;
}

/** Where one exact draft stands: `expired` is an approval whose time ran out (it needs a new one). */
export type DraftApprovalState = 'none' | 'requested' | 'approved' | 'rejected' | 'expired';

/**
 * The state of the approval for the draft whose normalised text hashes to `textHash`: the latest
 * request for that text decides (a new request after a rejection is `requested`). An approval
 * releases only while it has a server-set `expiresAt` in the future: one the server has not yet
 * confirmed (no `expiresAt`) releases nothing — the gate fails closed.
 */
export function draftApproval(
  triage: Pick<Triage, 'approvals'> | undefined,
  textHash: string,
  now: Date,
): { state: DraftApprovalState; approval: Approval | null } {
  const forText = (triage?.approvals ?? []).filter((a) => a.textHash === textHash);
  const latest = forText.at(-1);
  if (!latest) return { state: 'none', approval: null };
  // An approval still in force stands even if someone asked again for the same text afterwards.
  const released = forText.findLast((a) => a.state === 'approved' && isInForce(a, now));
  if (released) return { state: 'approved', approval: released };
  if (latest.state === 'approved') return { state: 'expired', approval: latest };
  return { state: latest.state, approval: latest };
}

function isInForce(approval: Approval, now: Date): boolean {
  return approval.expiresAt !== undefined && Date.parse(approval.expiresAt) > now.getTime();
}

/** Whether exactly this text (by its hash) is approved for posting on this item right now. */
export function isReleasable(triage: Pick<Triage, 'approvals'> | undefined, textHash: string, now: Date): boolean {
  return draftApproval(triage, textHash, now).state === 'approved';
}

/** When an approval given at `decidedAt` stops releasing the text, by the policy's `expiresMinutes`. */
export function approvalExpiry(decidedAt: Date, policy: Pick<ApprovalPolicy, 'expiresMinutes'>): string {
  return new Date(decidedAt.getTime() + policy.expiresMinutes * 60_000).toISOString();
}

/** An approver account as GET /approvers lists it: whether it is away. */
export interface ApproverMark {
  email: string;
  name: string;
  away: boolean;
}

/** One request the signed-in approver decides now. */
export interface ApprovalRow {
  triage: Triage;
  approval: Approval;
  department: Department;
  /** Set when deciding as delegate: the name (or e-mail) of the approver who is away. */
  asDelegateFor: string | null;
}

/**
 * Whether a department's approver cannot decide now, as the server judges it: marked away, or
 * without an active approver account (then the delegate decides). Without the team's list (offline),
 * only the signed-in approver's own mark is known.
 */
export function approverAway(department: Department, user: Pick<PublicUser, 'email' | 'away'>, approvers: ApproverMark[] | null): boolean {
  const email = department.approver?.toLowerCase();
  if (!email) return true;
  if (email === user.email.toLowerCase()) return user.away === true;
  if (!approvers) return false;
  const account = approvers.find((a) => a.email.toLowerCase() === email);
  return !account || account.away;
}

/**
 * The requests the signed-in approver decides now, oldest first: for each department whose approver
 * they are (while not away) or whose delegate they are (while the approver is away) — as refusalFor,
 * the one place deciding it, allows — and not yet past the policy's expiry.
 */
export function approvalRows(
  triages: Triage[],
  org: OrgConfig,
  user: Pick<PublicUser, 'role' | 'email' | 'departmentId' | 'away'>,
  approvers: ApproverMark[] | null,
  now: Date,
): { rows: ApprovalRow[]; decidingFor: Department[] } {
  const decides = (department: Department) =>
    refusalFor(user, 'decideApproval', { departmentId: department.id }, { department, approverAway: approverAway(department, user, approvers) }) === null;
  const decidingFor = org.departments.filter(decides);
  const ids = new Set(decidingFor.map((d) => d.id));
  const expiry = org.approvals.expiresMinutes * 60_000;
  const rows: ApprovalRow[] = [];
  for (const triage of triages) {
    if (!triage.departmentId || !ids.has(triage.departmentId)) continue;
    const department = decidingFor.find((d) => d.id === triage.departmentId)!;
    const away = approverAway(department, user, approvers);
    const approverName = approvers?.find((a) => a.email.toLowerCase() === department.approver?.toLowerCase())?.name ?? department.approver ?? '';
    // Rows stored before approvals existed have none.
    for (const approval of triage.approvals ?? []) {
      if (approval.state !== 'requested' || Date.parse(approval.requestedAt) + expiry <= now.getTime()) continue;
      rows.push({ triage, approval, department, asDelegateFor: away ? approverName : null });
    }
  }
  rows.sort((a, b) => Date.parse(a.approval.requestedAt) - Date.parse(b.approval.requestedAt));
  return { rows, decidingFor };
}

