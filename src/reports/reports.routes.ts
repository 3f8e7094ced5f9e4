// HTTP adapter for reports: the figures of a unit and its subtree over a period, as JSON.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { authenticate, requireActor } from '../http/authentication.js';
import { pickLanguage } from '../http/language.js';
import { drillCsv, FORMS, formCsv, formTable } from './report-forms.js';
import { writeFormWorkbook } from './report-workbook.js';
import type { ReportDrilldownService } from './report-drilldown.service.js';
import { DrillQuery, DrillResponse, FormParams, FormQuery, FormResponse, MonthlyResponse, RankingResponse, ReportQuery, ReportResponse } from './reports.schemas.js';
import type { ReportsService } from './reports.service.js';

const security = [{ session: [] }];
const tags = ['reports'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** A report as a file (Excel or CSV) is an export, limited per client; as JSON it is a page of the console. */
const isFileExport = (request: FastifyRequest) => {
  const format = (request.query as { format?: unknown }).format;
  return format !== undefined && format !== 'json';
};

export function reportsRoutes(reports: ReportsService, drilldown: ReportDrilldownService) {
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

    app.get('/ranking', {
      schema: {
        tags,
        summary: 'Receiving units (or the rows of another grouping) ranked by the Decision 766 indicator 2.1, then the on-time rate, then the number received',
        security,
        querystring: ReportQuery,
        response: { 200: RankingResponse },
      },
      handler: async (request) => {
        const { report, ranked } = await reports.ranking(await requireActor(request), request.query);
        return { unit: report.unit, period: report.period, groupBy: report.groupBy, items: ranked };
      },
    });

    app.get('/monthly', {
      schema: { tags, summary: 'The figures of each month of a period (on-time rate over time)', security, querystring: ReportQuery, response: { 200: MonthlyResponse } },
      handler: async (request) => ({ items: await reports.monthly(await requireActor(request), request.query) }),
    });

    app.get('/dossiers', {
      config: { cost: 'export', costlyWhen: isFileExport },
      schema: {
        tags,
        summary: 'The dossiers behind a number of a report (a figure of a row): a page as JSON, or all of them as CSV; they always add up to the number',
        security,
        querystring: DrillQuery,
        produces: ['application/json', 'text/csv'],
        response: { 200: DrillResponse },
      },
      handler: async (request, reply) => {
        const { format = 'json', ...query } = request.query;
        const actor = await requireActor(request);
        if (format === 'json') return { ...(await drilldown.dossiers(actor, query)), limit: query.limit, offset: query.offset };
        const all = await drilldown.dossiers(actor, { ...query, limit: Number.MAX_SAFE_INTEGER, offset: 0 });
        return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="ho-so-${query.figure}.csv"`).send(drillCsv(all.items) as never);
      },
    });

    app.get('/forms/:form', {
      config: { cost: 'export', costlyWhen: isFileExport },
      schema: {
        tags,
        summary: 'A report form filled in: II.06a (columns 1–13) or the Decision 766 progress table, as JSON, Excel (official layout) or CSV',
        security,
        params: FormParams,
        querystring: FormQuery,
        produces: ['application/json', XLSX, 'text/csv'],
        response: { 200: FormResponse },
      },
      handler: async (request, reply) => {
        const { format = 'json', groupBy = 'field', ...query } = request.query;
        const report = await reports.report(await requireActor(request), { ...query, groupBy });
        const language = pickLanguage(request.headers['accept-language']);
        const table = formTable(FORMS[request.params.form], report, language);
        if (format === 'json') return table;
        const name = `${request.params.form}-${report.period.from}-${report.period.to}`;
        if (format === 'csv') return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}.csv"`).send(formCsv(table) as never);
        const workbook = await writeFormWorkbook(table, language, reports.today());
        return reply.type(XLSX).header('content-disposition', `attachment; filename="${name}.xlsx"`).send(workbook as never);
      },
    });
  };
}
