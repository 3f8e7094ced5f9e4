// Structured logs (pino) with the request id. No personal data: query strings (which may carry
// names or ID numbers), cookies and bodies are never logged; error messages of 5xx are logged
// server-side only.
import type { FastifyServerOptions } from 'fastify';
import type { Config } from '../config/config.js';

interface LoggedRequest {
  id: string;
  method: string;
  url: string;
  routeOptions?: { url?: string };
}

// err.detail / err.parameters: database errors can quote the values of a row (e.g. "Key (code)=(…)").
export const REDACTED_PATHS = ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]', '*.password', '*.nationalId', '*.phone', '*.fullName', 'err.detail', 'err.parameters'];

export function loggerOptions(config: Config, stream?: NodeJS.WritableStream): FastifyServerOptions['logger'] {
  return {
    level: config.logLevel,
    ...(stream ? { stream } : {}),
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: {
      req(request: LoggedRequest) {
        const queryAt = request.url.indexOf('?');
        return {
          id: request.id,
          method: request.method,
          url: queryAt === -1 ? request.url : `${request.url.slice(0, queryAt)}?[query omitted]`,
          route: request.routeOptions?.url,
        };
      },
    },
  };
}
