import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { HealthResponse } from '../../lib/contract/api';

export const healthRoutes: FastifyPluginAsyncZod<{ version: string }> = async (app, options) => {
  app.get('/health', { schema: { response: { 200: HealthResponse } } }, async () => ({
    version: options.version,
    database: app.database.kind,
  }));
};
