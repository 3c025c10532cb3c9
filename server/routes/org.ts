import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  OrgResponse,
  PutApprovalsRequest,
  PutCannedRepliesRequest,
  PutDepartmentsRequest,
  PutHandlesRequest,
  PutRetentionRequest,
  PutRulePacksRequest,
  PutSlaRequest,
  ROLES,
} from '../../lib/contract/api';
import { getOrg, updateOrg } from '../services/org';

export const orgRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/org', { onRequest: app.requireRole(...ROLES), schema: { response: { 200: OrgResponse } } }, async () =>
    getOrg(app.db),
  );

  const admin = app.requireRole('admin');
  const response = { 200: OrgResponse };
  app.put('/org/departments', { onRequest: admin, schema: { body: PutDepartmentsRequest, response } }, async (request) =>
    updateOrg(app.db, { departments: request.body.departments }, request.auth.user.id, app.clock()),
  );
  app.put('/org/sla', { onRequest: admin, schema: { body: PutSlaRequest, response } }, async (request) =>
    updateOrg(app.db, { sla: request.body.sla }, request.auth.user.id, app.clock()),
  );
  app.put('/org/handles', { onRequest: admin, schema: { body: PutHandlesRequest, response } }, async (request) =>
    updateOrg(app.db, { handles: request.body.handles }, request.auth.user.id, app.clock()),
  );
  app.put('/org/approvals', { onRequest: admin, schema: { body: PutApprovalsRequest, response } }, async (request) =>
    updateOrg(app.db, { approvals: request.body.approvals }, request.auth.user.id),
  );
  app.put('/org/canned-replies', { onRequest: admin, schema: { body: PutCannedRepliesRequest, response } }, async (request) =>
    updateOrg(app.db, { cannedReplies: request.body.cannedReplies }, request.auth.user.id, app.clock()),
  );
  app.put('/org/retention', { onRequest: admin, schema: { body: PutRetentionRequest, response } }, async (request) =>
    updateOrg(app.db, { retention: request.body.retention ?? undefined }, request.auth.user.id),
  );
  app.put('/org/rule-packs', { onRequest: admin, schema: { body: PutRulePacksRequest, response } }, async (request) =>
    updateOrg(app.db, { rulePacks: request.body.rulePacks }, request.auth.user.id, app.clock()),
  );
};
