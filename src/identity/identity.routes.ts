// HTTP adapter for sign-in and staff administration.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { authenticate, requireActor, sessionToken } from '../http/authentication.js';
import { IdParams, NoContent } from '../http/schemas.js';
import type { AuthService } from './auth.service.js';
import { ChangePasswordBody, CreateStaffBody, ListStaffQuery, LoginBody, SetRolesBody } from './identity.schemas.js';
import type { StaffService } from './staff.service.js';

const security = [{ session: [] }];

export function authRoutes(auth: AuthService, cookie: { name: string; secure: boolean }) {
  return async function register(fastify: FastifyInstance): Promise<void> {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

    app.post('/login', {
      config: { cost: 'login' },
      schema: { tags: ['auth'], summary: 'Sign in; sets an HttpOnly session cookie', body: LoginBody, response: { 200: Type.Ref('StaffProfile') } },
      handler: async (request, reply) => {
        const { token, expiresAt, profile } = await auth.login(request.body.username, request.body.password, { requestId: request.id });
        reply.setCookie(cookie.name, token, { path: '/', httpOnly: true, sameSite: 'strict', secure: cookie.secure, expires: expiresAt });
        return profile;
      },
    });

    app.post('/logout', {
      schema: { tags: ['auth'], summary: 'Sign out; ends the session', security, response: { 204: NoContent } },
      handler: async (request, reply) => {
        const token = sessionToken(request);
        if (token) await auth.logout(token, { requestId: request.id });
        reply.clearCookie(cookie.name, { path: '/' });
        return reply.status(204).send(null);
      },
    });

    app.post('/logout-all', {
      onRequest: authenticate,
      schema: { tags: ['auth'], summary: 'Sign out everywhere: ends every session of the signed-in account', security, response: { 200: Type.Object({ sessionsEnded: Type.Integer() }) } },
      handler: async (request, reply) => {
        const sessionsEnded = await auth.logoutEverywhere(await requireActor(request), { requestId: request.id });
        reply.clearCookie(cookie.name, { path: '/' });
        return { sessionsEnded };
      },
    });

    app.post('/password', {
      onRequest: authenticate,
      schema: { tags: ['auth'], summary: 'Change one’s password: every session ends, this device gets a new one', security, body: ChangePasswordBody, response: { 204: NoContent } },
      handler: async (request, reply) => {
        const { token, expiresAt } = await auth.changePassword(await requireActor(request), request.body.currentPassword, request.body.newPassword, { requestId: request.id });
        reply.setCookie(cookie.name, token, { path: '/', httpOnly: true, sameSite: 'strict', secure: cookie.secure, expires: expiresAt });
        return reply.status(204).send(null);
      },
    });

    app.get('/me', {
      onRequest: authenticate,
      schema: { tags: ['auth'], summary: 'The signed-in staff member and their roles per unit', security, response: { 200: Type.Ref('StaffProfile') } },
      handler: async (request) => auth.profile(await requireActor(request)),
    });
  };
}

export function staffRoutes(staff: StaffService) {
  return async function register(fastify: FastifyInstance): Promise<void> {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

    app.get('', {
      onRequest: authenticate,
      schema: { tags: ['staff'], summary: 'Staff of the units you administer', security, querystring: ListStaffQuery, response: { 200: Type.Object({ items: Type.Array(Type.Ref('StaffProfile')) }) } },
      handler: async (request) => {
        const actor = await requireActor(request);
        return { items: await staff.listStaff(actor, request.query.unitId, request.query.limit, request.query.offset) };
      },
    });

    app.post('', {
      onRequest: authenticate,
      schema: { tags: ['staff'], summary: 'Create a staff account with roles in units you administer', security, body: CreateStaffBody, response: { 201: Type.Ref('StaffProfile') } },
      handler: async (request, reply) => {
        const actor = await requireActor(request);
        return reply.status(201).send(await staff.createStaff(actor, request.body, { requestId: request.id }));
      },
    });

    for (const [action, disabled] of [['disable', true], ['enable', false]] as const) {
      app.post(`/:id/${action}`, {
        onRequest: authenticate,
        schema: {
          tags: ['staff'],
          summary: disabled ? 'Disable an account: it can no longer sign in and every session of it ends at once' : 'Enable a disabled account again',
          security,
          params: IdParams,
          response: { 200: Type.Object({ sessionsEnded: Type.Integer() }) },
        },
        handler: async (request) => staff.setDisabled(await requireActor(request), request.params.id, disabled, { requestId: request.id }),
      });
    }

    app.put('/:id/roles', {
      onRequest: authenticate,
      schema: { tags: ['staff'], summary: 'Set the roles of a staff member in the units you administer', security, params: IdParams, body: SetRolesBody, response: { 200: Type.Ref('StaffProfile') } },
      handler: async (request) => {
        const actor = await requireActor(request);
        return staff.setRoles(actor, request.params.id, request.body.roles, { requestId: request.id });
      },
    });
  };
}
