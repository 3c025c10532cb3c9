import { text } from 'node:stream/consumers';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { Password, Role } from '../lib/contract/api';
import { describeIssues } from '../lib/contract/org';
import { DEMO_ORG } from '../lib/org/demo-org';
import { openDatabase, seedOrganisation, type Database } from './db/connect';
import { DataDirLockedError } from './db/lock';
import { startServer } from './listen';
import { applyRetention, backupTo, BackupError, restoreFrom } from './services/backup';
import { publicHolidays, indianStates, withHolidays } from './services/holidays';
import { getOrg, updateOrg } from './services/org';
import { generatePassword } from './services/passwords';
import { changeUser, createUser, listUsers, UnknownUserError, UserInputError } from './services/users';

const USAGE = `usage: samvad serve [--host 127.0.0.1] [--port 8787] [--data DIR] [--trust-proxy true|ADDRESSES] [--archive-dir DIR]
       samvad user add --email E --name N --role admin|moderator|department|approver [--department ID] [--data DIR]
       samvad user list [--data DIR]
       samvad user disable|enable|reset --email E [--data DIR]
       samvad archive --out FILE [--data DIR]   (alias: backup; every table as JSON lines, with a manifest of counts and SHA-256 checksums)
       samvad restore FILE [--data DIR]   (into an empty database; e.g. from PGlite into DATABASE_URL=postgres://…)
       samvad retention --out FILE [--data DIR]   (archives, then removes, items unchanged for the org's retention.removeAfterDays)
       samvad holidays --year YYYY [--state CODE] [--save] [--data DIR]   (India's and a state's public holidays, e.g. --state WB;
         --save adds them to the reply-deadline policy's holidays; lunar-calendar days such as Diwali are not included: add those by hand)
Environment: SAMVAD_HOST, SAMVAD_PORT, SAMVAD_DATA, DATABASE_URL=postgres://… (instead of the PGlite data directory),
SAMVAD_EXTENSION_ORIGINS (comma-separated extension origins or ids admitted), SAMVAD_LOG_LEVEL (default warn),
SAMVAD_TRUST_PROXY (as --trust-proxy: behind an HTTPS proxy, true or the proxy's addresses/CIDR ranges, comma-separated).
serve applies the org's retention setting on start and every 24 h (as samvad retention), writing each archive to
--archive-dir or SAMVAD_ARCHIVE_DIR (default ./.samvad-archives) before it removes anything.
user add and user reset read the password from stdin; with none (or a terminal) they generate one and print it once.
With PGlite, stop the server first (one process per data directory); PostgreSQL backs up while serving.
user disable signs the user out everywhere and refuses their sign-in until user enable; user reset signs them out too.
`;

const DEFAULT_DATA_DIR = './.samvad-data';
const DEFAULT_ARCHIVE_DIR = './.samvad-archives';

/** `samvad serve` and `samvad user add`; returns the exit code (bin/samvad.mjs sets it). */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === 'serve') return await serve(rest);
    if (command === 'backup' || command === 'archive') return await backupCommand(command, rest);
    if (command === 'retention') return await retentionCommand(rest);
    if (command === 'restore') return await restoreCommand(rest);
    if (command === 'holidays') return await holidaysCommand(rest);
    if (command === 'user' && rest[0] === 'add') return await addUser(rest.slice(1));
    if (command === 'user' && rest[0] === 'list') return await listUsersCommand(rest.slice(1));
    if (command === 'user' && (rest[0] === 'disable' || rest[0] === 'enable' || rest[0] === 'reset')) {
      return await changeUserCommand(rest[0], rest.slice(1));
    }
    process.stderr.write(USAGE);
    return 2;
  } catch (error) {
    if (error instanceof DataDirLockedError || error instanceof UserInputError || error instanceof UsageError || error instanceof UnknownUserError || error instanceof BackupError) {
      process.stderr.write(`samvad: ${error.message}\n`);
      return 1;
    }
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      process.stderr.write(`samvad: ${(error as Error).message}: another server already listens there; choose --port\n`);
      return 1;
    }
    throw error;
  }
}

class UsageError extends Error {}

function parse<T extends Record<string, { type: 'string' }>>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values as { [K in keyof T]?: string };
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
}

const databaseOptions = (data: string | undefined) => ({
  databaseUrl: process.env.DATABASE_URL || undefined,
  dataDir: data ?? process.env.SAMVAD_DATA ?? DEFAULT_DATA_DIR,
});

