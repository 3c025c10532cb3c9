import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PullQuery, PullResponse, PushRequest, PushResponse, ROLES } from '../../lib/contract/api';
import { pull, push } from '../services/sync';

export const syncRoutes: FastifyPluginAsyncZod<{ isAllowedOrigin: (origin: string | undefined) => boolean }> = async (
  app,
  options,
) => {
  const anyone = app.requireRole(...ROLES);

  app.post('/sync/push', { onRequest: anyone, config: { checksTextItself: true }, schema: { body: PushRequest, response: { 200: PushResponse } } }, async (request) =>
    ({ ...(await push(app.db, request.auth, request.body, app.clock())), serverTime: app.clock().toISOString() }),
  );

  app.get('/sync/pull', { onRequest: anyone, schema: { querystring: PullQuery, response: { 200: PullResponse } } }, async (request) =>
    ({ ...(await pull(app.db, request.auth, request.query.cursor, request.query.limit)), serverTime: app.clock().toISOString() }),
  );

  app.get(
    '/sync/poke',
    {
      websocket: true,
      schema: { querystring: z.object({ token: z.string().max(200).optional() }) },
      // Browsers send Origin on WebSocket upgrades: refuse web pages (cross-site WebSocket hijacking).
      onRequest: async (request, reply) => {
        if (!options.isAllowedOrigin(request.headers.origin)) {
          return reply.code(403).send({ statusCode: 403, error: 'Forbidden', message: 'origin not allowed' });
        }
      },
    },
    (socket, request) => app.pokes.accept(socket, request.query.token),
  );
};
