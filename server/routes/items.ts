import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ApiError, ItemHistoryParams, ItemHistoryResponse, ItemsQuery, ItemsResponse, ROLES } from '../../lib/contract/api';
import { items } from '../db/schema';
import { listAudit } from '../services/audit';
import { findActors } from '../services/users';

/** A department's queue: its One-Point Contact sees only its own; everyone else may ask for any. */
export const itemRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/items',
    { onRequest: app.requireRole(...ROLES), schema: { querystring: ItemsQuery, response: { 200: ItemsResponse, 403: ApiError } } },
    async (request, reply) => {
      const { user } = request.auth;
      let department = request.query.department;
      if (user.role === 'department') {
        if (department && department !== user.departmentId) {
          return reply
            .code(403)
            .send({ statusCode: 403, error: 'Forbidden', message: 'a department user sees only its own department' });
        }
        department = user.departmentId ?? undefined;
      }
      const conditions: SQL[] = [];
      if (department) conditions.push(eq(items.departmentId, department));
      if (request.query.open === 'true') {
        conditions.push(sql`NOT (${items.triage}->'replies' @> '[{"stage":"final"}]'::jsonb)`);
      }
      const rows = await app.db
        .select({ triage: items.triage })
        .from(items)
        .where(conditions.length ? and(...conditions) : undefined)
        .orderBy(desc(items.updatedAt))
        .limit(request.query.limit);
      const triage = rows.map((r) => r.triage);
      return { items: triage, actors: await findActors(app.db, triage.flatMap((t) => [t.assignedBy, t.updatedBy])) };
    },
  );

  // An item's history for the side panel: whoever may see the item (a department user: its own
  // department's items only; an unknown item is as invisible as another department's).
  app.get(
    '/items/:key/history',
    {
      onRequest: app.requireRole(...ROLES),
      schema: { params: ItemHistoryParams, response: { 200: ItemHistoryResponse, 404: ApiError } },
    },
    async (request, reply) => {
      const { user } = request.auth;
      const [row] = await app.db.select({ departmentId: items.departmentId }).from(items).where(eq(items.key, request.params.key));
      if (!row || (user.role === 'department' && row.departmentId !== user.departmentId)) {
        return reply.code(404).send({ statusCode: 404, error: 'Not Found', message: 'no such item in your view' });
      }
      const { events } = await listAudit(app.db, { after: 0, limit: 1000, itemKey: request.params.key });
      return { events };
    },
  );
};
