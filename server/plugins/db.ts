import fp from 'fastify-plugin';
import type { Database, Db } from '../db/connect';

declare module 'fastify' {
  interface FastifyInstance {
    database: Database;
    db: Db;
  }
}

/** Shares the open database with every route. Opening and closing it belongs to the caller of buildApp. */
export default fp<{ database: Database }>(
  async (app, options) => {
    app.decorate('database', options.database);
    app.decorate('db', options.database.db);
  },
  { name: 'samvad-db' },
);
