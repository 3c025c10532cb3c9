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
