import { and, asc, eq, gt, type SQL } from 'drizzle-orm';
import type { AuditEvent, AuditResponse } from '../../lib/contract/api';
import type { Db } from '../db/connect';
import { auditEvents, users } from '../db/schema';

export async function listAudit(db: Db, query: { after: number; limit: number; itemKey?: string }): Promise<AuditResponse> {
  const conditions: SQL[] = [gt(auditEvents.id, query.after)];
  if (query.itemKey) conditions.push(eq(auditEvents.itemKey, query.itemKey));
  const rows = await db
    .select({ event: auditEvents, actorName: users.name })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.userId))
    .where(and(...conditions))
    .orderBy(asc(auditEvents.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  return {
    events: page.map(toAuditEvent),
    next: rows.length > query.limit ? (page.at(-1)?.event.id ?? null) : null,
  };
}

/** Most events an item's history answers with (a row far beyond any real comment's life). */
const HISTORY_LIMIT = 10_000;

/** Every event of one item, oldest first, with who made it. */
export async function itemHistory(db: Db, key: string): Promise<AuditEvent[]> {
  const rows = await db
    .select({ event: auditEvents, actorName: users.name })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.userId))
    .where(eq(auditEvents.itemKey, key))
    .orderBy(asc(auditEvents.id))
    .limit(HISTORY_LIMIT);
  return rows.map(toAuditEvent);
}

function toAuditEvent({ event, actorName }: { event: typeof auditEvents.$inferSelect; actorName: string | null }): AuditEvent {
  return {
    id: event.id,
    at: event.at.toISOString(),
    kind: event.kind,
    actor: event.userId ? { id: event.userId, name: actorName ?? event.userId } : null,
    clientId: event.clientId,
    itemKey: event.itemKey,
    mutationId: event.mutationId,
    detail: event.detail,
  };
}
