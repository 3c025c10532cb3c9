import { defineExtensionMessaging } from '@webext-core/messaging';
import { z } from './contract/zod';
import { CommentItem, ItemKey, PlatformId } from './contract/item';
import type { ManagedUser, Role } from './contract/api';
import type { OrgConfig } from './contract/org';
import { MutationOp, Triage } from './contract/triage';
import type { CheckDraftRequest, GuardFinding } from './guard/protocol';
import type { XLengthCheck } from './canned/length';
import type { ItemNotice } from './sync/engine';
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
  /** Content script → background: check a composer's draft against the default and organisation packs. */
  checkDraft(request: CheckDraftRequest): GuardFinding[];
}

export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();
