import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ApiError,
  CreateUserRequest,
  CreateUserResponse,
  ManagedUserResponse,
  ResetPasswordRequest,
  UserParams,
  UsersResponse,
} from '../../lib/contract/api';
import { changeUser, createUser, listUsers, type UserChange } from '../services/users';

/** Accounts, for admins: list, add, disable and enable, reset a password, sign every session out. */
export const userRoutes: FastifyPluginAsyncZod = async (app) => {
  const admin = app.requireRole('admin');
  app.get('/users', { onRequest: admin, schema: { response: { 200: UsersResponse } } }, async () => ({
    users: await listUsers(app.db),
  }));

  app.post(
    '/users',
    { onRequest: admin, schema: { body: CreateUserRequest, response: { 201: CreateUserResponse } } },
    async (request, reply) => {
      const user = await createUser(app.db, request.body, request.auth.user.id);
      return reply.code(201).send({ user });
    },
  );

  const response = { 200: ManagedUserResponse, 404: ApiError, 409: ApiError };
  const change = async (id: string, what: UserChange, by: string) => {
    const user = await changeUser(app.db, id, what, by);
    // This instance forgets the user's sessions at once; others sharing the database within 5 s.
    if (what.kind !== 'enable') app.forgetUser(user.id);
    return { user };
  };
  app.post('/users/:id/disable', { onRequest: admin, schema: { params: UserParams, response } }, async (request) =>
    change(request.params.id, { kind: 'disable' }, request.auth.user.id),
  );
  app.post('/users/:id/enable', { onRequest: admin, schema: { params: UserParams, response } }, async (request) =>
    change(request.params.id, { kind: 'enable' }, request.auth.user.id),
  );
  app.post('/users/:id/sign-out', { onRequest: admin, schema: { params: UserParams, response } }, async (request) =>
    change(request.params.id, { kind: 'signOut' }, request.auth.user.id),
  );
  app.post(
    '/users/:id/password',
    { onRequest: admin, schema: { params: UserParams, body: ResetPasswordRequest, response } },
    async (request) => change(request.params.id, { kind: 'reset', password: request.body.password }, request.auth.user.id),
  );
};