async function serve(args: string[]): Promise<number> {
  const flags = parse(args, {
    host: { type: 'string' },
    port: { type: 'string' },
    data: { type: 'string' },
    'trust-proxy': { type: 'string' },
    'archive-dir': { type: 'string' },
  });
  const port = z.coerce.number().int().min(0).max(65535).safeParse(flags.port ?? process.env.SAMVAD_PORT ?? 8787);
  if (!port.success) throw new UsageError(`--port must be a number from 0 to 65535`);
  const db = databaseOptions(flags.data);
  // Signal handlers go in before anything starts: a SIGTERM during start-up still closes cleanly.
  let stopRequested: string | null = null;
  let stop: ((signal: string) => void) | null = null;
  const onSignal = (signal: string) => {
    if (stop) stop(signal);
    else stopRequested = signal;
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const removeHandlers = () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer({
      host: flags.host ?? process.env.SAMVAD_HOST ?? '127.0.0.1',
      port: port.data,
      ...db,
      extensionOrigins: process.env.SAMVAD_EXTENSION_ORIGINS?.split(',').map((o) => o.trim()).filter(Boolean),
      trustProxy: parseTrustProxy(flags['trust-proxy'] ?? process.env.SAMVAD_TRUST_PROXY),
      logger: { level: process.env.SAMVAD_LOG_LEVEL ?? 'warn' },
      // The organisation's retention setting applies itself daily; its archives are kept here.
      retention: { archiveDir: flags['archive-dir'] ?? process.env.SAMVAD_ARCHIVE_DIR ?? DEFAULT_ARCHIVE_DIR },
    });
  } catch (error) {
    removeHandlers();
    throw error;
  }
  const where = db.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${db.dataDir}`;
  const lines = [`Samvad server listening on ${server.url} (database: ${where})`];
  if (server.seeded) lines.push(`Stored the demo organisation "${DEMO_ORG.name.en}".`);
  if (server.userCount === 0) {
    const dataFlag = db.databaseUrl ? '' : ` --data ${db.dataDir}`;
    lines.push(
      'No users yet. Stop the server (PGlite allows one process) and add the first admin:',
      `  npx samvad user add --email you@example.gov.in --name "Your Name" --role admin${dataFlag}`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  return new Promise<number>((resolve) => {
    stop = (signal: string) => {
      removeHandlers();
      process.stdout.write(`${signal}: closing the server and the database\n`);
      server.close().then(
        () => resolve(0),
        (error: unknown) => {
          process.stderr.write(`samvad: error while closing: ${String(error)}\n`);
          resolve(1);
        },
      );
    };
    if (stopRequested) stop(stopRequested);
  });
}

/** "true"/"false", or proxy addresses and CIDR ranges, comma-separated. */
export function parseTrustProxy(value: string | undefined): boolean | string[] {
  const text = value?.trim() ?? '';
  if (text === '' || text === 'false') return false;
  if (text === 'true') return true;
  return text.split(',').map((entry) => entry.trim()).filter(Boolean);
}

/** The password from stdin, or a generated one (printed once) when stdin is a terminal or empty. */
async function readPassword(): Promise<{ password: string; generated: boolean }> {
  let password = process.stdin.isTTY ? '' : (await text(process.stdin)).replace(/\r?\n$/, '');
  const generated = password.length === 0;
  if (generated) password = generatePassword();
  const checked = Password.safeParse(password);
  if (!checked.success) throw new UsageError(`password: ${checked.error.issues[0]?.message ?? 'invalid'}`);
  return { password, generated };
}

async function withDatabase<T>(data: string | undefined, run: (db: Database['db']) => Promise<T>): Promise<T> {
  const database = await openDatabase(databaseOptions(data));
  try {
    await seedOrganisation(database.db, DEMO_ORG);
    return await run(database.db);
  } finally {
    await database.close();
  }
}

const describeCounts = (counts: Record<string, number>) =>
  Object.entries(counts)
    .map(([table, n]) => `${table} ${n}`)
    .join(', ');

async function backupCommand(command: 'backup' | 'archive', args: string[]): Promise<number> {
  const flags = parse(args, { out: { type: 'string' }, data: { type: 'string' } });
  if (!flags.out) throw new UsageError(`${command} needs --out FILE\n${USAGE}`);
  const out = flags.out;
  const database = await openDatabase(databaseOptions(flags.data));
  try {
    const counts = await backupTo(database.db, out);
    process.stdout.write(`${command === 'archive' ? 'Archived' : 'Backed up'} to ${out}: ${describeCounts(counts)}.\n`);
    return 0;
  } finally {
    await database.close();
  }
}

async function retentionCommand(args: string[]): Promise<number> {
  const flags = parse(args, { out: { type: 'string' }, data: { type: 'string' } });
  if (!flags.out) throw new UsageError(`retention needs --out FILE\n${USAGE}`);
  const out = flags.out;
  return withDatabase(flags.data, async (db) => {
    const { org } = await getOrg(db);
    if (!org.retention) {
      process.stdout.write('No retention set (org config retention.removeAfterDays): everything is kept.\n');
      return 0;
    }
    const counts = await applyRetention(db, out, org.retention.removeAfterDays);
    if (!counts) process.stdout.write(`No item is unchanged for ${org.retention.removeAfterDays} days: nothing archived or removed.\n`);
    else process.stdout.write(`Archived to ${out} and removed items unchanged for ${org.retention.removeAfterDays} days: ${describeCounts(counts)}.\n`);
    return 0;
  });
}

async function holidaysCommand(args: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: { year: { type: 'string' }, state: { type: 'string' }, save: { type: 'boolean' }, data: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
  const year = Number(values.year);
  if (!Number.isInteger(year) || year < 2000 || year > 2200) throw new UsageError(`holidays needs --year YYYY\n${USAGE}`);
  const states = indianStates();
  const state = values.state?.toUpperCase();
  if (state && !(state in states)) {
    throw new UsageError(`unknown state "${values.state}": one of ${Object.entries(states).map(([code, name]) => `${code} (${name})`).join(', ')}`);
  }
  const found = publicHolidays(year, state);
  for (const holiday of found) process.stdout.write(`${holiday.date}  ${holiday.name}\n`);
  if (!values.save) {
    process.stdout.write(`${found.length} public holidays in ${year}${state ? ` (India and ${states[state]})` : ' (India)'}; --save adds them to the policy.\n`);
    return 0;
  }
  return withDatabase(values.data, async (db) => {
    const { org } = await getOrg(db);
    const holidays = withHolidays(org.sla.holidays, found);
    await updateOrg(db, { sla: { ...org.sla, holidays } }, null);
    process.stdout.write(`Saved: the policy now lists ${holidays.length} holidays (${holidays.length - org.sla.holidays.length} added); open items' due times were recomputed.\n`);
    return 0;
  });
}

