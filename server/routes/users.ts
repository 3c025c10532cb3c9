import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { CreateUserRequest, CreateUserResponse, UsersResponse } from '../../lib/contract/api';
import { createUser, listUsers } from '../services/users';

export const userRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/users', { onRequest: app.requireRole('admin'), schema: { response: { 200: UsersResponse } } }, async () => ({
    users: await listUsers(app.db),
  }));

  app.post(
    '/users',
    { onRequest: app.requireRole('admin'), schema: { body: CreateUserRequest, response: { 201: CreateUserResponse } } },
    async (request, reply) => {
      const user = await createUser(app.db, request.body, request.auth.user.id);
      return reply.code(201).send({ user });
    },
  );
};
