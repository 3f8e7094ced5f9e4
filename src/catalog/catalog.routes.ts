// HTTP adapter for the procedure catalogue: public reads, and administration of drafts and publication.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { AppError } from '../errors/app-error.js';
import { authenticate, currentActor, requireActor } from '../http/authentication.js';
import { IdParams, NoContent } from '../http/schemas.js';
import type { CatalogAdminService } from './catalog-admin.service.js';
import type { CatalogImportService } from './catalog-import.service.js';
import {
  CodeParams,
  CodeVersionParams,
  CreateProcedureBody,
  DraftsQuery,
  ExportQuery,
  ExportResponse,
  FieldsQuery,
  FieldsResponse,
  GetProcedureQuery,
  ImportBody,
  ImportQuery,
  ImportResponse,
  ListProceduresQuery,
  ProcedureListResponse,
  PublishBody,
  UpdateDraftBody,
  VersionsResponse,
} from './catalog.schemas.js';
import type { CatalogService } from './catalog.service.js';

const security = [{ session: [] }];
const tags = ['procedures'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function catalogRoutes(catalog: CatalogService, admin: CatalogAdminService, transfer: CatalogImportService) {
  return async function register(fastify: FastifyInstance): Promise<void> {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    app.addContentTypeParser(XLSX, { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

    app.get('', {
      config: { cost: 'search', costlyWhen: (request) => Boolean((request.query as { q?: unknown }).q) },
      schema: { tags, summary: 'Procedures in force today or on asOf (public): filters, search without diacritics, ranked', querystring: ListProceduresQuery, response: { 200: ProcedureListResponse } },
      handler: async (request) => {
        const { limit, offset, asOf, level, fieldCode, unitId, onlineLevel, q } = request.query;
        const page = await catalog.listProcedures({
          limit,
          offset,
          ...(asOf ? { onDate: asOf } : {}),
          ...(level ? { level } : {}),
          ...(fieldCode ? { fieldCode } : {}),
          ...(unitId ? { unitId } : {}),
          ...(onlineLevel ? { onlineLevel } : {}),
          ...(q ? { query: q } : {}),
        });
        return { ...page, limit, offset };
      },
    });

    app.get('/fields', {
      schema: { tags, summary: 'Fields (lĩnh vực) of the procedures in force, with how many each has (public)', querystring: FieldsQuery, response: { 200: FieldsResponse } },
      handler: async (request) => ({ items: await catalog.fields(request.query.asOf) }),
    });

    app.get('/export', {
      config: { cost: 'export' },
      schema: {
        tags,
        summary: 'The procedures in force (today or asOf) as national database records (JSON) or an Excel workbook (public)',
        querystring: ExportQuery,
        produces: ['application/json', XLSX],
        response: { 200: ExportResponse },
      },
      handler: async (request, reply) => {
        const { format, asOf } = request.query;
        if (format === 'json') return transfer.exportProcedures('json', asOf);
        const workbook = await transfer.exportProcedures('xlsx', asOf);
        return reply
          .type(XLSX)
          .header('content-disposition', `attachment; filename="thu-tuc-hanh-chinh-${asOf ?? catalog.today()}.xlsx"`)
          .send(workbook as never);
      },
    });

    app.post('/import', {
      onRequest: authenticate,
      schema: {
        tags,
        summary: 'Import procedures (catalogue administrators): national JSON records or an Excel workbook; all or nothing',
        description: `JSON (application/json): an array of records in the national database shape (MATTHC, TENTTHC, LINHVUCTHUCHIEN, CAPTHUCHIEN, TRINHTUTHUCHIEN, CACHTHUCTHUCHIEN, THANHPHANHOSO, YEUCAU, MOTADOITUONGTHUCHIEN, KETQUATHUCHIEN, CANCUPHAPLY, COQUANTHUCHIEN), as GET /export gives. Excel (${XLSX}): the workbook of GET /export?format=xlsx. Creates drafts, or publishes from effectiveFrom with publish=true; content equal to the latest version creates nothing. A 422 PROCEDURE_IMPORT_INVALID lists every rejected entry with its reasons.`,
        security,
        querystring: ImportQuery,
        consumes: ['application/json', XLSX],
        body: ImportBody,
        response: { 200: ImportResponse },
      },
      preValidation: async (request) => {
        // The workbook arrives as bytes: the JSON schema applies to JSON bodies only.
        if (Buffer.isBuffer(request.body)) (request as { workbook?: Buffer }).workbook = request.body;
        if (Buffer.isBuffer(request.body)) request.body = [] as never;
      },
      handler: async (request) => {
        const actor = await requireActor(request);
        const workbook = (request as { workbook?: Buffer }).workbook;
        if (request.headers['content-type']?.startsWith(XLSX) && !workbook) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
        const input = workbook ? ({ format: 'xlsx', content: workbook } as const) : ({ format: 'json', content: request.body } as const);
        const { publish, effectiveFrom, dryRun } = request.query;
        return transfer.importProcedures(actor, input, { publish, dryRun, ...(effectiveFrom ? { effectiveFrom } : {}), requestId: request.id });
      },
    });

    app.get('/drafts', {
      onRequest: authenticate,
      schema: { tags, summary: 'Drafts waiting for publication, most recently changed first (catalogue administrators)', security, querystring: DraftsQuery, response: { 200: ProcedureListResponse } },
      handler: async (request) => {
        const { limit, offset } = request.query;
        return { ...(await catalog.drafts(await requireActor(request), limit, offset)), limit, offset };
      },
    });

    app.get('/versions/:id', {
      schema: { tags, summary: 'A procedure version by its id, whatever its status (the version a dossier was received under)', params: IdParams, response: { 200: Type.Ref('ProcedureVersion') } },
      handler: async (request) => catalog.getVersion(request.params.id),
    });

    app.get('/:code', {
      schema: { tags, summary: 'A procedure: the version in force (today or asOf), or version N', params: CodeParams, querystring: GetProcedureQuery, response: { 200: Type.Ref('ProcedureVersion') } },
      handler: async (request) => {
        const { version, asOf } = request.query;
        if (version !== undefined) return catalog.versionByNumber(await currentActor(request), request.params.code, version);
        return catalog.versionInForce(request.params.code, asOf);
      },
    });

    app.get('/:code/versions', {
      schema: { tags, summary: 'Every version of a procedure, newest first (drafts for catalogue administrators only)', params: CodeParams, response: { 200: VersionsResponse } },
      handler: async (request) => ({ items: await catalog.versions(await currentActor(request), request.params.code) }),
    });

    app.post('', {
      onRequest: authenticate,
      schema: { tags, summary: 'Create a procedure: its first version, as a draft (catalogue administrators)', security, body: CreateProcedureBody, response: { 201: Type.Ref('ProcedureVersion') } },
      handler: async (request, reply) => reply.status(201).send(await admin.createProcedure(await requireActor(request), request.body, { requestId: request.id })),
    });

    app.post('/:code/versions', {
      onRequest: authenticate,
      schema: { tags, summary: 'Start a new draft from the latest version (catalogue administrators)', security, params: CodeParams, response: { 201: Type.Ref('ProcedureVersion') } },
      handler: async (request, reply) => reply.status(201).send(await admin.createDraft(await requireActor(request), request.params.code, { requestId: request.id })),
    });

    app.patch('/:code/versions/:version', {
      onRequest: authenticate,
      schema: { tags, summary: 'Edit a draft (published versions are immutable)', security, params: CodeVersionParams, body: UpdateDraftBody, response: { 200: Type.Ref('ProcedureVersion') } },
      handler: async (request) => admin.updateDraft(await requireActor(request), request.params.code, request.params.version, request.body, { requestId: request.id }),
    });

    app.post('/:code/versions/:version/publish', {
      onRequest: authenticate,
      schema: {
        tags,
        summary: 'Publish a draft from a date; the previous published version ends the day before',
        security,
        params: CodeVersionParams,
        body: PublishBody,
        response: { 200: Type.Ref('ProcedureVersion') },
      },
      handler: async (request) => admin.publish(await requireActor(request), request.params.code, request.params.version, request.body, { requestId: request.id }),
    });

    app.delete('/:code/versions/:version', {
      onRequest: authenticate,
      schema: { tags, summary: 'Delete a draft that was never published (the procedure too if nothing else is left)', security, params: CodeVersionParams, response: { 204: NoContent } },
      handler: async (request, reply) => {
        await admin.deleteDraft(await requireActor(request), request.params.code, request.params.version, { requestId: request.id });
        return reply.status(204).send(null);
      },
    });
  };
}
