import { randomBytes, randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { createScratchPostgres } from '../support/scratch-postgres';
import { LoginResponse, type PublicUser, type Role } from '../../lib/contract/api';
import type { CommentItem } from '../../lib/contract/item';
import type { Mutation, MutationOp } from '../../lib/contract/triage';
import { DEMO_ORG } from '../../lib/org/demo-org';
import { buildApp, type AppOptions } from '../../server/app';
import { openPglite, openPostgres, seedOrganisation, type Database } from '../../server/db/connect';
import * as schema from '../../server/db/schema';
import { hashPassword } from '../../server/services/passwords';
import { hashToken } from '../../server/services/users';

/** The real PostgreSQL of the machine and CI (trust auth); each run makes and drops its own database. */
export const POSTGRES_ADMIN_URL = process.env.SAMVAD_TEST_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Fails, saying where it looked, when no PostgreSQL answers: the PostgreSQL suites never skip. */
async function requirePostgres(): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
  } catch (error) {
    throw new Error(
      `no PostgreSQL answers at ${POSTGRES_ADMIN_URL} (${String(error)}): start it, or set SAMVAD_TEST_POSTGRES to point elsewhere`,
    );
  }
}

export type DatabaseKind = 'pglite' | 'postgres';
/** Every suite runs on both (describe.each over this). */
export const DATABASE_KINDS: DatabaseKind[] = ['pglite', 'postgres'];

export interface ScratchDatabase {
  /** Opens a connection to the scratch database (several for multi-instance tests on Postgres). */
  open(): Promise<Database>;
  url?: string;
  drop(): Promise<void>;
}

/** A fresh database: PGlite in memory, or a new `samvad_test_<random>` on the real PostgreSQL. */
export async function scratchDatabase(kind: DatabaseKind): Promise<ScratchDatabase> {
  if (kind === 'pglite') {
    let single: Database | undefined;
    return {
      // In-memory PGlite is one database per instance: open() always returns the same one.
      open: async () => (single ??= await openPglite()),
      drop: async () => {
        await single?.close();
      },
    };
  }
  await requirePostgres();
  const scratch = await createScratchPostgres(POSTGRES_ADMIN_URL, 'samvad_test');
  const opened: Database[] = [];
  return {
    url: scratch.url,
    open: async () => {
      const database = await openPostgres(scratch.url, { poolSize: 5 });
      opened.push(database);
      return database;
    },
    drop: async () => {
      await Promise.all(opened.map((d) => d.close()));
      await scratch.drop();
    },
  };
}

export const PASSWORD = 'correct horse battery staple';

export interface TestUser extends PublicUser {
  token: string;
}

export interface TestServer {
  app: FastifyInstance;
  database: Database;
  scratch: ScratchDatabase;
  users: Record<'admin' | 'moderator' | 'moderator2' | 'hallmarking' | 'certification' | 'approver', TestUser>;
  close(): Promise<void>;
}

const PEOPLE: Array<{ key: keyof TestServer['users']; name: string; role: Role; departmentId: string | null }> = [
  { key: 'admin', name: 'R. Admin', role: 'admin', departmentId: null },
  { key: 'moderator', name: 'M. Moderator', role: 'moderator', departmentId: null },
  { key: 'moderator2', name: 'N. Moderator', role: 'moderator', departmentId: null },
  { key: 'hallmarking', name: 'A. Sharma', role: 'department', departmentId: 'hallmarking' },
  { key: 'certification', name: 'P. Nair', role: 'department', departmentId: 'certification' },
  { key: 'approver', name: 'K. Approver', role: 'approver', departmentId: null },
];

let passwordHash: Promise<string> | undefined;

/** A seeded server (demo organisation, one user per role, signed in) on a fresh database. */
export async function startTestServer(kind: DatabaseKind, options: Partial<AppOptions> = {}): Promise<TestServer> {
  const scratch = await scratchDatabase(kind);
  const database = await scratch.open();
  await seedOrganisation(database.db, DEMO_ORG);
  const app = await buildApp({ database, ...options });
  // Users and sessions go straight into the tables (one scrypt hash shared by all) to keep set-up
  // fast; signing in through the API is tested in server-auth.test.ts.
  passwordHash ??= hashPassword(PASSWORD);
  const hash = await passwordHash;
  const users = {} as TestServer['users'];
  for (const person of PEOPLE) {
    const id = `u_${randomUUID()}`;
    const email = `${person.key}@bis.example.in`;
    await database.db.insert(schema.users).values({ id, email, name: person.name, role: person.role, departmentId: person.departmentId, passwordHash: hash });
    const token = randomBytes(32).toString('base64url');
    await database.db.insert(schema.sessions).values({ tokenHash: hashToken(token), userId: id, expiresAt: new Date(Date.now() + 3600_000) });
    users[person.key] = { id, email, name: person.name, role: person.role, departmentId: person.departmentId, token };
  }
  return {
    app,
    database,
    scratch,
    users,
    async close() {
      await app.close();
      await scratch.drop();
    },
  };
}

export async function signIn(app: FastifyInstance, email: string, password = PASSWORD): Promise<string> {
  const response = await app.inject({ method: 'POST', url: '/auth/login', payload: { email, password } });
  if (response.statusCode !== 200) throw new Error(`login ${email}: ${response.statusCode} ${response.body}`);
  return LoginResponse.parse(response.json()).token;
}

export const bearer = (user: { token: string }) => ({ authorization: `Bearer ${user.token}` });

export function comment(id: string, text = 'The hallmark on my ring does not verify on the BIS CARE app.'): CommentItem {
  return {
    platform: 'x',
    id,
    author: { name: 'Citizen', handle: '@citizen' },
    text,
    permalink: `https://x.com/citizen/status/${id}`,
    createdAt: '2026-11-20T09:00:00.000Z',
  };
}

/** An outbox: per-client sequence numbers and fresh UUIDs, as the extension makes them. */
export class TestClient {
  readonly clientId = `client-${randomBytes(6).toString('hex')}`;
  private seq = 0;

  mutation(itemId: string, op: MutationOp, at = new Date().toISOString()): Mutation {
    return { id: randomUUID(), clientId: this.clientId, seq: ++this.seq, at, item: comment(itemId), op };
  }

  assign(itemId: string, departmentId: string | null, baseDepartmentId: string | null = null): Mutation {
    return this.mutation(itemId, { type: 'assign', departmentId, baseDepartmentId });
  }

  push(app: FastifyInstance, user: { token: string }, mutations: Mutation[]) {
    return app.inject({
      method: 'POST',
      url: '/sync/push',
      headers: bearer(user),
      payload: { clientId: this.clientId, mutations },
    });
  }
}
