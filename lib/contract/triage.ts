import { CommentItem, ItemKey } from './item';
import { DepartmentId } from './org';
import { z } from './zod';

/** Flags a moderator can set (MeitY framework: do not respond to sub-judice matters, draft legislation, or about other individuals unless authorised). */
export const FLAGS = [
  'sub_judice',
  'confidential',
  'draft_legislation',
  'about_individual',
  'rumour',
  'abusive',
  'spam',
  'needs_escalation',
] as const;
export const Flag = z.enum(FLAGS);
export type Flag = z.infer<typeof Flag>;

export const ReplyStage = z.enum(['interim', 'final']);
export type ReplyStage = z.infer<typeof ReplyStage>;

const IsoTime = z.iso.datetime({ offset: true });
const Text = z.string().check(z.maxLength(100_000));
const Note = z.string().check(z.trim(), z.minLength(1), z.maxLength(5_000));
const SiteId = z.string().check(z.regex(/^[A-Za-z0-9_:=-]+$/), z.maxLength(200));

/**
 * Why a comment is the team's work (DESIGN.md, "Which comments are the team's work"): a reply under one
 * of the body's own posts, a comment on its Facebook Page's posts, a post mentioning its handles, or one
 * a moderator tracks by hand. Comments without a reason have no reply clock.
 */
export const WorkReason = z.enum(['reply_to_body', 'page_comment', 'mention', 'tracked']);
export type WorkReason = z.infer<typeof WorkReason>;

/** Where an item stands: `replied` once a final reply is on the page (or marked with its link), `closed` when no reply is needed. */
export const ItemStatus = z.enum(['open', 'accepted', 'replied', 'closed']);
export type ItemStatus = z.infer<typeof ItemStatus>;

/** Why an item needs no reply. */
export const CLOSE_REASONS = ['spam', 'duplicate', 'not_for_us', 'answered_elsewhere'] as const;
export const CloseReason = z.enum(CLOSE_REASONS);
export type CloseReason = z.infer<typeof CloseReason>;

/**
 * How a reply is known: `composer` — posted from the composer, not yet seen on the page (the clock
 * runs on); `seen` — a reply by one of the body's handles found under the item (proof of posting: it
 * moves or stops the clock); `manual` — marked replied with a link, for a reply that went out another way.
 */
export const ReplySource = z.enum(['composer', 'seen', 'manual']);
export type ReplySource = z.infer<typeof ReplySource>;

export const Reply = z.object({
  stage: ReplyStage,
  text: Text,
  /** When it was recorded (composer: when Post was pressed). */
  at: IsoTime,
  source: z._default(ReplySource, 'composer'),
  /** seen: the reply's own id on the site; seen/manual: its permalink; seen: the handle that posted it and the site's time. */
  replyId: z.optional(SiteId),
  permalink: z.optional(z.url().check(z.maxLength(2048))),
  handle: z.optional(z.string().check(z.maxLength(500))),
  postedAt: z.optional(IsoTime),
});
export type Reply = z.infer<typeof Reply>;

/**
 * The two deadlines, computed and stored by the server from the organisation's SLA policy (DESIGN.md,
 * "The two clocks, on the server's time"); clients show them, corrected for their clock's offset.
 * Both stay once a stage is settled (replied or closed): the reports count whether the reply came in
 * time. Whether a stage's clock still runs is decided from the replies and status (settledStages in
 * lib/triage/due.ts). Null is read as no deadline (rows stored before this rule).
 */
export const DueTimes = z.object({
  clockStart: IsoTime,
  interimAt: z.nullable(IsoTime),
  finalAt: z.nullable(IsoTime),
});
export type DueTimes = z.infer<typeof DueTimes>;

export const Severity = z.enum(['info', 'warn', 'block']);
export const ApprovalFinding = z.object({
  ruleId: z.string().check(z.maxLength(200)),
  category: z.string().check(z.maxLength(100)),
  severity: Severity,
});
export type ApprovalFinding = z.infer<typeof ApprovalFinding>;

export const ApprovalState = z.enum(['requested', 'approved', 'rejected']);
export type ApprovalState = z.infer<typeof ApprovalState>;

/**
 * A request to release one exact draft (BIS circular: content released only after the Activity Head,
 * or the department head when the Activity Head is unavailable, approves it). Bound to `textHash`, the
 * SHA-256 (hex) of the draft's normalised text (lib/gate): any edit needs a new approval.
 */
export const Approval = z.object({
  id: z.uuid(),
  textHash: z.string().check(z.regex(/^[0-9a-f]{64}$/)),
  text: Text,
  findings: z.array(ApprovalFinding).check(z.maxLength(200)),
  requestedBy: z.string(),
  requestedAt: IsoTime,
  state: ApprovalState,
  decidedBy: z.optional(z.string()),
  decidedAt: z.optional(IsoTime),
  note: z.optional(z.string().check(z.maxLength(5_000))),
  /** Set by the server from the organisation's approval policy; an approval past it no longer releases the text. */
  expiresAt: z.optional(IsoTime),
});
export type Approval = z.infer<typeof Approval>;

