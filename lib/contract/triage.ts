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

/** The triage of one comment: what every moderator of the team sees. */
export const Triage = z.object({
  key: ItemKey,
  item: CommentItem,
  departmentId: z.nullable(DepartmentId),
  assignedBy: z.optional(z.string()),
  assignedAt: z.optional(IsoTime),
  flags: z.array(Flag),
  cannedUsed: z.array(z.object({ cannedId: z.string(), at: IsoTime })),
  replies: z.array(z.object({ stage: ReplyStage, text: z.string(), at: IsoTime })),
  overrides: z.array(
    z.object({ ruleIds: z.array(z.string()), reason: z.string().check(z.minLength(1)), text: z.string(), at: IsoTime }),
  ),
  updatedAt: IsoTime,
  updatedBy: z.optional(z.string()),
  /** Server version of this row; 0 while it exists only locally. */
  version: z.int().check(z.nonnegative()),
});
export type Triage = z.infer<typeof Triage>;

export const MutationOp = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('assign'),
    departmentId: z.nullable(DepartmentId),
    /** The department the moderator saw when choosing: a different current one is a conflict. */
    baseDepartmentId: z.nullable(DepartmentId),
  }),
  z.object({ type: z.literal('flag'), flag: Flag, on: z.boolean() }),
  z.object({ type: z.literal('useCanned'), cannedId: z.string().check(z.minLength(1), z.maxLength(200)) }),
  z.object({ type: z.literal('recordReply'), stage: ReplyStage, text: Text }),
  z.object({
    type: z.literal('override'),
    ruleIds: z.array(z.string().check(z.maxLength(200))).check(z.minLength(1), z.maxLength(200)),
    reason: z.string().check(z.trim(), z.minLength(1), z.maxLength(5_000)),
    text: Text,
  }),
]);
export type MutationOp = z.infer<typeof MutationOp>;

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
