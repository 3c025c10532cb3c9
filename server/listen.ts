import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { DEMO_ORG } from '../lib/org/demo-org';
import { buildApp, type AppOptions } from './app';
import { countUsers, openDatabase, seedOrganisation, type Database } from './db/connect';

export interface ServeOptions {
  host: string;
  port: number;
  /** PGlite data directory (ignored when databaseUrl is set). */
  dataDir: string;
  databaseUrl?: string;
  extensionOrigins?: string[];
  trustProxy?: AppOptions['trustProxy'];
  logger?: FastifyServerOptions['logger'];
  /** The server's clock; default real time (e2e tests move it). */
  clock?: AppOptions['clock'];
  /** The daily retention run's archives (AppOptions.retention); absent: no daily run. */
  retention?: AppOptions['retention'];
}

export interface RunningServer {
  app: FastifyInstance;
  database: Database;
  /** http://host:port actually bound (port 0 picks a free one). */
  url: string;
  /** True when this start stored the demo organisation into an empty database. */
  seeded: boolean;
  userCount: number;
  close(): Promise<void>;
}

/** Opens (and migrates) the database, seeds the demo organisation when empty, and listens. */
export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const database = await openDatabase({ databaseUrl: options.databaseUrl, dataDir: options.dataDir });
  try {
    const seeded = await seedOrganisation(database.db, DEMO_ORG);
    const userCount = await countUsers(database.db);
    const app = await buildApp({
      database,
      extensionOrigins: options.extensionOrigins,
      trustProxy: options.trustProxy,
      logger: options.logger,
      clock: options.clock,
      retention: options.retention,
    });
    try {
      await app.listen({ host: options.host, port: options.port });
    } catch (error) {
      await app.close();
      throw error;
    }
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : options.port;
    const host = options.host.includes(':') ? `[${options.host}]` : options.host;
    let closing: Promise<void> | undefined;
    return {
      app,
      database,
      url: `http://${host}:${port}`,
      seeded,
      userCount,
      close() {
        closing ??= app.close().finally(() => database.close());
        return closing;
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
