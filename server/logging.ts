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
  const code = (cause as { code?: unknown } | undefined)?.code ?? (error as { code?: unknown }).code;
  // PostgreSQL's data exceptions (class 22) quote the offending value: "invalid input syntax for type integer: \"…\"".
  const quotesData = typeof code === 'string' && code.startsWith('22');
  const message = quotesData ? 'data exception' : (cause?.message ?? (failedQuery ? 'query failed' : error.message));
  return {
    type: error.name,
    ...(cause ? { causeType: cause.name } : {}),
    code,
    message: message.slice(0, 300),
    // Only the frames: the stack's head repeats the message (with Drizzle, the query and its parameters).
    stack: (error.stack ?? '')
      .split('\n')
      .filter((line) => /^\s+at /.test(line))
      .slice(0, 8)
      .join('\n'),
  };
}

const serializers = {
  req: (request: { method?: string; url?: string; ip?: string }) => ({
    method: request.method,
    url: redactUrl(request.url ?? ''),
    remoteAddress: request.ip,
  }),
  err: describeError,
};

/**
 * Any logger configuration given to buildApp, with request lines naming method, redacted URL and
 * address only (no headers, no token) and errors as describeError, whoever configured it.
 */
export function withSafeSerializers(logger: FastifyServerOptions['logger']): FastifyServerOptions['logger'] {
  if (!logger) return false;
  if (logger === true) return { serializers };
  return { ...logger, serializers: { ...logger.serializers, ...serializers } };
}
