import { defineExtensionMessaging } from '@webext-core/messaging';
import { z } from './contract/zod';
import { CommentItem, ItemKey, PlatformId } from './contract/item';
import type { AuditEvent, ManagedUser, Role } from './contract/api';
import type { OrgConfig } from './contract/org';
import { Flag, MutationOp, ReplyStage, Triage } from './contract/triage';
import type { ExtensionDefaults } from './defaults';
import type { CheckDraftRequest, GuardFinding } from './guard/protocol';
import type { XLengthCheck } from './canned/length';
import type { Approver, ItemNotice } from './sync/engine';
import type { SyncStatus } from './sync/session';

/** A triage action from a content script; the background gives it an id and sequence number. */
export const MutateRequest = z.object({ item: CommentItem, op: MutationOp });
export type MutateRequest = z.infer<typeof MutateRequest>;

export const MutateResult = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('applied'), triage: Triage }),
  z.object({ outcome: z.literal('conflict'), triage: Triage, reason: z.string() }),
  z.object({ outcome: z.literal('rejected'), reason: z.string() }),
]);
export type MutateResult = z.infer<typeof MutateResult>;

/**
 * A page's batch of what its moderator's browser saw: comments that are work ('see'), follow-up links and
 * replies by the body found under items ('recordReply' with source 'seen'). Recorded in one transaction.
 */
export const MAX_INGEST_BATCH = 500;
export const IngestRequest = z.array(MutateRequest).check(z.maxLength(MAX_INGEST_BATCH));
export type IngestRequest = z.infer<typeof IngestRequest>;

/** Who is signed in, as far as what the content scripts offer depends on it, and the server clock's offset. */
export interface ContentSession {
  /** Null when signed out (or the sign-in expired): this browser's own store, every action offered. */
  user: { role: Role; email: string; departmentId: string | null } | null;
  /** Server time minus this browser's time, in ms (0 until the background knows it). */
  clockOffsetMs: number;
}

export const TriageKeys = z.array(ItemKey).check(z.maxLength(5_000));
/** Every triaged key of a site, however many. */
export const StoredKeys = z.array(ItemKey);

export const SignInRequest = z.object({
  serverUrl: z.string().check(z.minLength(1)),
  email: z.email(),
  password: z.string().check(z.minLength(1)),
});
export type SignInRequest = z.infer<typeof SignInRequest>;
export type SaveOrgResult = { ok: true } | { ok: false; error: 'forbidden' | 'invalid' | 'failed'; detail: string };
export type SignInResult = { ok: true; status: SyncStatus } | { ok: false; error: string };

/** Options page → background → team server: an admin's account actions (the server checks them again). */
export const ManageUsersRequest = z.discriminatedUnion('action', [
  z.object({ action: z.literal('list') }),
  z.object({
    action: z.literal('add'),
    email: z.email(),
    name: z.string().check(z.minLength(1)),
    // Not contract/api's ROLES: that module's classic zod would weigh on every content script.
    role: z.enum(['admin', 'moderator', 'department', 'approver'] as const satisfies readonly Role[]),
    departmentId: z.nullable(z.string()),
    password: z.string(),
  }),
  z.object({ action: z.enum(['disable', 'enable', 'signOut']), id: z.string().check(z.minLength(1)) }),
  z.object({ action: z.literal('reset'), id: z.string().check(z.minLength(1)), password: z.string() }),
]);
export type ManageUsersRequest = z.infer<typeof ManageUsersRequest>;
/** The users after the action, or why it failed (the server's message). */
export type ManageUsersResult = { ok: true; users: ManagedUser[] } | { ok: false; error: 'forbidden' | 'failed'; detail: string };

export const ItemNoticeSchema = z.object({
  key: ItemKey,
  kind: z.enum(['conflict', 'rejected']),
  reason: z.string(),
  assignedBy: z.nullable(z.string()),
  assignedAt: z.nullable(z.string()),
  departmentId: z.nullable(z.string()),
});
export const TriageList = z.array(Triage);

/** Content script → background: this moderator opened a composer for the item or inserted a canned reply (`replying`), or stopped (`idle`). */
export const PresenceReport = z.object({ itemKey: ItemKey, state: z.enum(['replying', 'idle']) });
export type PresenceReport = z.infer<typeof PresenceReport>;
/** Background → tabs: another user's presence on an item, as the team server relayed it. */
export const PresenceNotice = z.object({
  itemKey: ItemKey,
  user: z.object({ id: z.string(), name: z.string().check(z.maxLength(200)) }),
  state: z.enum(['replying', 'idle']),
  at: z.string(),
});
export type PresenceNotice = z.infer<typeof PresenceNotice>;
export type SetAwayResult = { ok: true; away: boolean } | { ok: false; error: 'forbidden' | 'failed'; detail: string };
export type ApproversResult = { ok: true; approvers: Approver[] } | { ok: false; detail: string };
/** Side panel → background: an item's history from the team server (GET /items/:key/history). */
export type ItemHistoryResult = { ok: true; events: AuditEvent[] } | { ok: false; error: 'signed-out' | 'failed'; detail: string };

