import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyInstance {
    /** The server's clock: serverTime in sync answers, and what else depends on the time now. Tests move it. */
    clock: () => Date;
  }
}

export default fp<{ clock: () => Date }>(
  async (app, options) => {
    app.decorate('clock', options.clock);
  },
  { name: 'samvad-clock' },
);
