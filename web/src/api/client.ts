// The typed API client: paths, parameters and bodies come from the generated OpenAPI types (schema.ts),
// so a request or response the server does not define fails the type-check. Errors keep the server's
// stable code and its message in the page's language.
import createClient, { type Middleware } from 'openapi-fetch';
import { currentLang } from '../i18n/i18n';
import type { paths } from './schema';

export type { components, paths } from './schema';

/** The JSON body of a path's successful answer. */
export type ApiResponse<P extends keyof paths, M extends keyof paths[P], S extends number = 200> = paths[P][M] extends {
  responses: { [K in S]: { content: { 'application/json': infer T } } };
}
  ? T
  : never;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

const language: Middleware = {
  onRequest({ request }) {
    request.headers.set('Accept-Language', currentLang());
    return request;
  },
};

export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });
api.use(language);

/** The data of an openapi-fetch result, or an ApiError with the server's code and message. */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let result;
  try {
    result = await call;
  } catch {
    throw new ApiError(0, 'NETWORK', '');
  }
  const { data, error, response } = result;
  if (error !== undefined || !response.ok) {
    const body = (error ?? {}) as { error?: { code?: string; message?: string; details?: unknown } };
    throw new ApiError(response.status, body.error?.code ?? 'HTTP_' + response.status, body.error?.message ?? '', body.error?.details);
  }
  return data as T;
}

/** A fresh key per user action, so a retried request changes nothing twice. */
export function idempotencyKey(): string {
  return crypto.randomUUID();
}
