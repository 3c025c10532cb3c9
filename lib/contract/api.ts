import { z } from 'zod';
import { CannedLibrary } from '../canned/schema';
import { RulePack } from '../rules/schema';
import { ItemKey } from './item';
import { ApprovalPolicy, Department, DepartmentId, OrgConfig, OrgHandles, RetentionPolicy, SlaPolicy } from './org';
import { Mutation, Triage } from './triage';

// The schemas imported above may be zod/mini (bundled into content scripts): wrap them with
// z.optional()/z.nullable() rather than calling methods on them.

/**
 * The team server's HTTP protocol: every request and response body, shared by the server (which
 * validates with them) and the extension's sync engine (which parses answers with them).
 *
 * Authentication: `Authorization: Bearer <token>` from POST /auth/login, except /health and /auth/login.
 * Errors: every non-2xx answer has the ApiError shape.
 */

export const ROLES = ['admin', 'moderator', 'department', 'approver'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

const IsoTime = z.iso.datetime({ offset: true });

/** Body of every 4xx/5xx answer. `issues` lists what was malformed (400 only). */
export const ApiError = z.object({
  statusCode: z.number().int(),
  error: z.string(),
  message: z.string(),
  issues: z
    .array(
      z.object({
        /** Which part of the request: body, querystring, params or headers. */
        in: z.string(),
        path: z.array(z.union([z.string(), z.number()])),
        message: z.string(),
      }),
    )
    .optional(),
});
export type ApiError = z.infer<typeof ApiError>;

// GET /health (no auth)
export const HealthResponse = z.object({
  version: z.string(),
  database: z.enum(['pglite', 'postgres']),
});
export type HealthResponse = z.infer<typeof HealthResponse>;

export const PublicUser = z.object({
  id: z.string(),
  email: z.email(),
  name: z.string(),
  role: Role,
  /** Set for role `department`: the only department whose items the user sees and changes. */
  departmentId: z.nullable(DepartmentId),
  /** Role `approver`: marked away (their departments' delegates decide meanwhile). */
  away: z.boolean().optional(),
});
export type PublicUser = z.infer<typeof PublicUser>;

// POST /auth/away (approver): mark yourself away or back → MeResponse
export const AwayRequest = z.object({ away: z.boolean() });
export type AwayRequest = z.infer<typeof AwayRequest>;

// GET /approvers (admin, moderator, approver): every approver account and whether it is away, so a
// delegate's side panel knows whose requests it decides and a moderator knows who will.
export const ApproversResponse = z.object({
  approvers: z.array(z.object({ id: z.string(), email: z.email(), name: z.string(), away: z.boolean() })),
});
export type ApproversResponse = z.infer<typeof ApproversResponse>;

// POST /auth/login (no auth; rate limited per e-mail and address: 429 when exceeded)
export const LoginRequest = z.object({
  email: z.email().max(320),
  password: z.string().min(1).max(1024),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const LoginResponse = z.object({
  token: z.string(),
  expiresAt: IsoTime,
  user: PublicUser,
});
export type LoginResponse = z.infer<typeof LoginResponse>;

// GET /auth/me
export const MeResponse = z.object({ user: PublicUser, expiresAt: IsoTime });
export type MeResponse = z.infer<typeof MeResponse>;

// POST /auth/logout → 204, revokes the token used (its WebSocket pokes close too)

// GET /users (admin) · POST /users (admin) · POST /users/:id/{disable,enable,password,sign-out} (admin)
/** A user as admins see them: whether disabled, and how many sessions are signed in. */
export const ManagedUser = z.object({
  ...PublicUser.shape,
  disabled: z.boolean(),
  createdAt: IsoTime,
  activeSessions: z.number().int().nonnegative(),
});
export type ManagedUser = z.infer<typeof ManagedUser>;
export const UsersResponse = z.object({ users: z.array(ManagedUser) });
export type UsersResponse = z.infer<typeof UsersResponse>;
export const UserParams = z.object({ id: z.string().min(1).max(100) });
export const ManagedUserResponse = z.object({ user: ManagedUser });
export type ManagedUserResponse = z.infer<typeof ManagedUserResponse>;
export const Password = z.string().min(10, 'at least 10 characters').max(1024);
export const CreateUserRequest = z.object({
  email: z.email().max(320),
  name: z.string().trim().min(1).max(200),
  role: Role,
  departmentId: z.nullable(DepartmentId).default(null),
  password: Password,
});
export type CreateUserRequest = z.input<typeof CreateUserRequest>;
export const CreateUserResponse = z.object({ user: PublicUser });
/** POST /users/:id/password: the new password; every session of the user is signed out. */
export const ResetPasswordRequest = z.object({ password: Password });
export type ResetPasswordRequest = z.infer<typeof ResetPasswordRequest>;

// GET /org (any signed-in user)
export const OrgResponse = z.object({
  org: OrgConfig,
  /** Bumped by every change; pull and pokes carry it so clients know when to refetch. */
  orgVersion: z.number().int().positive(),
  updatedAt: IsoTime,
});
export type OrgResponse = z.infer<typeof OrgResponse>;

// PUT /org/departments | /org/sla | /org/handles | /org/approvals | /org/canned-replies | /org/rule-packs | /org/retention (admin) → OrgResponse
export const PutDepartmentsRequest = z.object({ departments: z.array(Department).min(1) });
export const PutSlaRequest = z.object({ sla: SlaPolicy });
export const PutHandlesRequest = z.object({ handles: OrgHandles });
export const PutApprovalsRequest = z.object({ approvals: ApprovalPolicy });
/** PUT /org/retention: how long items are kept (null: for ever). */
export const PutRetentionRequest = z.object({ retention: z.nullable(RetentionPolicy) });
/** Canned replies are checked against their full schema (templates parse, ids and shortcuts unique). */
export const PutCannedRepliesRequest = z.object({ cannedReplies: CannedLibrary.check(z.maxLength(2000)) });
/** Rule packs are checked against the rules engine's pack schema (patterns compile in its linear-time engine). */
export const PutRulePacksRequest = z.object({
  rulePacks: z
    .array(RulePack)
    .max(200)
    .superRefine((packs, ctx) => {
      const seen = new Set<string>();
      packs.forEach((pack, index) => {
        if (seen.has(pack.id)) ctx.addIssue({ code: 'custom', message: `duplicate pack id "${pack.id}"`, path: [index, 'id'] });
        seen.add(pack.id);
      });
    }),
});

// POST /sync/push (any role; a department user only touches items assigned to its department)
export const MAX_PUSH_MUTATIONS = 500;
export const PushRequest = z.object({
  clientId: z
    .string()
    .min(8)
    .max(64)
    .regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces'),
  /**
   * Mutation[] as queued in the outbox. The envelope only requires each to carry a valid id and seq
   * (else 400); the rest is checked mutation by mutation, so one the server cannot accept (a newer
   * extension's op, a bad field) is answered `rejected` with the zod path instead of blocking the queue.
   */
  mutations: z
    .array(z.looseObject({ id: z.uuid(), seq: z.number().int().positive() }))
    .min(1)
    .max(MAX_PUSH_MUTATIONS),
});
export type PushRequest = z.infer<typeof PushRequest>;

/** Who changed a row, resolved to a display name ("already assigned to Hallmarking by A. Sharma"). */
export const Actor = z.object({ id: z.string(), name: z.string() });
export type Actor = z.infer<typeof Actor>;

export const MutationResult = z.discriminatedUnion('outcome', [
  z.object({
    id: z.uuid(),
    seq: z.number().int(),
    outcome: z.literal('applied'),
    /** The row after the change, with its server version. */
    triage: Triage,
  }),
  z.object({
    id: z.uuid(),
    seq: z.number().int(),
    outcome: z.literal('conflict'),
    reason: z.string(),
    /** The current server row: show it instead of the local guess, never drop the action silently. */
    triage: Triage,
    assignedBy: Actor.nullable(),
    assignedAt: IsoTime.nullable(),
  }),
  z.object({
    id: z.uuid(),
    seq: z.number().int(),
    outcome: z.literal('rejected'),
    reason: z.string(),
  }),
]);
export type MutationResult = z.infer<typeof MutationResult>;

export const PushResponse = z.object({
  /** One per pushed mutation, in the order sent. A repeated mutation id returns its stored result. */
  results: z.array(MutationResult),
  /** The server's version after this push: pull from your cursor to catch up with others' changes. */
  version: z.number().int().nonnegative(),
  /** The server's clock when it answered: clients correct the due times they show by their offset from it. */
  serverTime: IsoTime.optional(),
});
export type PushResponse = z.infer<typeof PushResponse>;

// GET /sync/pull?cursor=N (any role; department users get only their department's rows)
export const PullQuery = z.object({
  cursor: z.coerce.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).default(0),
  /** Rows per answer; never below a push's size, so a page always ends between two versions. */
  limit: z.coerce.number().int().min(MAX_PUSH_MUTATIONS).max(10_000).default(2000),
});
export const PullResponse = z.object({
  /** Rows changed since the cursor (or every visible row when `snapshot`). */
  rows: z.array(Triage),
  /** Keys that left the caller's view (a department's item reassigned elsewhere): drop them locally. */
  removed: z.array(ItemKey),
  /**
   * True when the answer is the whole visible state (cursor 0, or a cursor this server does not know):
   * replace the local copy of server rows instead of merging.
   */
  snapshot: z.boolean(),
  /** Pass as `cursor` next time. */
  cursor: z.number().int().nonnegative(),
  /**
   * More rows wait beyond this page: pull again at once with the new cursor. After a snapshot page,
   * the following pages complete the snapshot (merge them; drop local server rows only once
   * `more` is false and none of the pages mentioned them).
   */
  more: z.boolean(),
  /** Refetch GET /org when this differs from the one you hold. */
  orgVersion: z.number().int().positive(),
  /** Display names of every user named in `rows` (assignedBy, updatedBy). */
  actors: z.array(Actor),
  /** The server's clock when it answered: clients correct the due times they show by their offset from it. */
  serverTime: IsoTime.optional(),
});
export type PullResponse = z.infer<typeof PullResponse>;

// GET /items?department=ID&open=true&limit=N (department users: their own department only)
export const ItemsQuery = z.object({
  department: z.optional(DepartmentId),
  /** Only items without a final reply yet. */
  open: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
export const ItemsResponse = z.object({ items: z.array(Triage), actors: z.array(Actor) });
export type ItemsResponse = z.infer<typeof ItemsResponse>;

// GET /audit?after=ID&limit=N&itemKey=K (admin, approver): oldest first, page with `next`
export const AuditQuery = z.object({
  after: z.coerce.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  itemKey: z.optional(ItemKey),
});
/**
 * login_failed: a wrong password, an unknown e-mail or a disabled account (detail: the e-mail tried and
 * the address); user_update: an admin disabled, enabled, reset the password of or signed out a user;
 * retention: a retention run archived and removed old items (detail: the cut-off and the counts).
 */
export const AUDIT_KINDS = ['mutation', 'login', 'login_failed', 'logout', 'org_update', 'user_add', 'user_update', 'retention'] as const;
export const AuditEvent = z.object({
  id: z.number().int().positive(),
  at: IsoTime,
  kind: z.enum(AUDIT_KINDS),
  actor: Actor.nullable(),
  clientId: z.string().nullable(),
  itemKey: z.string().nullable(),
  mutationId: z.string().nullable(),
  /** What happened: the mutation's op, the org section changed, the user added. */
  detail: z.record(z.string(), z.unknown()),
});
export type AuditEvent = z.infer<typeof AuditEvent>;
export const AuditResponse = z.object({
  events: z.array(AuditEvent),
  /** `after` for the next page, null at the end. */
  next: z.number().int().nullable(),
});
export type AuditResponse = z.infer<typeof AuditResponse>;

// GET /items/:key/history (anyone who may see the item): every event of the item, oldest first —
// assignments, flags, notes, replies, overrides, approvals, with who and when.
export const ItemHistoryParams = z.object({ key: ItemKey });
export const ItemHistoryResponse = z.object({ events: z.array(AuditEvent) });
export type ItemHistoryResponse = z.infer<typeof ItemHistoryResponse>;

/**
 * WebSocket /sync/poke?token=T (or send {type:'auth', token} as the first message within 10 s).
 * The server sends {type:'ready'} once authenticated, {type:'poke'} after commits (no data: pull),
 * and {type:'ping'} every 20 s; a client {type:'ping'} is answered with {type:'pong'}.
 * Close codes: 4401 unauthenticated/revoked, 4403 origin not allowed.
 */
export const PokeClientMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('auth'), token: z.string().min(1).max(200) }),
  /**
   * Who else is replying (issue 12): sent while this user has a composer open for the item, or inserted a
   * canned reply into one; `idle` when they stop. Relayed to the others who may see the item, never stored.
   */
  z.object({ type: z.literal('presence'), itemKey: ItemKey, state: z.enum(['replying', 'idle']) }),
  z.object({ type: z.literal('ping') }),
  z.object({ type: z.literal('pong') }),
]);
export type PokeClientMessage = z.infer<typeof PokeClientMessage>;

export const PokeServerMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('poke'), version: z.number().int(), orgVersion: z.number().int() }),
  /** Another user's presence on an item; `replying` lapses by itself after a minute without a refresh. */
  z.object({ type: z.literal('presence'), itemKey: ItemKey, user: Actor, state: z.enum(['replying', 'idle']), at: IsoTime }),
  z.object({ type: z.literal('ping') }),
  z.object({ type: z.literal('pong') }),
]);
export type PokeServerMessage = z.infer<typeof PokeServerMessage>;

export const POKE_CLOSE_UNAUTHENTICATED = 4401;
export const POKE_CLOSE_FORBIDDEN_ORIGIN = 4403;
