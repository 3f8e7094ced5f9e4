// Liveness (the process answers) and readiness (the database answers and is migrated).
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Database } from '../db/database.js';
import { pendingMigrations } from '../db/migrate.js';
import { sendError } from '../http/error-handler.js';

const Status = Type.Object({ status: Type.Literal('ok') });
const Ready = Type.Object({ status: Type.Literal('ready'), database: Type.Union([Type.Literal('sqlite'), Type.Literal('postgres')]) });

export function healthRoutes(db: Database) {
  return async function register(app: FastifyInstance): Promise<void> {
    app.get('/health', { schema: { tags: ['system'], summary: 'Liveness', response: { 200: Status } } }, async () => ({ status: 'ok' as const }));

    app.get('/ready', {
      schema: { tags: ['system'], summary: 'Readiness: database reachable and migrations current', response: { 200: Ready } },
      handler: async (request, reply) => {
        try {
          await db.ping();
          const pending = await pendingMigrations(db.reader, db.dialect);
          if (pending.length > 0) return sendError(request, reply, 'NOT_READY', { pendingMigrations: pending });
        } catch (error) {
          request.log.warn({ err: error }, 'readiness check failed');
          return sendError(request, reply, 'NOT_READY');
        }
        return { status: 'ready' as const, database: db.dialect };
      },
    });
  };
}
