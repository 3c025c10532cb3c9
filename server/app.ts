import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import cors from '@fastify/cors';
import websocket from '@fastify/websocket';
import { STATUS_CODES } from 'node:http';
import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
} from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { ApiError } from '../lib/contract/api';
import { findUnstorable } from '../lib/contract/text';
import { describeError, withSafeSerializers } from './logging';
import type { Database } from './db/connect';
import authPlugin from './plugins/auth';
import clockPlugin from './plugins/clock';
import dbPlugin from './plugins/db';
import pokesPlugin from './plugins/pokes';
import retentionPlugin, { type RetentionScheduleOptions } from './plugins/retention';
import { approverRoutes } from './routes/approvers';
import { auditRoutes } from './routes/audit';
import { authRoutes, type LoginRateLimit } from './routes/auth';
import { healthRoutes } from './routes/health';
import { itemRoutes } from './routes/items';
import { orgRoutes } from './routes/org';
import { reportRoutes } from './routes/reports';
import { syncRoutes } from './routes/sync';
import { userRoutes } from './routes/users';

export interface AppOptions {
  database: Database;
  /** Reported by GET /health; defaults to package.json's version. */
  version?: string;
  /** Bearer token lifetime; default 14 days. */
  tokenTtlMs?: number;
  /** Default: 10 login attempts per account and 30 per client address per minute. */
  loginRateLimit?: Partial<LoginRateLimit>;
  /**
   * Fastify's trustProxy: true (any), or the proxy addresses or CIDR ranges (comma-separated or a list)
   * whose X-Forwarded-For names the client. Set it behind the HTTPS proxy, or every user shares its
   * address (and its login limit). Default false.
   */
  trustProxy?: boolean | string | string[];
  /**
   * Exact extension origins (or bare extension ids) admitted by CORS and the poke socket, e.g.
   * "chrome-extension://<id>". Default: any chrome-extension:// or moz-extension:// origin.
   */
  extensionOrigins?: string[];
  /** Poke socket ping interval; default 20 s. */
  pingIntervalMs?: number;
  /** Pokes arriving within this window after one sent are coalesced; default 100 ms. */
  pokeThrottleMs?: number;
  logger?: FastifyServerOptions['logger'];
  /** The server's clock (serverTime in sync answers); tests pass one they move. Default: real time. */
  clock?: () => Date;
  /** The built dashboard (`npm run build:dashboard`); default dist/dashboard of the package. */
  dashboardDir?: string;
  /** Applies the organisation's retention setting on start and every day, archiving into its directory; absent: never by itself. */
  retention?: RetentionScheduleOptions;
}

export const DASHBOARD_DIR = fileURLToPath(new URL('../dist/dashboard', import.meta.url));

export const PACKAGE_VERSION: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

const CHROME_EXTENSION = /^chrome-extension:\/\/[a-p]{32}$/;
const FIREFOX_EXTENSION = /^moz-extension:\/\/[0-9a-f-]{36}$/;

const CHROME_ID = /^[a-p]{32}$/;
const FIREFOX_ID = /^[0-9a-f-]{36}$/;

/**
 * Requests without an Origin (the CLI, other servers, tests) are not browser pages and pass.
 * `extensionOrigins` entries are origins or bare extension ids (Chrome's 32 letters, Firefox's UUID).
 */
export function originPolicy(extensionOrigins: string[] | undefined): (origin: string | undefined) => boolean {
  const exact = (extensionOrigins ?? []).map((entry) =>
    CHROME_ID.test(entry) ? `chrome-extension://${entry}` : FIREFOX_ID.test(entry) ? `moz-extension://${entry}` : entry,
  );
  return (origin) => {
    if (!origin) return true;
    if (exact.length > 0) return exact.includes(origin);
    return CHROME_EXTENSION.test(origin) || FIREFOX_EXTENSION.test(origin);
  };
}

/**
 * On every answer. Nothing the server sends is to be cached (tokens, rows, the audit trail), sniffed
 * into another type, framed, or sent on as a referrer; the CSP is a strict one for the dashboard
 * (its own scripts, styles and API only: no inline script or style element, nothing from elsewhere).
 */
export const SECURITY_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
} as const;

