import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ApiError, LoginRequest, LoginResponse, MeResponse, ROLES } from '../../lib/contract/api';
import { countAttempt } from '../services/login-attempts';
import { login } from '../services/users';

export interface LoginRateLimit {
  /** Attempts allowed on one account (from any address) within the window: one account's password guessed. */
  max: number;
  /** Attempts allowed from one client address (on any account) within the window: one password tried on every account. */
  maxPerAddress: number;
  timeWindowMs: number;
}

export interface AuthRoutesOptions {
  tokenTtlMs: number;
  loginRateLimit: LoginRateLimit;
}

export const authRoutes: FastifyPluginAsyncZod<AuthRoutesOptions> = async (app, options) => {
  const limit = options.loginRateLimit;
  app.post(
    '/auth/login',
    { schema: { body: LoginRequest, response: { 200: LoginResponse, 401: ApiError, 429: ApiError } } },
    async (request, reply) => {
      const email = request.body.email.trim().toLowerCase();
      // Counted in the database, so instances sharing it count the same attempts; both counts go up on
      // every attempt, so a guesser cannot reset one by switching the other. `request.ip` is the client's
      // address, or the proxy's unless trustProxy names it.
      const [account, address] = await Promise.all([
        countAttempt(app.db, `login account|${email}`, limit.timeWindowMs),
        countAttempt(app.db, `login address|${request.ip}`, limit.timeWindowMs),
      ]);
      const over = [account.current > limit.max ? account : null, address.current > limit.maxPerAddress ? address : null].filter(
        (count) => count !== null,
      );
      if (over.length > 0) {
        const seconds = Math.ceil(Math.max(...over.map((count) => count.ttl)) / 1000);
        return reply
          .code(429)
          .header('retry-after', String(seconds))
          .send({ statusCode: 429, error: 'Too Many Requests', message: `too many sign-in attempts: try again in ${seconds} s` });
      }
      const session = await login(app.db, email, request.body.password, options.tokenTtlMs, request.ip);
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
