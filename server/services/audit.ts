import { and, asc, eq, gt, type SQL } from 'drizzle-orm';
import type { AuditEvent, AuditResponse } from '../../lib/contract/api';
import type { Db } from '../db/connect';
import { auditEvents, users } from '../db/schema';

type AuditRow = { event: typeof auditEvents.$inferSelect; actorName: string | null };

function toAuditEvent({ event, actorName }: AuditRow): AuditEvent {
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

function selectAudit(db: Db, conditions: SQL[], limit: number) {
  return db
    .select({ event: auditEvents, actorName: users.name })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.userId))
    .where(and(...conditions))
    .orderBy(asc(auditEvents.id))
    .limit(limit);
}

export async function listAudit(db: Db, query: { after: number; limit: number; itemKey?: string }): Promise<AuditResponse> {
  const conditions: SQL[] = [gt(auditEvents.id, query.after)];
  if (query.itemKey) conditions.push(eq(auditEvents.itemKey, query.itemKey));
  const rows = await selectAudit(db, conditions, query.limit + 1);
  const page = rows.slice(0, query.limit);
  return {
    events: page.map(toAuditEvent),
    next: rows.length > query.limit ? (page.at(-1)?.event.id ?? null) : null,
  };
}

/** Every event of one item, oldest first (an item's history is short: hundreds at most). */
export async function itemHistory(db: Db, itemKey: string, limit = 10_000): Promise<AuditEvent[]> {
  return (await selectAudit(db, [eq(auditEvents.itemKey, itemKey)], limit)).map(toAuditEvent);
}
