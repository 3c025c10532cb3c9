import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { and, eq, getTableColumns, gt, inArray, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import type { Actor, ManagedUser, PublicUser, Role } from '../../lib/contract/api';
import type { Db } from '../db/connect';
import { auditEvents, orgConfig, sessions, users } from '../db/schema';
import { hashPassword, verifyAgainstDummy, verifyPassword } from './passwords';

type UserRow = typeof users.$inferSelect;

export function toPublicUser(row: UserRow): PublicUser {
  const user: PublicUser = { id: row.id, email: row.email, name: row.name, role: row.role, departmentId: row.departmentId };
  return row.role === 'approver' ? { ...user, away: row.awayAt !== null } : user;
}

/**
 * An approver marks themself away or back (BIS circular: the department head approves while the
 * Activity Head is unavailable). Audited as `user_update` with the change `away` or `back`.
 */
export async function setAway(db: Db, userId: string, away: boolean): Promise<PublicUser> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(users)
      .set({ awayAt: away ? sql`coalesce(${users.awayAt}, now())` : null })
      .where(eq(users.id, userId))
      .returning();
    if (!row) throw new UnknownUserError(userId);
    await tx.insert(auditEvents).values({ kind: 'user_update', userId, detail: { user: row.id, email: row.email, change: away ? 'away' : 'back' } });
    return toPublicUser(row);
  });
}

/** Every approver account (disabled ones left out) and whether it is away. */
export async function listApprovers(db: Db): Promise<Array<{ id: string; email: string; name: string; away: boolean }>> {
  const rows = await db
    .select({ id: users.id, email: users.email, name: users.name, awayAt: users.awayAt })
    .from(users)
    .where(and(eq(users.role, 'approver'), isNull(users.disabledAt)))
    .orderBy(users.email);
  return rows.map((r) => ({ id: r.id, email: r.email, name: r.name, away: r.awayAt !== null }));
}

/** A request the caller can fix (duplicate e-mail, unknown department): the API answers 4xx with the message. */
export class UserInputError extends Error {
  constructor(
    message: string,
    readonly statusCode: 400 | 409,
  ) {
    super(message);
    this.name = 'UserInputError';
  }
}

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  departmentId: string | null;
  password: string;
}

/** Adds a user; a `department` user must name a department of the organisation, other roles none. */
export async function createUser(db: Db, input: NewUser, addedBy: string | null): Promise<PublicUser> {
  const email = input.email.trim().toLowerCase();
  if (input.role === 'department') {
    if (!input.departmentId) throw new UserInputError('a department user needs --department', 400);
    const [org] = await db.select({ config: orgConfig.config }).from(orgConfig).where(eq(orgConfig.id, 1));
    const known = org?.config.departments.map((d) => d.id) ?? [];
    if (!known.includes(input.departmentId)) {
      throw new UserInputError(`unknown department "${input.departmentId}" (known: ${known.join(', ')})`, 400);
    }
  } else if (input.departmentId) {
    throw new UserInputError(`only department users belong to a department, not ${input.role} users`, 400);
  }
  const passwordHash = await hashPassword(input.password);
  const id = `u_${randomUUID()}`;
  const inserted = await db
    .insert(users)
    .values({ id, email, name: input.name.trim(), role: input.role, departmentId: input.departmentId, passwordHash })
    .onConflictDoNothing()
    .returning();
  const row = inserted[0];
  if (!row) throw new UserInputError(`a user with e-mail ${email} already exists`, 409);
  await db.insert(auditEvents).values({ kind: 'user_add', userId: addedBy, detail: { user: id, email, role: input.role } });
  return toPublicUser(row);
}

const activeSessions = sql<number>`(SELECT count(*)::int FROM ${sessions} WHERE ${sessions.userId} = ${users.id}
  AND ${sessions.revokedAt} IS NULL AND ${sessions.expiresAt} > now())`;

function toManagedUser(row: UserRow & { activeSessions: number }): ManagedUser {
  return { ...toPublicUser(row), disabled: row.disabledAt !== null, createdAt: row.createdAt.toISOString(), activeSessions: Number(row.activeSessions) };
}

export async function listUsers(db: Db): Promise<ManagedUser[]> {
  const rows = await db.select({ ...getTableColumns(users), activeSessions }).from(users).orderBy(users.email);
  return rows.map(toManagedUser);
}

/** One user as admins see them, by id or e-mail (the CLI names users by e-mail). */
export async function findManagedUser(db: Db, idOrEmail: string): Promise<ManagedUser | null> {
  const [row] = await db
    .select({ ...getTableColumns(users), activeSessions })
    .from(users)
    .where(or(eq(users.id, idOrEmail), eq(users.email, idOrEmail.trim().toLowerCase())));
  return row ? toManagedUser(row) : null;
}