/** The triage of one comment: what every moderator of the team sees. */
export const Triage = z.object({
  key: ItemKey,
  item: CommentItem,
  /** Why it is the team's work; absent for a comment someone touched without tracking it. */
  work: z.optional(WorkReason),
  /** When a moderator's browser first saw it (the platform's time is item.createdAt). */
  firstSeenAt: z.optional(IsoTime),
  status: z._default(ItemStatus, 'open'),
  departmentId: z.nullable(DepartmentId),
  assignedBy: z.optional(z.string()),
  assignedAt: z.optional(IsoTime),
  acceptedBy: z.optional(z.string()),
  acceptedAt: z.optional(IsoTime),
  flags: z.array(Flag),
  cannedUsed: z.array(z.object({ cannedId: z.string(), at: IsoTime })),
  replies: z.array(Reply),
  overrides: z.array(
    z.object({
      ruleIds: z.array(z.string()),
      reason: z.string().check(z.minLength(1)),
      text: z.string(),
      at: IsoTime,
      by: z.optional(z.string()),
    }),
  ),
  /** Internal notes: shown in the side panel and history, never on the site's page. */
  notes: z._default(z.array(z.object({ id: z.string(), text: z.string(), at: IsoTime, by: z.string() })), []),
  closed: z.optional(z.object({ reason: CloseReason, note: z.optional(z.string()), at: IsoTime, by: z.string() })),
  /** Server-computed deadlines; absent until the server has stored the row. */
  due: z.optional(DueTimes),
  /** KMC circular: follow-up queries. The open item of the same author in the same thread this one follows up. */
  followUpOf: z.optional(ItemKey),
  followUps: z._default(z.array(ItemKey), []),
  approvals: z._default(z.array(Approval), []),
  updatedAt: IsoTime,
  updatedBy: z.optional(z.string()),
  /** Server version of this row; 0 while it exists only locally. */
  version: z.int().check(z.nonnegative()),
});
export type Triage = z.infer<typeof Triage>;

export const MutationOp = z.discriminatedUnion('type', [
  /**
   * A comment addressed to the body seen on a page: records the item (first-seen time, why it is work)
   * and changes nothing else. Idempotent; the extension sends these in batches.
   */
  z.object({ type: z.literal('see'), work: WorkReason, firstSeenAt: IsoTime }),
  /** Track a comment that is not addressed to the body by hand (it gets a clock), or stop tracking it. */
  z.object({ type: z.literal('track'), on: z.boolean() }),
  z.object({
    type: z.literal('assign'),
    departmentId: z.nullable(DepartmentId),
    /** The department the moderator saw when choosing: a different current one is a conflict. */
    baseDepartmentId: z.nullable(DepartmentId),
    /** Why it moves (a reassignment from the queue): kept as a note. */
    note: z.optional(Note),
  }),
  /** The department takes the item on. */
  z.object({ type: z.literal('accept') }),
  z.object({ type: z.literal('note'), text: Note }),
  z.object({ type: z.literal('close'), reason: CloseReason, note: z.optional(Note) }),
  z.object({ type: z.literal('reopen') }),
  z.object({ type: z.literal('flag'), flag: Flag, on: z.boolean() }),
  z.object({ type: z.literal('useCanned'), cannedId: z.string().check(z.minLength(1), z.maxLength(200)) }),
  z.object({
    type: z.literal('recordReply'),
    stage: ReplyStage,
    text: Text,
    /** Absent: `composer`. */
    source: z.optional(ReplySource),
    replyId: z.optional(SiteId),
    permalink: z.optional(z.url().check(z.maxLength(2048))),
    handle: z.optional(z.string().check(z.maxLength(500))),
    postedAt: z.optional(IsoTime),
  }),
  z.object({
    type: z.literal('override'),
    ruleIds: z.array(z.string().check(z.maxLength(200))).check(z.minLength(1), z.maxLength(200)),
    reason: z.string().check(z.trim(), z.minLength(1), z.maxLength(5_000)),
    text: Text,
  }),
  /** Links this item as a follow-up of the same author's open item in the same thread. */
  z.object({ type: z.literal('linkFollowUp'), of: ItemKey }),
  z.object({
    type: z.literal('requestApproval'),
    approvalId: z.uuid(),
    textHash: z.string().check(z.regex(/^[0-9a-f]{64}$/)),
    text: Text,
    findings: z.array(ApprovalFinding).check(z.maxLength(200)),
  }),
  z.object({
    type: z.literal('decideApproval'),
    approvalId: z.uuid(),
    decision: z.enum(['approved', 'rejected']),
    /** The hash the approver saw: a draft changed since is refused. */
    textHash: z.string().check(z.regex(/^[0-9a-f]{64}$/)),
    note: z.optional(z.string().check(z.trim(), z.maxLength(5_000))),
  }),
]);
export type MutationOp = z.infer<typeof MutationOp>;
export type MutationOpInput = z.input<typeof MutationOp>;

/**
 * One triage action, as queued in the outbox and pushed to the server. `id` is a client-made UUID
 * (exactly-once), `seq` the per-client sequence number (order), `item` the comment as seen, so the
 * server can create the row on first touch.
 */
export const Mutation = z.object({
  id: z.uuid(),
  clientId: z.string().check(z.minLength(8), z.maxLength(64)),
  seq: z.int().check(z.positive()),
  at: IsoTime,
  item: CommentItem,
  op: MutationOp,
});
export type Mutation = z.infer<typeof Mutation>;
