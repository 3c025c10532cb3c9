import { eq } from 'drizzle-orm';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ApiError, ItemHistoryParams, ROLES, type PublicUser } from '../../lib/contract/api';
import { ItemDetailResponse, ItemListQuery, ItemListResponse, OverviewResponse, ReportQuery } from '../../lib/contract/reports';
import { items } from '../db/schema';
import { itemHistory } from '../services/audit';
import { csvStream } from '../services/csv';
import { getOrg } from '../services/org';
import { allAuditEvents, allItems, itemCursor, itemPage, itemThread, overview, reportDepartment, type ReportFilter } from '../services/reports';
import { findActors } from '../services/users';

/**
 * The dashboard's reports, for every role: a department user (One-Point Contact) is answered for their
 * own department only and 403 when asking for another.
 */
export const reportRoutes: FastifyPluginAsyncZod = async (app) => {
  const anyone = app.requireRole(...ROLES);

  async function filterFor(
    user: PublicUser,
    query: { from: string; to: string; department?: string; platform?: string },
    reply: FastifyReply,
  ): Promise<ReportFilter | null> {
    const scope = reportDepartment(user, query.department);
    if ('forbidden' in scope) {
      await reply.code(403).send({ statusCode: 403, error: 'Forbidden', message: scope.forbidden });
      return null;
    }
    const { org } = await getOrg(app.db);
    return { from: query.from, to: query.to, department: scope.department, platform: query.platform ?? null, timeZone: org.sla.timeZone };
  }

  app.get(
    '/reports/overview',
    { onRequest: anyone, schema: { querystring: ReportQuery, response: { 200: OverviewResponse, 403: ApiError } } },
    async (request, reply) => {
      const filter = await filterFor(request.auth.user, request.query, reply);
      return filter ? overview(app.db, filter) : reply;
    },
  );

  app.get(
    '/reports/items',
    { onRequest: anyone, schema: { querystring: ItemListQuery, response: { 200: ItemListResponse, 403: ApiError } } },
    async (request, reply) => {
      const filter = await filterFor(request.auth.user, request.query, reply);
      if (!filter) return reply;
      const rows = await itemPage(app.db, filter, request.query.after, request.query.limit + 1);
      const page = rows.slice(0, request.query.limit);
      return { items: page, next: rows.length > request.query.limit ? itemCursor(page.at(-1)!) : null };
    },
  );

  app.get(
    '/reports/items/:key',
    { onRequest: anyone, schema: { params: ItemHistoryParams, response: { 200: ItemDetailResponse, 404: ApiError } } },
    async (request, reply) => {
      const { user } = request.auth;
      const [row] = await app.db.select({ triage: items.triage, departmentId: items.departmentId }).from(items).where(eq(items.key, request.params.key));
      // A department user learns nothing of another department's item, not even that it exists.
      if (!row || (user.role === 'department' && row.departmentId !== user.departmentId)) {
        return reply.code(404).send({ statusCode: 404, error: 'Not Found', message: 'no such item' });
      }
      const { triage } = row;
      const history = await itemHistory(app.db, request.params.key);
      const named = [
        triage.assignedBy,
        triage.acceptedBy,
        triage.updatedBy,
        triage.closed?.by,
        ...triage.notes.map((n) => n.by),
        ...triage.overrides.map((o) => o.by),
        ...triage.approvals.flatMap((a) => [a.requestedBy, a.decidedBy]),
      ];
      const thread = await itemThread(app.db, triage, user.role === 'department' ? (user.departmentId ?? '-') : null);
      return { triage, thread, history, actors: await findActors(app.db, named) };
    },
  );

  const download = (reply: FastifyReply, name: string) =>
    reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}"`);

  app.get('/reports/items.csv', { onRequest: anyone, schema: { querystring: ReportQuery } }, async (request, reply) => {
    const filter = await filterFor(request.auth.user, request.query, reply);
    if (!filter) return reply;
    const header = ['key', 'platform', 'department', 'status', 'work', 'comment_at', 'author', 'text', 'permalink', 'flags', 'interim_due_at', 'first_reply_at', 'interim_met', 'final_due_at', 'final_reply_at', 'final_met'];
    const stream = csvStream(header, allItems(app.db, filter), (r) => [
      r.key, r.platform, r.departmentId, r.status, r.work, r.commentAt, r.author, r.text, r.permalink, r.flags,
      r.interimDueAt, r.firstReplyAt, r.interimMet, r.finalDueAt, r.finalReplyAt, r.finalMet,
    ]);
    return download(reply, `samvad-items-${filter.from}-${filter.to}.csv`).send(stream);
  });

  app.get('/reports/audit.csv', { onRequest: anyone, schema: { querystring: ReportQuery } }, async (request, reply) => {
    const filter = await filterFor(request.auth.user, request.query, reply);
    if (!filter) return reply;
    const header = ['id', 'at', 'kind', 'actor', 'client_id', 'item_key', 'mutation_id', 'detail'];
    const stream = csvStream(header, allAuditEvents(app.db, filter), (r) => [r.id, r.at, r.kind, r.actor, r.clientId, r.itemKey, r.mutationId, r.detail]);
    return download(reply, `samvad-audit-${filter.from}-${filter.to}.csv`).send(stream);
  });
};
