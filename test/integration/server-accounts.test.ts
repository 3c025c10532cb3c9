import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, AuditResponse, ManagedUserResponse, UsersResponse } from '../../lib/contract/api';
import { buildApp } from '../../server/app';
import { bearer, DATABASE_KINDS, PASSWORD, signIn, startTestServer, type TestServer } from './server-harness';

describe.each(DATABASE_KINDS)('accounts on %s', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(() => server?.close());

  const asAdmin = (method: 'GET' | 'POST', url: string, payload?: object) =>
    server.app.inject({ method, url, payload, headers: bearer(server.users.admin) });
  const login = (email: string, password = PASSWORD) =>
    server.app.inject({ method: 'POST', url: '/auth/login', payload: { email, password } });
  const me = (token: string) => server.app.inject({ method: 'GET', url: '/auth/me', headers: { authorization: `Bearer ${token}` } });
  const audit = async () => AuditResponse.parse((await asAdmin('GET', '/audit?limit=1000')).json()).events;

  it('lists users with their state and signed-in sessions, never their password hashes', async () => {
    const response = await asAdmin('GET', '/users');
    const { users } = UsersResponse.parse(response.json());
    expect(users.find((u) => u.email === 'moderator@bis.example.in')).toMatchObject({ disabled: false, activeSessions: 1 });
    expect(response.body).not.toMatch(/scrypt|password/i);
  });

  it('disables a leaver: their sessions stop at once, they cannot sign in, and enabling lets them back', async () => {
    const { approver } = server.users;
    const token = await signIn(server.app, approver.email);
    expect((await me(token)).statusCode).toBe(200); // cached now: disabling must evict it
    const disabled = await asAdmin('POST', `/users/${approver.id}/disable`);
    expect(ManagedUserResponse.parse(disabled.json()).user).toMatchObject({ disabled: true, activeSessions: 0 });
    expect((await me(token)).statusCode).toBe(401);
    expect((await me(approver.token)).statusCode).toBe(401);
    const refused = await login(approver.email);
    expect(refused.statusCode).toBe(401);
    expect(ApiError.parse(refused.json()).message).toBe('wrong e-mail or password');

    expect(ManagedUserResponse.parse((await asAdmin('POST', `/users/${approver.email}/enable`)).json()).user.disabled).toBe(false);
    expect((await login(approver.email)).statusCode).toBe(200);
    const changes = (await audit()).filter((e) => e.kind === 'user_update').map((e) => e.detail.change);
    expect(changes).toEqual(expect.arrayContaining(['disable', 'enable']));
  });

  it('resets a password (signing every session out) and signs a user out everywhere', async () => {
    const { moderator2 } = server.users;
    const before = await signIn(server.app, moderator2.email);
    const reset = await asAdmin('POST', `/users/${moderator2.id}/password`, { password: 'a brand new password' });
    expect(reset.statusCode).toBe(200);
    expect((await me(before)).statusCode).toBe(401);
    expect((await login(moderator2.email)).statusCode).toBe(401);
    const after = await signIn(server.app, moderator2.email, 'a brand new password');
    expect((await asAdmin('POST', `/users/${moderator2.id}/password`, { password: 'short' })).statusCode).toBe(400);

    const signedOut = await asAdmin('POST', `/users/${moderator2.id}/sign-out`);
    expect(ManagedUserResponse.parse(signedOut.json()).user.activeSessions).toBe(0);
    expect((await me(after)).statusCode).toBe(401);
  });

  it('refuses to disable oneself, and answers 404 for an unknown user', async () => {
    expect((await asAdmin('POST', `/users/${server.users.admin.id}/disable`)).statusCode).toBe(409);
    expect((await asAdmin('POST', '/users/u_nobody/enable')).statusCode).toBe(404);
  });

  it('audits failed and successful logins with the address, without the password', async () => {
    await login('moderator@bis.example.in', 'not the password');
    await login('nobody@bis.example.in', 'not the password');
    await login('moderator@bis.example.in');
    const events = await audit();
    const failed = events.filter((e) => e.kind === 'login_failed').map((e) => e.detail);
    expect(failed).toContainEqual({ email: 'moderator@bis.example.in', address: '127.0.0.1', reason: 'wrong password' });
    expect(failed).toContainEqual({ email: 'nobody@bis.example.in', address: '127.0.0.1', reason: 'unknown e-mail' });
    expect(events.filter((e) => e.kind === 'login').at(-1)).toMatchObject({ actor: { id: server.users.moderator.id }, detail: { address: '127.0.0.1' } });
    expect(JSON.stringify(events)).not.toContain('not the password');
  });

  it('limits logins per account from any address and per address on any account, by the proxy’s forwarded address when trusted', async () => {
    const app = await buildApp({
      database: server.database,
      trustProxy: ['127.0.0.1'],
      loginRateLimit: { max: 3, maxPerAddress: 5, timeWindowMs: 60_000 },
    });
    try {
      const attempt = (email: string, from: string, password = 'wrong password') =>
        app.inject({ method: 'POST', url: '/auth/login', payload: { email, password }, headers: { 'x-forwarded-for': from } });
      // One password tried on every account from one address: limited by the address.
      const sprayed = [];
      for (let i = 0; i < 6; i++) sprayed.push((await attempt(`spray${i}@bis.example.in`, '203.0.113.7')).statusCode);
      expect(sprayed).toEqual([401, 401, 401, 401, 401, 429]);
      // One account guessed from many addresses: limited by the account, even with the right password.
      const guessed = [];
      for (let i = 0; i < 4; i++) guessed.push((await attempt('hallmarking@bis.example.in', `198.51.100.${i}`, i === 3 ? PASSWORD : 'x')).statusCode);
      expect(guessed).toEqual([401, 401, 401, 429]);
      const limited = await attempt('hallmarking@bis.example.in', '198.51.100.9');
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      // Another address and account are unaffected.
      expect((await attempt('certification@bis.example.in', '192.0.2.1', PASSWORD)).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });
});