/**
 * Background → an open queue page, over its QUEUE_PORT: the keys of rows that changed (a push answer, a
 * pull, a local action, a rollback), and notices of conflicts and refusals. The page asks for its view
 * again on a change instead of re-reading on a timer.
 */
export const QueuePortMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('changed'), keys: z.array(ItemKey) }),
  z.object({ type: z.literal('notice'), notice: ItemNoticeSchema }),
]);
export type QueuePortMessage = z.infer<typeof QueuePortMessage>;

/** Side panel → background: one view of the queue (lib/triage/queue.ts QueueFilters), its first `limit` rows. */
export const QueueViewRequest = z.object({
  filters: z.object({
    scope: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('all') }),
      z.object({ kind: z.literal('unassigned') }),
      z.object({ kind: z.literal('department'), departmentId: z.string().check(z.maxLength(64)) }),
    ]),
    status: z.enum(['open', 'accepted', 'replied', 'closed', 'active', 'any']),
    platform: z.optional(PlatformId),
    flag: z.optional(Flag),
    stage: z.optional(ReplyStage),
    search: z.optional(z.string().check(z.maxLength(500))),
  }),
  limit: z.int().check(z.positive(), z.maximum(10_000)),
});
export type QueueViewRequest = z.infer<typeof QueueViewRequest>;
/**
 * The rows of the view, most urgent first (only the first `limit`: 5,000 open items are sorted and counted
 * in the background, the page draws what it shows), its counts, and the authors of the items they follow up.
 */
export const QueueViewAnswer = z.object({
  rows: z.array(Triage),
  counts: z.object({
    shown: z.int(),
    bySla: z.object({ ok: z.int(), 'due-soon': z.int(), overdue: z.int(), none: z.int(), done: z.int() }),
    byStatus: z.object({ open: z.int(), accepted: z.int(), replied: z.int(), closed: z.int() }),
  }),
  followUpAuthors: z.record(z.string(), z.string()),
});
export type QueueViewAnswer = z.infer<typeof QueueViewAnswer>;

export const TextsToMeasure = z.array(z.string().check(z.maxLength(20_000))).check(z.maxLength(1_000));

/**
 * Messages between content scripts, extension pages and the background, which owns IndexedDB.
 * Every receiver parses `data` with the zod schema above: a message is a boundary.
 */
interface ProtocolMap {
  /** Stored triage of the given items (missing keys: never triaged). */
  getTriage(keys: ItemKey[]): Triage[];
  /** The keys of a site's triaged items: a tab looks up only comments among them. */
  triagedKeys(platform: PlatformId): ItemKey[];
  mutate(request: MutateRequest): MutateResult;
  /** Content script → background: a batch of comments seen, follow-ups and replies seen; the rows that changed. */
  ingest(request: IngestRequest): number;
  contentSession(): ContentSession;
  /** Background → tabs: these items changed (here, in another tab, or by another moderator). */
  triageChanged(triages: Triage[]): void;
  countTriaged(): number;
  /** Every triaged item this install knows (for the queue page). */
  listTriage(): Triage[];
  /** Options page → background: sign in to a team server (the token stays in the background). */
  signIn(request: SignInRequest): SignInResult;
  signOut(): SyncStatus;
  /** Options page → background: drop another user's unsent actions (they cannot be sent in this user's name). */
  discardUnsent(userId: string): SyncStatus;
  /** Options page → background: every unsent and set-aside action, as JSON, for the moderator to keep. */
  exportUnsent(): string;
  syncStatus(): SyncStatus;
  /** A moderation tab came to the front: pull now rather than at the next alarm. */
  syncNow(): void;
  /** Options page → background: the organisation's data as edited (to the team server when signed in as admin). */
  saveOrg(org: OrgConfig): SaveOrgResult;
  /** Options page → background: list or change the team's accounts (admins only). */
  manageUsers(request: ManageUsersRequest): ManageUsersResult;
  /** X's weighted length of each text (twitter-text lives in the background: the content scripts stay small). */
  measureForX(texts: string[]): XLengthCheck[];
  /** Background → tabs: a pushed action met a conflict or was refused; tell the moderator. */
  itemNotice(notice: ItemNotice): void;
  /** Side panel → background: a view of the queue, sorted and counted over every row. */
  queueView(request: QueueViewRequest): QueueViewAnswer;
  /** Side panel → background: every event of one item, with who and when (the token stays in the background). */
  itemHistory(key: ItemKey): ItemHistoryResult;
  /** Content script → background: check a composer's draft against the default and organisation packs. */
  checkDraft(request: CheckDraftRequest): GuardFinding[];
  /** Content script → background, once per page: the UI catalogues and defaults the site bundles leave out. */
  extensionDefaults(): ExtensionDefaults;
  /** Content script → background → team server: this moderator is replying to an item, or stopped. */
  presence(report: PresenceReport): void;
  /** Background → tabs of the item's site: another user is replying to an item, or stopped. */
  presenceChanged(notice: PresenceNotice): void;
  /** Side panel → background → team server: the signed-in approver marks themself away or back. */
  setAway(away: boolean): SetAwayResult;
  /** Side panel → background: the team's approvers and who of them is away. */
  listApprovers(): ApproversResult;
}

export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();
