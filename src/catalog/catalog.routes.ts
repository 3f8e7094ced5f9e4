// HTTP adapter for the procedure catalogue: public reads, and administration of drafts and publication.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { authenticate, currentActor, requireActor } from '../http/authentication.js';
import { IdParams, NoContent } from '../http/schemas.js';
import type { CatalogAdminService } from './catalog-admin.service.js';
import {
  CodeParams,
  CodeVersionParams,
  CreateProcedureBody,
  FieldsQuery,
  FieldsResponse,
  GetProcedureQuery,
  ListProceduresQuery,
  ProcedureListResponse,
  PublishBody,
  UpdateDraftBody,
  VersionsResponse,
} from './catalog.schemas.js';
import type { CatalogService } from './catalog.service.js';

const security = [{ session: [] }];
const tags = ['procedures'];

export function catalogRoutes(catalog: CatalogService, admin: CatalogAdminService) {
  return async function register(fastify: FastifyInstance): Promise<void> {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

    app.get('', {
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
