import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ApiError, LoginRequest, LoginResponse, MeResponse, ROLES } from '../../lib/contract/api';
import { login } from '../services/users';

export interface AuthRoutesOptions {
  tokenTtlMs: number;
  /** Login attempts allowed per e-mail and client address within the window. */
  loginRateLimit: { max: number; timeWindowMs: number };
}

export const authRoutes: FastifyPluginAsyncZod<AuthRoutesOptions> = async (app, options) => {
  app.post(
    '/auth/login',
    {
      schema: { body: LoginRequest, response: { 200: LoginResponse, 401: ApiError } },
      config: {
        rateLimit: {
          max: options.loginRateLimit.max,
          timeWindow: options.loginRateLimit.timeWindowMs,
          // After validation, so the key includes the e-mail tried (a password-guessing run on one account).
          hook: 'preHandler',
          keyGenerator: (request) => `${request.ip}|${String((request.body as { email?: unknown }).email).toLowerCase()}`,
        },
      },
    },
    async (request, reply) => {
      const session = await login(app.db, request.body.email, request.body.password, options.tokenTtlMs);
      if (!session) {
        return reply.code(401).send({ statusCode: 401, error: 'Unauthorized', message: 'wrong e-mail or password' });
      }
      return { token: session.token, expiresAt: session.expiresAt.toISOString(), user: session.user };
    },
  );

  app.get(
    '/auth/me',
    { onRequest: app.requireRole(...ROLES), schema: { response: { 200: MeResponse } } },
    async (request) => ({ user: request.auth.user, expiresAt: request.auth.expiresAt.toISOString() }),
  );

  app.post('/auth/logout', { onRequest: app.requireRole(...ROLES) }, async (request, reply) => {
    await app.revokeAuth(request.auth);
    app.pokes.revoke(request.auth.tokenHash);
    return reply.code(204).send();
  });
};
