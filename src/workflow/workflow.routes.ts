// HTTP adapter for process definitions: reading is open to staff; drafting and publishing to the
// administrators of the province.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { authenticate, requireActor } from '../http/authentication.js';
import { IdParams, NoContent } from '../http/schemas.js';
import { CheckResponse, CreateDraftBody, DefinitionListResponse, InForceQuery, ListDefinitionsQuery, PublishBody, UpdateDraftBody, VersionsQuery, VersionsResponse } from './workflow.schemas.js';
import type { WorkflowService } from './workflow.service.js';

const security = [{ session: [] }];
const tags = ['process definitions'];

export function workflowRoutes(workflow: WorkflowService) {
  return async function register(fastify: FastifyInstance): Promise<void> {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    app.addHook('onRequest', authenticate);

    app.get('', {
      schema: { tags, summary: 'List process definitions', security, querystring: ListDefinitionsQuery, response: { 200: DefinitionListResponse } },
      handler: async (request) => {
        const { limit, offset, procedureCode, status } = request.query;
        return { ...(await workflow.list({ limit, offset, ...(procedureCode ? { procedureCode } : {}), ...(status ? { status } : {}) })), limit, offset };
      },
    });

    app.get('/in-force', {
      schema: { tags, summary: 'The published definition in force for a procedure case on a date', security, querystring: InForceQuery, response: { 200: Type.Ref('ProcessDefinition') } },
      handler: async (request) => workflow.inForce(request.query.procedureCode, request.query.caseCode, request.query.asOf),
    });

    app.get('/versions', {
      schema: { tags, summary: 'Every version of the definition of a procedure case', security, querystring: VersionsQuery, response: { 200: VersionsResponse } },
      handler: async (request) => ({ items: await workflow.versions(request.query.procedureCode, request.query.caseCode) }),
    });

    app.get('/:id', {
      schema: { tags, summary: 'One process definition', security, params: IdParams, response: { 200: Type.Ref('ProcessDefinition') } },
      handler: async (request) => workflow.get(request.params.id),
    });

    app.get('/:id/check', {
      schema: { tags, summary: 'What keeps a definition from being published (allotments against the legal limit, units, shape)', security, params: IdParams, response: { 200: CheckResponse } },
      handler: async (request) => workflow.check(request.params.id),
    });

    app.post('', {
      schema: { tags, summary: 'Create a draft (the next version of the procedure case’s definition)', security, body: CreateDraftBody, response: { 201: Type.Ref('ProcessDefinition') } },
      handler: async (request, reply) => reply.status(201).send(await workflow.createDraft(await requireActor(request), request.body)),
    });

    app.patch('/:id', {
      schema: { tags, summary: 'Edit a draft (published versions are immutable)', security, params: IdParams, body: UpdateDraftBody, response: { 200: Type.Ref('ProcessDefinition') } },
      handler: async (request) => workflow.updateDraft(await requireActor(request), request.params.id, request.body),
    });

    app.post('/:id/publish', {
      schema: { tags, summary: 'Publish a draft from a date; the version in force ends the day before', security, params: IdParams, body: PublishBody, response: { 200: Type.Ref('ProcessDefinition') } },
      handler: async (request) => workflow.publish(await requireActor(request), request.params.id, request.body),
    });

    app.delete('/:id', {
      schema: { tags, summary: 'Delete a draft that was never published', security, params: IdParams, response: { 204: NoContent } },
      handler: async (request, reply) => {
        await workflow.deleteDraft(await requireActor(request), request.params.id);
        return reply.status(204).send(null);
      },
    });
  };
}
