import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../db/connect';

/** Windows that ended this long ago are deleted as later attempts come in. */
const KEEP_ENDED_MS = 3_600_000;

/**
 * Counts one attempt under `key` in a window of `windowMs`: the first attempt, or the first after the
 * window ended, starts a new window. One statement, so instances racing on a key still count every attempt.
 */
export async function countAttempt(db: Db, key: string, windowMs: number): Promise<{ current: number; ttl: number }> {
  const result = await db.execute(sql`
    INSERT INTO login_attempts (key, count, reset_at)
    VALUES (${key}, 1, now() + ${windowMs} * interval '1 millisecond')
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN login_attempts.reset_at <= now() THEN 1 ELSE login_attempts.count + 1 END,
      reset_at = CASE WHEN login_attempts.reset_at <= now() THEN excluded.reset_at ELSE login_attempts.reset_at END
    RETURNING count, ceil(extract(epoch FROM reset_at - now()) * 1000)::integer AS ttl`);
  const [row] = rowsOf<{ count: number; ttl: number }>(result);
  await db.execute(sql`DELETE FROM login_attempts WHERE reset_at < now() - ${KEEP_ENDED_MS} * interval '1 millisecond'`);
  return { current: Number(row!.count), ttl: Math.max(0, Number(row!.ttl)) };
}

/**
 * A store for @fastify/rate-limit that counts in the database rather than in one process's memory: with
 * several instances on one PostgreSQL, a password guesser gets the limit once, not once per instance.
 */
export function databaseRateLimitStore(db: Db): FastifyRateLimitStoreCtor {
  return class DatabaseRateLimitStore implements FastifyRateLimitStore {
    constructor(
      _options: unknown,
      /** Keeps each route's counts apart. */
      private readonly prefix = '',
    ) {}

    incr(key: string, callback: (error: Error | null, result?: { current: number; ttl: number }) => void, timeWindow: number): void {
      countAttempt(db, `${this.prefix}${key}`, timeWindow).then(
        (result) => callback(null, result),
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    }

    child(route: { method?: unknown; path: string }): FastifyRateLimitStore {
      return new DatabaseRateLimitStore(undefined, `${String(route.method)} ${route.path}|`);
    }
  };
}
