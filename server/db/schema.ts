import { sql } from 'drizzle-orm';
import { bigint, bigserial, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { OrgConfig } from '../../lib/contract/org';
import { AUDIT_KINDS, type MutationResult } from '../../lib/contract/api';
import type { Triage } from '../../lib/contract/triage';

/**
 * The server's one schema (PGlite and PostgreSQL alike). Migrations are generated from it with
 * `npx drizzle-kit generate` into server/db/migrations and applied at start.
 */

/** Single row (id 1): the global version bumped by every push, and the organisation config version. */
export const syncState = pgTable('sync_state', {
  id: integer('id').primaryKey(),
  version: bigint('version', { mode: 'number' }).notNull().default(0),
});

export const orgConfig = pgTable('org_config', {
  id: integer('id').primaryKey(),
  config: jsonb('config').$type<OrgConfig>().notNull(),
  version: integer('version').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  updatedBy: text('updated_by'),
});

export const users = pgTable(
  'users',
  {
    id: text('id').primaryKey(),
    /** Stored lower-case. */
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role', { enum: ['admin', 'moderator', 'department', 'approver'] }).notNull(),
    departmentId: text('department_id'),
    /** scrypt$N$r$p$salt$hash (base64). */
    passwordHash: text('password_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    /** Set while an admin has disabled the account (a leaver): no sign-in, no session works. */
    disabledAt: timestamp('disabled_at', { withTimezone: true, mode: 'date' }),
    /** Set while an approver has marked themselves away: their department's delegate decides meanwhile (BIS circular). */
    awayAt: timestamp('away_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [uniqueIndex('users_email_idx').on(t.email)],
);

/** Bearer tokens, stored as SHA-256 of the token; never the token itself. */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** The shared triage state: one row per comment, stamped with the push version that last changed it. */
export const items = pgTable(
  'items',
  {
    key: text('key').primaryKey(),
    departmentId: text('department_id'),
    /** Every department the item was assigned to before, so their contacts' pulls learn it left. */
    pastDepartmentIds: text('past_department_ids').array().notNull().default(sql`'{}'::text[]`),
    version: bigint('version', { mode: 'number' }).notNull(),
    triage: jsonb('triage').$type<Triage>().notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
    /**
     * When the stored comment (triage.item) was read off the page: only a moderator's later reading
     * replaces it, so no department user or stale client rewrites what everyone sees.
     */
    itemReadAt: timestamp('item_read_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    /**
     * Copies of triage fields the queue, the reports and the policy recomputation query by: the status,
     * why it is work (null: no clock), the comment's time on the platform, and the stored due times.
     */
    status: text('status').notNull().default('open'),
    work: text('work'),
    commentAt: timestamp('comment_at', { withTimezone: true, mode: 'date' }),
    interimDueAt: timestamp('interim_due_at', { withTimezone: true, mode: 'date' }),
    finalDueAt: timestamp('final_due_at', { withTimezone: true, mode: 'date' }),
    /**
     * For the reports, also copied on every write: when the clock started (due.clockStart, else the
     * comment's time) and the first proven reply's time, of any stage and of the final
     * (lib/triage/due.ts provenReplyTimes).
     */
    clockStartAt: timestamp('clock_start_at', { withTimezone: true, mode: 'date' }),
    firstReplyAt: timestamp('first_reply_at', { withTimezone: true, mode: 'date' }),
    finalReplyAt: timestamp('final_reply_at', { withTimezone: true, mode: 'date' }),
    /** The triage's flags (a fixed list of kinds), counted by the overview from items_report_idx. */
    flags: text('flags').array().notNull().default(sql`'{}'::text[]`),
  },
  (t) => [
    index('items_version_idx').on(t.version),
    index('items_department_idx').on(t.departmentId, t.version),
    index('items_open_due_idx').on(t.status, t.finalDueAt),
    // The team's work by comment time, with every column the overview counts: it reads a month of items
    // from this index alone (an index-only scan), never the wide triage rows. Also the item list's order.
    index('items_report_idx')
      .on(t.commentAt, t.key, t.departmentId, t.status, t.interimDueAt, t.finalDueAt, t.clockStartAt, t.firstReplyAt, t.finalReplyAt, t.flags)
      .where(sql`${t.work} IS NOT NULL`),
    // An item's conversation (the dashboard's item view): the items answering the same post or comment.
    index('items_parent_idx').on(sql`(${t.triage}->'item'->'parent'->>'id')`),
    // The few items with overrides or approvals, whose triage the overview reads for those counts.
    index('items_decided_idx')
      .on(t.commentAt)
      .where(sql`${t.work} IS NOT NULL AND (${t.triage}->'overrides' <> '[]' OR ${t.triage}->'approvals' <> '[]')`),
  ],
);

/**
 * Every pushed mutation id with its stored result, per user: a repeated id returns this, never applies
 * twice; another user's repeat of it is rejected and learns nothing of it.
 */
export const mutations = pgTable(
  'mutations',
  {
    id: text('id').notNull(),
    clientId: text('client_id').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    userId: text('user_id').notNull(),
    result: jsonb('result').$type<MutationResult>().notNull(),
    version: bigint('version', { mode: 'number' }).notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.id] }), index('mutations_id_idx').on(t.id), index('mutations_client_idx').on(t.clientId, t.seq)],
);

/** Append-only (a trigger refuses UPDATE and DELETE): who did what, when, from which client. */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    kind: text('kind', { enum: AUDIT_KINDS }).notNull(),
    userId: text('user_id'),
    clientId: text('client_id'),
    itemKey: text('item_key'),
    mutationId: text('mutation_id'),
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull(),
  },
  (t) => [index('audit_item_idx').on(t.itemKey, t.id)],
);

/**
 * Login attempts per e-mail and client address in the current window: the login rate limit, counted in
 * the database so that every server instance sharing it counts the same attempts.
 */
export const loginAttempts = pgTable('login_attempts', {
  key: text('key').primaryKey(),
  count: integer('count').notNull(),
  resetAt: timestamp('reset_at', { withTimezone: true, mode: 'date' }).notNull(),
});
