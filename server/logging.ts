import type { FastifyServerOptions } from 'fastify';

/** The poke socket's `?token=` (a bearer token) never reaches a log line. */
export function redactUrl(url: string): string {
  return url.replace(/([?&]token=)[^&#]*/gi, '$1[redacted]');
}

/**
 * What a log line tells of an error: its kind, PostgreSQL's error code and message, and where in our
 * code — never the request's data or a query's parameters (Drizzle's message quotes both: "Failed
 * query: … params: …"; PostgreSQL's detail and where quote the values).
 */
export function describeError(error: unknown): { type: string; message: string; stack: string; [key: string]: unknown } {
  if (!(error instanceof Error)) return { type: typeof error, message: '', stack: '' };
  const cause = error.cause instanceof Error ? error.cause : undefined;
  const failedQuery = error.message.startsWith('Failed query:');
  const message = cause?.message ?? (failedQuery ? 'query failed' : error.message);
  return {
    type: error.name,
    ...(cause ? { causeType: cause.name } : {}),
    code: (cause as { code?: unknown } | undefined)?.code ?? (error as { code?: unknown }).code,
    message: message.slice(0, 300),
    // The first line repeats the message; the frames say where.
    stack: error.stack?.split('\n').slice(1, 8).join('\n') ?? '',
  };
}

/** The server's logger: request lines name method, route and status only; errors as describeError. */
export function serverLogger(level: string): NonNullable<FastifyServerOptions['logger']> {
  return {
    level,
    serializers: {
      req: (request: { method?: string; url?: string; ip?: string }) => ({
        method: request.method,
        url: redactUrl(request.url ?? ''),
        remoteAddress: request.ip,
      }),
      err: describeError,
    },
  };
}
