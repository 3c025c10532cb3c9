import type { Role } from '../contract/api';
import type { Department } from '../contract/org';
import type { MutationOp, Triage } from '../contract/triage';

/** Who is acting, as far as what they may do depends on it. */
export interface Acting {
  role: Role;
  email: string;
  /** A department user's (or approver's) department; null for the others. */
  departmentId: string | null;
}

/**
 * The one place that decides which triage actions a role may take on an item: the server refuses with
 * the reason it returns, and the extension offers only what it would allow (so a refused action never
 * shows as done). Null means allowed.
 *
 * - Moderators, admins and approvers read the sites: they record and track comments and act on any item.
 * - A department user (a One-Point Contact) acts only on items assigned to their department.
 * - An approver decides approval requests of the departments that name them (approver, or delegate
 *   while the approver is away); `approverAway` says whether that department's approver is away.
 */
export function refusalFor(
  user: Acting,
  op: MutationOp['type'],
  row: Pick<Triage, 'departmentId'> | undefined,
  org?: { department?: Pick<Department, 'approver' | 'delegate'>; approverAway?: boolean },
): string | null {
  if (op === 'decideApproval') {
    if (user.role !== 'approver') return 'only an approver decides approval requests';
    const department = org?.department;
    if (!row?.departmentId || !department) return 'this item is not assigned to a department with an approver';
    const email = user.email.toLowerCase();
    const isApprover = department.approver?.toLowerCase() === email;
    const isDelegate = department.delegate?.toLowerCase() === email;
    if (isApprover && !org?.approverAway) return null;
    if (isDelegate && org?.approverAway) return null;
    if (isDelegate) return "the department's approver is not away: they decide";
    return "you are not this department's approver or delegate";
  }
  if (user.role !== 'department') return null;
  if (op === 'see' || op === 'track') return 'only moderators record and track comments';
  if (row?.departmentId == null || row.departmentId !== user.departmentId) {
    return 'this item is not assigned to your department';
  }
  return null;
}

/**
 * Whether a user may see an item at all (its row, its history): a department user only while it is
 * assigned to their department, everyone else any item. Pull applies the same rule in its query.
 */
export function maySeeItem(user: Pick<Acting, 'role' | 'departmentId'>, row: Pick<Triage, 'departmentId'>): boolean {
  return user.role !== 'department' || (row.departmentId !== null && row.departmentId === user.departmentId);
}
