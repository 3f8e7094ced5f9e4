// HTTP adapter for reports: the figures of a unit and its subtree over a period, as JSON.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { authenticate, requireActor } from '../http/authentication.js';
import { ReportQuery, ReportResponse } from './reports.schemas.js';
import type { ReportsService } from './reports.service.js';

const security = [{ session: [] }];
const tags = ['reports'];

export function reportsRoutes(reports: ReportsService) {
  return async function register(fastify: FastifyInstance): Promise<void> {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    app.addHook('onRequest', authenticate);

    app.get('/figures', {
      schema: {
        tags,
        summary: 'The figures of a unit and everything below it over a period (form II.06a columns and more), optionally per field, procedure, unit, channel, online level or officer',
        security,
        querystring: ReportQuery,
        response: { 200: ReportResponse },
      },
      handler: async (request) => reports.report(await requireActor(request), request.query),
    });
  };
}
