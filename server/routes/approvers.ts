import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ApproversResponse, AwayRequest, MeResponse } from '../../lib/contract/api';
import { listApprovers, setAway } from '../services/users';

/** Approvers mark themselves away and back; who is away, for the side panels deciding who decides. */
export const approverRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/auth/away',
    { onRequest: app.requireRole('approver'), schema: { body: AwayRequest, response: { 200: MeResponse } } },
    async (request) => {
      const user = await setAway(app.db, request.auth.user.id, request.body.away);
      // The cached session would show the old mark for a few seconds: drop it (the sockets stay open).
      app.refreshUser(user);
      return { user, expiresAt: request.auth.expiresAt.toISOString() };
    },
  );

  app.get(
    '/approvers',
    { onRequest: app.requireRole('admin', 'moderator', 'approver'), schema: { response: { 200: ApproversResponse } } },
    async () => ({ approvers: await listApprovers(app.db) }),
  );
};
