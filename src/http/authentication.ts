// Reads the staff session cookie and gives routes the acting user as a plain value.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors/app-error.js';
import type { AuthService } from '../identity/auth.service.js';
import type { Actor } from '../identity/roles.js';

interface Authentication {
  readonly service: AuthService;
  readonly cookieName: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    authentication: Authentication;
  }
}

const actorCache = new WeakMap<FastifyRequest, Promise<Actor | null>>();

export function registerAuthentication(app: FastifyInstance, service: AuthService, cookieName: string): void {
  app.decorate('authentication', { service, cookieName });
}

export function sessionToken(request: FastifyRequest): string | undefined {
  const token = request.cookies[request.server.authentication.cookieName];
  return token && token.length <= 128 ? token : undefined;
}

/** The signed-in staff member, or null. Looked up once per request. */
export function currentActor(request: FastifyRequest): Promise<Actor | null> {
  let cached = actorCache.get(request);
  if (!cached) {
    const token = sessionToken(request);
    cached = token ? request.server.authentication.service.authenticate(token) : Promise.resolve(null);
    actorCache.set(request, cached);
  }
  return cached;
}

/** onRequest hook for routes that need a signed-in user: 401 comes before any validation. */
export async function authenticate(request: FastifyRequest): Promise<void> {
  await requireActor(request);
}

export async function requireActor(request: FastifyRequest): Promise<Actor> {
  const actor = await currentActor(request);
  // A cookie that no longer opens a session: it expired, sat idle, or was ended (sign-out elsewhere, account disabled).
  if (!actor) throw new AppError(sessionToken(request) ? 'SESSION_EXPIRED' : 'UNAUTHENTICATED');
  return actor;
}
