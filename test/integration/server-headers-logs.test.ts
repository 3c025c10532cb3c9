import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, SECURITY_HEADERS } from '../../server/app';
import { bearer, DATABASE_KINDS, startTestServer, type TestServer } from './server-harness';

describe.each(DATABASE_KINDS)('security headers and logs on %s', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(() => server?.close());

  it('sends the security headers and no-store on every answer: success, error, not found, login with its token', async () => {
    const answers = [
      await server.app.inject({ method: 'GET', url: '/health' }),
      await server.app.inject({ method: 'GET', url: '/org', headers: bearer(server.users.moderator) }),
      await server.app.inject({ method: 'GET', url: '/org' }),
      await server.app.inject({ method: 'GET', url: '/no/such/route' }),
      await server.app.inject({ method: 'POST', url: '/auth/login', payload: { email: 'moderator@bis.example.in', password: 'correct horse battery staple' } }),
      await server.app.inject({ method: 'POST', url: '/auth/login', payload: '{', headers: { 'content-type': 'application/json' } }),
    ];
    expect(answers[4]!.json()).toHaveProperty('token');
    for (const answer of answers) {
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(answer.headers[name], `${answer.statusCode} ${name}`).toBe(value);
    }
    expect(SECURITY_HEADERS['content-security-policy']).toContain("frame-ancestors 'none'");
  });

  it('never logs a token, request data or SQL parameters, at any level', async () => {
    let logged = '';
    const stream = new Writable({
      write(chunk, _encoding, done) {
        logged += chunk.toString();
        done();
      },
    });
    const app = await buildApp({ database: server.database, logger: { level: 'trace', stream } });
    try {
      const token = server.users.moderator.token;
      await app.inject({ method: 'GET', url: `/sync/poke?token=${token}`, headers: { connection: 'upgrade', upgrade: 'websocket' } });
      await app.inject({ method: 'GET', url: '/org', headers: bearer(server.users.moderator) });
      // A database failure on a request carrying data: the log names the error, not the data.
      await server.database.db.execute(sql`ALTER TABLE login_attempts RENAME TO login_attempts_away`);
      const failed = await app.inject({ method: 'POST', url: '/auth/login', payload: { email: 'secret.person@bis.example.in', password: 'hunter2-password' } });
      await server.database.db.execute(sql`ALTER TABLE login_attempts_away RENAME TO login_attempts`);
      expect(failed.statusCode).toBe(500);
      expect(failed.body).not.toContain('login_attempts');
      expect(logged).toContain('request failed');
      expect(logged).toContain('/sync/poke?token=[redacted]');
      for (const secret of [token, server.users.admin.token, 'secret.person', 'hunter2', 'params']) expect(logged).not.toContain(secret);
    } finally {
      await app.close();
    }
  });
});
