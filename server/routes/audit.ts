import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AuditQuery, AuditResponse } from '../../lib/contract/api';
import { listAudit } from '../services/audit';

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/audit',
    { onRequest: app.requireRole('admin', 'approver'), schema: { querystring: AuditQuery, response: { 200: AuditResponse } } },
    async (request) => listAudit(app.db, request.query),
  );
};
