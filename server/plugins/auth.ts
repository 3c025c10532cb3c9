import type { FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import type { PublicUser, Role } from '../../lib/contract/api';
import { hashToken, resolveToken, revokeSession, type AuthContext } from '../services/users';

declare module 'fastify' {
  interface FastifyInstance {
    /** The session behind a bearer token (cached briefly), or null when unknown, expired or revoked. */
    resolveAuth(token: string): Promise<AuthContext | null>;
    /** Revokes a session here and in the database (logout). */
    revokeAuth(auth: AuthContext): Promise<void>;
    /** Forgets a user's cached sessions and closes their poke sockets (disabled, password reset, signed out). */
    forgetUser(userId: string): void;
    /** Replaces a user's details in the cached sessions (an approver marked away): no socket closes. */
    refreshUser(user: PublicUser): void;
    /** onRequest hook: 401 without a valid bearer token, 403 when the user's role is not listed. */
    requireRole(...roles: Role[]): onRequestHookHandler;
  }
  interface FastifyRequest {
    /** Set by requireRole; only read it in routes guarded by it. */
    auth: AuthContext;
  }
}

export function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1] ?? null;
}

function deny(reply: FastifyReply, statusCode: 401 | 403, message: string) {
  if (statusCode === 401) reply.header('www-authenticate', 'Bearer');
  return reply.code(statusCode).send({ statusCode, error: statusCode === 401 ? 'Unauthorized' : 'Forbidden', message });
}

/** Authentication and role checks, run before body validation so an unauthenticated caller learns nothing. */
/**
 * Sessions looked up in the last few seconds, so a busy client's pulls do not each cost a database
 * round trip. Logout evicts at once on this instance; another instance sharing the database
 * honours a revocation within SESSION_CACHE_MS.
 */
const SESSION_CACHE_MS = 5_000;
const SESSION_CACHE_MAX = 10_000;

export default fp(
  async (app) => {
    const cache = new Map<string, { auth: AuthContext; until: number }>();
    app.decorate('resolveAuth', async (token: string) => {
      const key = hashToken(token);
      const now = Date.now();
      const hit = cache.get(key);
      if (hit && hit.until > now && hit.auth.expiresAt.getTime() > now) return hit.auth;
      cache.delete(key);
      const auth = await resolveToken(app.db, token);
      if (auth) {
        if (cache.size >= SESSION_CACHE_MAX) cache.clear();
        cache.set(key, { auth, until: now + SESSION_CACHE_MS });
      }
      return auth;
    });
    app.decorate('revokeAuth', async (auth: AuthContext) => {
      cache.delete(auth.tokenHash);
      await revokeSession(app.db, auth);
    });
    app.decorate('forgetUser', (userId: string) => {
      for (const [key, entry] of cache) if (entry.auth.user.id === userId) cache.delete(key);
      app.pokes.revokeUser(userId);
    });
    app.decorate('refreshUser', (user: PublicUser) => {
      for (const entry of cache.values()) if (entry.auth.user.id === user.id) entry.auth = { ...entry.auth, user };
    });
    app.decorateRequest('auth', null as unknown as AuthContext);
    app.decorate('requireRole', (...roles: Role[]): onRequestHookHandler => {
      return async (request, reply) => {
        const token = bearerToken(request);
        if (!token) return deny(reply, 401, 'sign in: missing bearer token');
        const auth = await app.resolveAuth(token);
        if (!auth) return deny(reply, 401, 'sign in again: the token is unknown, expired or revoked');
        if (!roles.includes(auth.user.role)) {
          return deny(reply, 403, `this needs one of the roles ${roles.join(', ')}; you are ${auth.user.role}`);
        }
        request.auth = auth;
      };
    });
  },
  { name: 'samvad-auth', dependencies: ['samvad-db'] },
);