/** Builds the server without listening, so tests drive it with inject() and listen.ts binds it. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const serverOptions: FastifyServerOptions = {
    logger: withSafeSerializers(options.logger),
    bodyLimit: 4 * 1024 * 1024,
    trustProxy: options.trustProxy ?? false,
  };
  const app = Fastify(serverOptions).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({ statusCode: 404, error: 'Not Found', message: `no route ${request.method} ${request.url.split('?')[0]}` }),
  );

  app.addHook('preValidation', refuseUnstorableInput);
  app.addHook('onSend', async (_request, reply) => {
    reply.headers(SECURITY_HEADERS);
  });

  const isAllowedOrigin = originPolicy(options.extensionOrigins);
  await app.register(dbPlugin, { database: options.database });
  await app.register(clockPlugin, { clock: options.clock ?? (() => new Date()) });
  await app.register(cors, {
    origin: (origin, callback) => callback(null, isAllowedOrigin(origin)),
    methods: ['GET', 'POST', 'PUT'],
    allowedHeaders: ['authorization', 'content-type'],
    maxAge: 600,
  });
  await app.register(websocket, { options: { maxPayload: 4096 } });
  await app.register(authPlugin);
  await app.register(pokesPlugin, {
    pingIntervalMs: options.pingIntervalMs ?? 20_000,
    throttleMs: options.pokeThrottleMs ?? 100,
  });

  if (options.retention) await app.register(retentionPlugin, options.retention);
  await app.register(healthRoutes, { version: options.version ?? PACKAGE_VERSION });
  await app.register(authRoutes, {
    tokenTtlMs: options.tokenTtlMs ?? 14 * 24 * 3600 * 1000,
    loginRateLimit: { max: 10, maxPerAddress: 30, timeWindowMs: 60_000, ...options.loginRateLimit },
  });
  await app.register(userRoutes);
  await app.register(approverRoutes);
  await app.register(orgRoutes);
  await app.register(syncRoutes, { isAllowedOrigin });
  await app.register(itemRoutes);
  await app.register(auditRoutes);
  await app.register(reportRoutes);
  await registerDashboard(app, options.dashboardDir ?? DASHBOARD_DIR);
  return app;
}

/** The dashboard's files at `/` (its scripts and styles are the only ones the CSP admits). */
async function registerDashboard(app: FastifyInstance, root: string) {
  if (existsSync(`${root}/index.html`)) {
    await app.register(fastifyStatic, { root, prefix: '/', index: 'index.html', cacheControl: false, etag: true });
    return;
  }
  app.get('/', async (_request, reply) =>
    reply.code(503).type('text/plain; charset=utf-8').send('The dashboard is not built: run `npm run build:dashboard` (npm run build and npm start do).\n'),
  );
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route checks its text itself (a push rejects just the mutation carrying unstorable text). */
    checksTextItself?: boolean;
  }
}

/**
 * 400 for a body, query or path nested deeper than MAX_JSON_DEPTH or holding text PostgreSQL cannot
 * store (U+0000, lone surrogates), before any validation walks it or any query sees it.
 */
async function refuseUnstorableInput(request: FastifyRequest, reply: FastifyReply) {
  const text = !request.routeOptions.config.checksTextItself;
  for (const [part, value] of [
    ['body', request.body],
    ['querystring', request.query],
    ['params', request.params],
  ] as const) {
    const problem = findUnstorable(value, { text });
    if (problem) {
      const body: ApiError = {
        statusCode: 400,
        error: 'Bad Request',
        message: `${[part, ...problem.path].join('.')}: ${problem.message}`,
        issues: [{ in: part, path: problem.path, message: problem.message }],
      };
      return reply.code(400).send(body);
    }
  }
}

/**
 * Malformed requests answer 400 naming each zod issue's path; other client errors keep their 4xx;
 * anything else is our fault: logged, answered 500 without details.
 */
function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (hasZodFastifySchemaValidationErrors(error)) {
    const part: string = error.validationContext ?? 'body';
    const issues = error.validation.map((issue) => ({
      in: part,
      path: issue.instancePath
        .split('/')
        .slice(1)
        .filter((segment) => segment.length > 0)
        .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment)),
      message: issue.message ?? 'invalid',
    }));
    const body: ApiError = {
      statusCode: 400,
      error: 'Bad Request',
      message: issues.map((i) => `${[i.in, ...i.path].join('.')}: ${i.message}`).join('; '),
      issues,
    };
    return reply.code(400).send(body);
  }
  const statusCode = typeof error.statusCode === 'number' ? error.statusCode : 500;
  if (statusCode >= 400 && statusCode < 500) {
    const body: ApiError = { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message: error.message };
    return reply.code(statusCode).send(body);
  }
  // Never the request's data or a query's parameters: describeError keeps the kind, code and frames.
  request.log.error({ error: describeError(error) }, 'request failed');
  const body: ApiError = { statusCode: 500, error: 'Internal Server Error', message: 'internal error (logged on the server)' };
  return reply.code(500).send(body);
}
