// HTTP adapter for citizens (no login yet): online filing as a draft or at once, the draft edited and
// submitted with its token, and the public lookup by code (no personal data).
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { IdParams } from '../http/schemas.js';
import { dossierView } from './dossier.js';
import { CodeParams, DraftTokenHeaders, FileOnlineBody, FileOnlineResponse, IdempotencyHeaders, PublicLookupResponse, UpdateDraftBody } from './dossiers.schemas.js';
import type { IntakeService } from './intake.service.js';
import type { DossierQueries } from './queries.service.js';

const tags = ['public: dossiers'];

export function publicDossiersRoutes(intake: IntakeService, queries: DossierQueries) {
  return async function register(fastify: FastifyInstance): Promise<void> {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

    app.post('', {
      schema: { tags, summary: 'File online: keep a draft (returns its token) or submit at once', headers: IdempotencyHeaders, body: FileOnlineBody, response: { 201: FileOnlineResponse } },
      handler: async (request, reply) => {
        const key = request.headers['idempotency-key'];
        const result = await intake.fileOnline(request.body, key ? { idempotencyKey: key } : {});
        return reply.status(201).send({ dossier: dossierView(result.state), draftToken: result.draftToken });
      },
    });

    app.get('/:id', {
      schema: { tags, summary: 'One’s own online dossier (X-Draft-Token): the draft to resume, then its status, code and appointment', headers: DraftTokenHeaders, params: IdParams, response: { 200: Type.Ref('Dossier') } },
      handler: async (request) => dossierView(await intake.readOwn(request.params.id, request.headers['x-draft-token'])),
    });

    app.patch('/:id', {
      schema: { tags, summary: 'Edit one’s draft (X-Draft-Token)', headers: DraftTokenHeaders, params: IdParams, body: UpdateDraftBody, response: { 200: Type.Ref('Dossier') } },
      handler: async (request) => {
        const key = request.headers['idempotency-key'];
        const token = request.headers['x-draft-token'];
        return dossierView(await intake.updateDraft(request.params.id, token ? { token } : {}, request.body, key ? { idempotencyKey: key } : {}));
      },
    });

    app.post('/:id/submit', {
      schema: { tags, summary: 'Submit one’s draft (X-Draft-Token)', headers: DraftTokenHeaders, params: IdParams, response: { 200: Type.Ref('Dossier') } },
      handler: async (request) => {
        const key = request.headers['idempotency-key'];
        return dossierView(await intake.submit(request.params.id, request.headers['x-draft-token'], key ? { idempotencyKey: key } : {}));
      },
    });

    app.get('/lookup/:code', {
      schema: { tags, summary: 'Look a dossier up by its code: procedure, status, appointment and progress (no personal data)', params: CodeParams, response: { 200: PublicLookupResponse } },
      handler: async (request) => queries.publicLookup(request.params.code),
    });
  };
}
