import { z } from 'zod';
import { AuditEvent } from './api';
import { PlatformId } from './item';
import { DepartmentId } from './org';
import { Triage } from './triage';

/**
 * The dashboard's protocol (GET /reports/…): the figures of the overview, an item's full record, and the
 * CSV exports. Every figure is computed by the server in SQL; a department user is answered for their
 * own department only, whatever they ask for.
 */

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');

/** The filters of every report: the comment's day (inclusive, in the organisation's time zone), department, platform. */
export const ReportQuery = z
  .object({
    from: Day,
    to: Day,
    department: z.optional(DepartmentId),
    platform: z.optional(PlatformId),
  })
  .refine((q) => q.from <= q.to, { message: 'to must not be before from', path: ['to'] })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 366 * 86_400_000, { message: 'at most a year', path: ['to'] });
export type ReportQuery = z.infer<typeof ReportQuery>;

/** A deadline's outcome over the range: met and missed are decided; pending ones (not yet due, no reply) count in neither. */
export const DeadlineFigures = z.object({
  met: z.number().int(),
  missed: z.number().int(),
  /** met / (met + missed); null when nothing was decided. */
  rate: z.number().min(0).max(1).nullable(),
  /** Seconds from the clock's start to the reply counted, over the items that have one. */
  medianSeconds: z.number().nullable(),
  p90Seconds: z.number().nullable(),
});
export type DeadlineFigures = z.infer<typeof DeadlineFigures>;

export const OverviewResponse = z.object({
  query: z.object({ from: Day, to: Day, department: z.string().nullable(), platform: z.string().nullable(), timeZone: z.string() }),
  received: z.number().int(),
  triaged: z.number().int(),
  open: z.number().int(),
  overdue: z.number().int(),
  interim: DeadlineFigures,
  final: DeadlineFigures,
  days: z.array(
    z.object({ day: Day, received: z.number().int(), triaged: z.number().int(), interimMet: z.number().int(), finalMet: z.number().int() }),
  ),
  flags: z.array(z.object({ flag: z.string(), count: z.number().int() })),
  /** Guideline rules overridden by moderators and found in drafts sent for approval, per department. */
  rules: z.array(z.object({ departmentId: z.string().nullable(), ruleId: z.string(), overrides: z.number().int(), findings: z.number().int() })),
  approvals: z.array(
    z.object({ departmentId: z.string().nullable(), requested: z.number().int(), approved: z.number().int(), rejected: z.number().int() }),
  ),
  generatedAt: z.string(),
});
export type OverviewResponse = z.infer<typeof OverviewResponse>;

/** One row of the item list and of the items CSV. */
export const ItemRow = z.object({
  key: z.string(),
  platform: z.string(),
  departmentId: z.string().nullable(),
  status: z.string(),
  work: z.string().nullable(),
  commentAt: z.string().nullable(),
  author: z.string(),
  text: z.string(),
  permalink: z.string(),
  flags: z.array(z.string()),
  interimDueAt: z.string().nullable(),
  firstReplyAt: z.string().nullable(),
  /** true met, false missed, null pending or no deadline. */
  interimMet: z.boolean().nullable(),
  finalDueAt: z.string().nullable(),
  finalReplyAt: z.string().nullable(),
  finalMet: z.boolean().nullable(),
});
export type ItemRow = z.infer<typeof ItemRow>;

export const ItemListQuery = z.object({
  from: Day,
  to: Day,
  department: z.optional(DepartmentId),
  platform: z.optional(PlatformId),
  /** The key of the last row of the previous page. */
  after: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const ItemListResponse = z.object({ items: z.array(ItemRow), next: z.string().nullable() });
export type ItemListResponse = z.infer<typeof ItemListResponse>;

/** A comment of the same conversation the server holds: the one answered, the others answering the same, and the answers to this one. */
export const ThreadItem = z.object({
  key: z.string(),
  relation: z.enum(['parent', 'sibling', 'reply']),
  author: z.string(),
  text: z.string(),
  createdAt: z.string(),
  permalink: z.string(),
});
export type ThreadItem = z.infer<typeof ThreadItem>;

export const ItemDetailResponse = z.object({
  triage: Triage,
  /** Its conversation, in comment order (a department user: of their department only). */
  thread: z.array(ThreadItem),
  /** Every audit event of the item, oldest first, with the actor's name and the install (client id). */
  history: z.array(AuditEvent),
  /** Names of the users the triage names (assignedBy, approvals' requestedBy/decidedBy, notes' by). */
  actors: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type ItemDetailResponse = z.infer<typeof ItemDetailResponse>;
