import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { ApprovalPolicy, Department } from '../../lib/contract/org';
import type { Mutation, Triage } from '../../lib/contract/triage';
import { approvalExpiry } from '../../lib/triage/approvals';
import type { Db } from '../db/connect';
import { orgConfig, users } from '../db/schema';

/**
 * What the server needs to check approvals in a push (read once per push that carries any): the
 * departments' approvers and delegates, the policy, and which approvers can decide now.
 */
export interface ApprovalContext {
  departments: Map<string, Department>;
  policy: ApprovalPolicy;
  /**
   * Lower-cased e-mails of the departments' approvers who decide now: an approver account that is
   * marked away, disabled or missing cannot, and its delegate decides meanwhile (BIS circular: the
   * department head approves when the Activity Head is unavailable).
   */
  present: Set<string>;
  /** The server's clock at the push: approvals expire from it, not from a client's clock. */
  now: Date;
}

export const APPROVAL_OPS: ReadonlySet<string> = new Set(['requestApproval', 'decideApproval']);

/** `now` is the server's clock (the approvals' expiry counts from it). */
export async function readApprovalContext(tx: Db, now: Date): Promise<ApprovalContext> {
  const [row] = await tx.select({ config: orgConfig.config }).from(orgConfig).where(eq(orgConfig.id, 1));
  if (!row) throw new Error('database not initialised (org_config row missing)');
  const departments = new Map(row.config.departments.map((d) => [d.id, d]));
  const emails = [...new Set(row.config.departments.flatMap((d) => (d.approver ? [d.approver.toLowerCase()] : [])))];
  const present = emails.length
    ? await tx
        .select({ email: users.email })
        .from(users)
        .where(and(inArray(users.email, emails), eq(users.role, 'approver'), isNull(users.awayAt), isNull(users.disabledAt)))
    : [];
  return { departments, policy: row.config.approvals, present: new Set(present.map((u) => u.email.toLowerCase())), now };
}

/** The organisation's side of refusalFor for an item of `departmentId`: its approver and delegate, and whether the approver is away. */
export function approvalOrg(context: ApprovalContext, departmentId: string | null | undefined) {
  const department = departmentId ? context.departments.get(departmentId) : undefined;
  if (!department) return {};
  const approverAway = !department.approver || !context.present.has(department.approver.toLowerCase());
  return { department, approverAway };
}

/**
 * Refusals beyond the role check (refusalFor) and the pure ones (applyMutation: hash, item, state):
 * a request needs a department with someone to decide it, and a request older than the policy's
 * expiry is not decided any more (the draft it shows is stale: the moderator asks again).
 */
export function approvalRefusal(mutation: Mutation, row: Triage | undefined, context: ApprovalContext): string | null {
  const { op } = mutation;
  if (op.type === 'requestApproval') {
    const department = row?.departmentId ? context.departments.get(row.departmentId) : undefined;
    if (!department) return 'assign the item to a department first: its approver decides the request';
    if (!department.approver && !department.delegate) return 'this department has no approver or delegate to decide the request';
    return null;
  }
  if (op.type === 'decideApproval') {
    // Rows stored before approvals existed have none.
    const request = (row?.approvals ?? []).find((a) => a.id === op.approvalId);
    if (request?.state === 'requested' && Date.parse(request.requestedAt) + context.policy.expiresMinutes * 60_000 <= context.now.getTime()) {
      return 'this request has expired: the moderator must ask for approval again';
    }
  }
  return null;
}

/** An approval just given holds for the policy's time from the server's clock. */
export function withApprovalExpiry(triage: Triage, mutation: Mutation, context: ApprovalContext): Triage {
  const { op } = mutation;
  if (op.type !== 'decideApproval' || op.decision !== 'approved') return triage;
  const expiresAt = approvalExpiry(context.now, context.policy);
  return { ...triage, approvals: (triage.approvals ?? []).map((a) => (a.id === op.approvalId ? { ...a, expiresAt } : a)) };
}
