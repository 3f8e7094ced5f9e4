// One error model for every response: { error: { code, message, details? } }.
// Status comes from the error catalogue; 5xx never carry internals (they are logged instead).
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors/app-error.js';
import { errorCatalogue, type ErrorCode } from '../errors/error-catalogue.js';
import { currentActor } from './authentication.js';
import { pickLanguage } from './language.js';
import { describeValidationErrors } from './validation.js';

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}

export function errorBody(request: FastifyRequest, code: ErrorCode, details?: unknown): ErrorBody {
  const lang = pickLanguage(request.headers['accept-language']);
  const body: ErrorBody = { error: { code, message: errorCatalogue[code][lang] } };
  if (details !== undefined) body.error.details = details;
  return body;
}

/** Seconds a client is asked to wait after a 429 or 503 that does not say otherwise. */
const DEFAULT_RETRY_AFTER_SECONDS = 1;

export function sendError(request: FastifyRequest, reply: FastifyReply, code: ErrorCode, details?: unknown): FastifyReply {
  const status = errorCatalogue[code].status;
  // 429 and 503 always tell the client when to come back (shed load must not turn into blind retries).
  if ((status === 429 || status === 503) && !reply.hasHeader('retry-after')) {
    const seconds = (details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
    reply.header('retry-after', String(typeof seconds === 'number' ? seconds : DEFAULT_RETRY_AFTER_SECONDS));
  }
  return reply.status(errorCatalogue[code].status).type('application/json; charset=utf-8').send(errorBody(request, code, details));
}

/** Maps Fastify's own client errors (bad JSON, bad content type, body too large…) to our codes. */
function codeForFrameworkError(error: FastifyError): ErrorCode | undefined {
  const status = error.statusCode ?? 500;
  if (status >= 500) return undefined;
  if (error instanceof SyntaxError || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
    return 'MALFORMED_JSON';
  }
  switch (status) {
    case 413:
      return 'PAYLOAD_TOO_LARGE';
    case 415:
      return 'UNSUPPORTED_MEDIA_TYPE';
    case 404:
      return 'ROUTE_NOT_FOUND';
    case 405:
      return 'METHOD_NOT_ALLOWED';
    case 406:
      return 'NOT_ACCEPTABLE';
    default:
      return 'MALFORMED_REQUEST';
  }
}

/** Refusals: recorded with who, what and when (a log line now, an audit row in the next batch). */
const REFUSALS: ReadonlySet<ErrorCode> = new Set(['UNAUTHENTICATED', 'SESSION_EXPIRED', 'INVALID_CREDENTIALS', 'FORBIDDEN', 'DOSSIER_DRAFT_TOKEN_INVALID']);

async function recordRefusal(request: FastifyRequest, code: ErrorCode): Promise<void> {
  const actor = await currentActor(request).catch(() => null);
  const params = Object.fromEntries(Object.entries((request.params ?? {}) as Record<string, unknown>).map(([k, v]) => [k, String(v).slice(0, 200)]));
  const refusal = {
    actorUserId: actor?.userId ?? null,
    method: request.method,
    route: request.routeOptions.url ?? request.url.split('?')[0]!.slice(0, 200),
    status: errorCatalogue[code].status,
    code,
    params,
    requestId: request.id,
  };
  request.log.warn({ refusal: { ...refusal, actor: actor?.username ?? null } }, 'access refused');
  request.server.services.refusals.record(refusal);
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      if (REFUSALS.has(error.code)) await recordRefusal(request, error.code);
      return sendError(request, reply, error.code, error.details);
    }
    if (error.validation) {
      const lang = pickLanguage(request.headers['accept-language']);
      const fields = describeValidationErrors(error.validation as never, error.validationContext ?? 'body', lang);
      return sendError(request, reply, 'VALIDATION_FAILED', { fields });
    }
    const code = codeForFrameworkError(error);
    if (code) return sendError(request, reply, code);
    request.log.error({ err: error }, 'unhandled error');
    return sendError(request, reply, 'INTERNAL_ERROR');
  });

  app.setNotFoundHandler((request, reply) => sendError(request, reply, 'ROUTE_NOT_FOUND'));
}