export class UnknownUserError extends Error {
  readonly statusCode = 404;
  constructor(idOrEmail: string) {
    super(`no user ${idOrEmail}`);
    this.name = 'UnknownUserError';
  }
}

export type UserChange = { kind: 'disable' } | { kind: 'enable' } | { kind: 'reset'; password: string } | { kind: 'signOut' };

/**
 * An admin's change to an account: disable (also signs every session out), enable, reset the
 * password (also signs out), or sign out every session. Audited as `user_update`. `by` is the admin's
 * id, null from the CLI. An admin cannot disable themself (the team would lose its last admin).
 */
export async function changeUser(db: Db, idOrEmail: string, change: UserChange, by: string | null): Promise<ManagedUser> {
  const target = await findManagedUser(db, idOrEmail);
  if (!target) throw new UnknownUserError(idOrEmail);
  if (change.kind === 'disable' && by === target.id) throw new UserInputError('you cannot disable your own account', 409);
  await db.transaction(async (tx) => {
    if (change.kind === 'disable') await tx.update(users).set({ disabledAt: new Date() }).where(and(eq(users.id, target.id), isNull(users.disabledAt)));
    if (change.kind === 'enable') await tx.update(users).set({ disabledAt: null }).where(eq(users.id, target.id));
    if (change.kind === 'reset') await tx.update(users).set({ passwordHash: await hashPassword(change.password) }).where(eq(users.id, target.id));
    if (change.kind !== 'enable') {
      await tx.update(sessions).set({ revokedAt: new Date() }).where(and(eq(sessions.userId, target.id), isNull(sessions.revokedAt)));
    }
    await tx.insert(auditEvents).values({ kind: 'user_update', userId: by, detail: { user: target.id, email: target.email, change: change.kind } });
  });
  return (await findManagedUser(db, target.id))!;
}

/** Display names for user ids named in rows (assignedBy, updatedBy); unknown ids are left out. */
export async function findActors(db: Db, ids: Iterable<string | undefined | null>): Promise<Actor[]> {
  const wanted = [...new Set([...ids].filter((id): id is string => typeof id === 'string' && id.length > 0))];
  if (wanted.length === 0) return [];
  return db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, wanted));
}

export interface AuthContext {
  user: PublicUser;
  tokenHash: string;
  expiresAt: Date;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Checks e-mail and password; on success stores a new session and returns its token (shown once).
 * Every attempt is audited: `login`, or `login_failed` with the e-mail tried and the client's address.
 * A disabled account fails like a wrong password (the answer does not say the password was right).
 */
export async function login(
  db: Db,
  email: string,
  password: string,
  tokenTtlMs: number,
  address: string,
): Promise<{ token: string; expiresAt: Date; user: PublicUser } | null> {
  const tried = email.trim().toLowerCase();
  const [row] = await db.select().from(users).where(eq(users.email, tried));
  const ok = row ? await verifyPassword(password, row.passwordHash) : await verifyAgainstDummy(password);
  if (!row || !ok || row.disabledAt) {
    const reason = !row ? 'unknown e-mail' : !ok ? 'wrong password' : 'account disabled';
    await db.insert(auditEvents).values({ kind: 'login_failed', userId: row?.id ?? null, detail: { email: tried, address, reason } });
    return null;
  }
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + tokenTtlMs);
  await db.insert(sessions).values({ tokenHash: hashToken(token), userId: row.id, expiresAt });
  // Dead sessions serve no one (logins stay in the audit trail): drop this user's expired or revoked ones.
  await db
    .delete(sessions)
    .where(and(eq(sessions.userId, row.id), or(lt(sessions.expiresAt, new Date()), isNotNull(sessions.revokedAt))));
  await db.insert(auditEvents).values({ kind: 'login', userId: row.id, detail: { address } });
  return { token, expiresAt, user: toPublicUser(row) };
}

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** The signed-in user behind a bearer token, or null when unknown, expired or revoked. */
export async function resolveToken(db: Db, token: string): Promise<AuthContext | null> {
  if (!TOKEN_SHAPE.test(token)) return null;
  const tokenHash = hashToken(token);
  const [row] = await db
    .select({ user: users, expiresAt: sessions.expiresAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(eq(sessions.tokenHash, tokenHash), isNull(sessions.revokedAt), gt(sessions.expiresAt, new Date()), isNull(users.disabledAt)),
    );
  if (!row) return null;
  return { user: toPublicUser(row.user), tokenHash, expiresAt: row.expiresAt };
}

export async function revokeSession(db: Db, auth: AuthContext): Promise<void> {
  await db.update(sessions).set({ revokedAt: new Date() }).where(eq(sessions.tokenHash, auth.tokenHash));
  await db.insert(auditEvents).values({ kind: 'logout', userId: auth.user.id, detail: {} });
}
