// OpenAPI 3 document at /openapi.json and a browsable reference at /docs, generated from the
// route schemas themselves (one schema per endpoint gives validation, types and documentation).
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance, RouteOptions } from 'fastify';
import type { Config } from '../config/config.js';
import { ErrorResponse } from './schemas.js';

const ERROR_STATUSES = [400, 401, 403, 404, 409, 413, 415, 422, 429, 500, 503] as const;

/** Every route documents the error model for every error status it can return. */
function addErrorResponses(route: RouteOptions): void {
  if (route.schema?.hide || !route.url.startsWith('/api/')) return;
  const schema = (route.schema ??= {});
  const response = ((schema as { response?: Record<string, unknown> }).response ??= {});
  for (const status of ERROR_STATUSES) response[status] ??= { $ref: 'ErrorResponse#' };
}

export async function registerOpenApi(app: FastifyInstance, config: Config): Promise<void> {
  app.addSchema(ErrorResponse);
  app.addHook('onRoute', addErrorResponses);
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'MotCua API',
        description:
          'Một cửa điện tử — electronic one-stop shop for Vietnamese administrative procedures. ' +
          'Errors: `{ "error": { "code", "message", "details"? } }`, message in Vietnamese or English by `Accept-Language`.',
        version: '0.1.0',
      },
      servers: [{ url: config.publicUrl }],
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: config.session.cookieName, description: 'Staff session cookie set by POST /api/v1/auth/login' },
        },
      },
      tags: [
        { name: 'system', description: 'Liveness and readiness' },
        { name: 'auth', description: 'Staff sign-in (đăng nhập cán bộ)' },
        { name: 'units', description: 'Agencies and units (cơ quan, đơn vị)' },
        { name: 'staff', description: 'Staff accounts and roles (cán bộ, vai trò)' },
        { name: 'calendar', description: 'The legal clock: working days, holidays, due dates (lịch làm việc, thời hạn)' },
        { name: 'procedures', description: 'The procedure catalogue, versioned (thủ tục hành chính)' },
        { name: 'documents', description: 'Official forms as signed PDFs, re-rendered from their snapshots; signing certificates (biểu mẫu, chữ ký số)' },
        { name: 'attachments', description: 'Files: uploads, electronic results, signed copies (tệp đính kèm)' },
      ],
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`) },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { docExpansion: 'list', deepLinking: true } });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
