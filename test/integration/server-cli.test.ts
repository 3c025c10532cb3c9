import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { HealthResponse, LoginResponse } from '../../lib/contract/api';
import { scratchDatabase } from './server-harness';

const BIN = fileURLToPath(new URL('../../bin/samvad.mjs', import.meta.url));
const PASSWORD = 'a long cli password';

function cli(args: string[], options: { input?: string; env?: Record<string, string> } = {}) {
  return spawnSync(process.execPath, [BIN, ...args], {
    input: options.input ?? '',
    env: { ...process.env, DATABASE_URL: '', ...options.env },
    encoding: 'utf8',
    timeout: 30_000,
  });
}

interface Serving {
  child: ChildProcess;
  url: string;
  output: () => string;
  exit: Promise<number | null>;
}

const started = new Set<ChildProcess>();

/** Starts `samvad serve` on a free port and resolves once it prints where it listens. */
function serve(args: string[], env: Record<string, string> = {}): Promise<Serving> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', ...args], {
    env: { ...process.env, DATABASE_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.add(child);
  child.on('exit', () => started.delete(child));
  let output = '';
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) resolve({ child, url: match[1]!, output: () => output, exit });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exit.then((code) => reject(new Error(`serve exited with ${code} before listening:\n${output}`)));
  });
}

async function login(url: string, email: string) {
  const response = await fetch(`${url}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  return response.status === 200 ? LoginResponse.parse(await response.json()) : response.status;
}

const temp = mkdtempSync(join(tmpdir(), 'samvad-cli-'));
afterAll(() => {
  // A failed assertion must not leave a server running.
  for (const child of started) child.kill('SIGKILL');
  rmSync(temp, { recursive: true, force: true });
});

describe('samvad serve and samvad user add on PGlite', () => {
  const data = join(temp, 'data');

  it('adds the first admin, serves, refuses a second process on the directory, and closes cleanly on SIGTERM', async () => {
    const added = cli(['user', 'add', '--email', 'head@bis.example.in', '--name', 'S. Head', '--role', 'admin', '--data', data], {
      input: `${PASSWORD}\n`,
    });
    expect(added.stdout).toMatch(/Added admin head@bis\.example\.in/);
    expect(added.stdout).not.toContain('Password (shown once)');
    expect(added.status).toBe(0);

    const first = await serve(['--data', data]);
    const health = HealthResponse.parse(await (await fetch(`${first.url}/health`)).json());
    expect(health.database).toBe('pglite');
    expect(await login(first.url, 'head@bis.example.in')).toMatchObject({ user: { role: 'admin' } });

    const second = cli(['serve', '--port', '0', '--data', data]);
    expect(second.status).toBe(1);
    expect(second.stderr).toContain(`in use by another Samvad server (pid ${first.child.pid})`);

    first.child.kill('SIGTERM');
    expect(await first.exit).toBe(0);
    expect(existsSync(join(data, 'server.lock'))).toBe(false);
  });

  it('takes over a lock left by a dead process and keeps the data of the previous run', async () => {
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    writeFileSync(join(data, 'server.lock'), `${dead}\n`);
    const again = await serve(['--data', data]);
    expect(again.output()).not.toContain('No users yet');
    expect(await login(again.url, 'head@bis.example.in')).toMatchObject({ user: { email: 'head@bis.example.in' } });
    again.child.kill('SIGINT');
    expect(await again.exit).toBe(0);
  });

  it('seeds the demo organisation on first start and says how to add the first admin', async () => {
    const fresh = join(temp, 'fresh');
    mkdirSync(fresh);
    const started = await serve([], { SAMVAD_DATA: fresh });
    expect(started.output()).toMatch(/Stored the demo organisation/);
    expect(started.output()).toMatch(/samvad user add --email .* --role admin/);
    started.child.kill('SIGTERM');
    expect(await started.exit).toBe(0);
  });

  it('generates and prints a password once when none is given on stdin', () => {
    const added = cli(['user', 'add', '--email', 'opc@bis.example.in', '--name', 'A. Sharma', '--role', 'department', '--department', 'hallmarking', '--data', data]);
    expect(added.status).toBe(0);
    expect(added.stdout).toMatch(/Password \(shown once\): [A-Za-z0-9_-]{24}/);
  });

  it('lists, disables, enables and resets users, so a leaver loses access from the command line', async () => {
    const listed = cli(['user', 'list', '--data', data]);
    expect(listed.status).toBe(0);
    expect(listed.stdout).toMatch(/head@bis\.example\.in\tadmin\tactive/);
    expect(listed.stdout).toMatch(/opc@bis\.example\.in\tdepartment:hallmarking\tactive/);

    expect(cli(['user', 'disable', '--email', 'head@bis.example.in', '--data', data]).stdout).toContain('Disabled and signed out head@bis.example.in');
    expect(cli(['user', 'list', '--data', data]).stdout).toMatch(/head@bis\.example\.in\tadmin\tdisabled/);
    const running = await serve(['--data', data]);
    expect(await login(running.url, 'head@bis.example.in')).toBe(401);
    running.child.kill('SIGTERM');
    expect(await running.exit).toBe(0);

    expect(cli(['user', 'enable', '--email', 'head@bis.example.in', '--data', data]).status).toBe(0);
    const reset = cli(['user', 'reset', '--email', 'head@bis.example.in', '--data', data]);
    expect(reset.stdout).toMatch(/Password \(shown once\): ([A-Za-z0-9_-]{24})/);
    const unknown = cli(['user', 'disable', '--email', 'nobody@bis.example.in', '--data', data]);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('no user nobody@bis.example.in');
    expect(cli(['user', 'reset', '--email', 'head@bis.example.in', '--data', data], { input: `${PASSWORD}\n` }).status).toBe(0);
    const back = await serve(['--data', data]);
    expect(await login(back.url, 'head@bis.example.in')).toMatchObject({ user: { role: 'admin' } });
    back.child.kill('SIGTERM');
    expect(await back.exit).toBe(0);
  }, 120_000); // ten processes, each opening PGlite
});

describe('samvad serve with DATABASE_URL', () => {
  it('serves from PostgreSQL, with users added by the CLI against the same database', async () => {
    const scratch = await scratchDatabase('postgres');
    try {
      const env = { DATABASE_URL: scratch.url! };
      expect(cli(['user', 'add', '--email', 'pg@bis.example.in', '--name', 'P. G.', '--role', 'moderator'], { input: PASSWORD, env }).status).toBe(0);
      const running = await serve([], env);
      expect(HealthResponse.parse(await (await fetch(`${running.url}/health`)).json()).database).toBe('postgres');
      expect(await login(running.url, 'pg@bis.example.in')).toMatchObject({ user: { role: 'moderator' } });
      running.child.kill('SIGTERM');
      expect(await running.exit).toBe(0);
    } finally {
      await scratch.drop();
    }
  });
});