async function restoreCommand(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, options: { data: { type: 'string' } }, strict: true, allowPositionals: true });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
  const [file, ...extra] = parsed.positionals;
  if (!file || extra.length > 0) throw new UsageError(`restore needs one FILE\n${USAGE}`);
  // No seeding: the organisation comes from the backup.
  const database = await openDatabase(databaseOptions(parsed.values.data));
  try {
    const counts = await restoreFrom(database.db, file);
    process.stdout.write(`Restored ${file}: ${describeCounts(counts)}.\n`);
    return 0;
  } finally {
    await database.close();
  }
}

async function listUsersCommand(args: string[]): Promise<number> {
  const flags = parse(args, { data: { type: 'string' } });
  const users = await withDatabase(flags.data, (db) => listUsers(db));
  const rows = users.map((u) =>
    [u.email, u.role + (u.departmentId ? `:${u.departmentId}` : ''), u.disabled ? 'disabled' : 'active', `${u.activeSessions} sessions`, u.name].join('\t'),
  );
  process.stdout.write(rows.length ? `${rows.join('\n')}\n` : 'No users yet.\n');
  return 0;
}

async function changeUserCommand(kind: 'disable' | 'enable' | 'reset', args: string[]): Promise<number> {
  const flags = parse(args, { email: { type: 'string' }, data: { type: 'string' } });
  if (!flags.email) throw new UsageError(`user ${kind} needs --email\n${USAGE}`);
  const email = flags.email;
  const secret = kind === 'reset' ? await readPassword() : null;
  const user = await withDatabase(flags.data, (db) =>
    changeUser(db, email, kind === 'reset' ? { kind, password: secret!.password } : { kind }, null),
  );
  const done = { disable: 'Disabled and signed out', enable: 'Enabled', reset: 'Reset the password of, and signed out,' }[kind];
  process.stdout.write(`${done} ${user.email}.\n`);
  if (secret?.generated) process.stdout.write(`Password (shown once): ${secret.password}\n`);
  return 0;
}

async function addUser(args: string[]): Promise<number> {
  const flags = parse(args, {
    email: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string' },
    department: { type: 'string' },
    data: { type: 'string' },
  });
  const input = z
    .object({ email: z.email(), name: z.string().trim().min(1), role: Role, department: z.string().optional() })
    .safeParse(flags);
  if (!input.success) throw new UsageError(`${describeIssues(input.error).join('\n')}\n${USAGE}`);

  const { password, generated } = await readPassword();
  return withDatabase(flags.data, async (db) => {
    const user = await createUser(
      db,
      {
        email: input.data.email,
        name: input.data.name,
        role: input.data.role,
        departmentId: input.data.department ?? null,
        password,
      },
      null,
    );
    process.stdout.write(`Added ${user.role} ${user.email} (${user.id}${user.departmentId ? `, department ${user.departmentId}` : ''}).\n`);
    if (generated) process.stdout.write(`Password (shown once): ${password}\n`);
    return 0;
  });
}
