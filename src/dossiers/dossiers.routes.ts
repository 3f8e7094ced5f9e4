// HTTP adapter for staff work on dossiers: intake, receipt outcomes, processing steps, pauses, apology,
// return, closing; reads, worklists, timeline and control sheet. One service call per route.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { AppError } from '../errors/app-error.js';
import { authenticate, requireActor } from '../http/authentication.js';
import { IdParams } from '../http/schemas.js';
import type { ClosingService } from './closing.service.js';
import { dossierView } from './dossier.js';
import {
  AnswerBody,
  ApologyBody,
  AssignBody,
  CodeParams,
  CompleteBody,
  ConsultBody,
  ControlSheetResponse,
  CounterIntakeBody,
  DossierDetailResponse,
  DossierListResponse,
  EarlyNoticeBody,
  EventsResponse,
  IdempotencyHeaders,
  ImportQuery,
  ImportReportResponse,
  PaymentRequestBody,
  ReasonBody,
  ReasonItemsBody,
  ReceiveBody,
  RefuseBody,
  ResumeBody,
  ReturnBody,
  SearchQuery,
  SendBackBody,
  TaskParams,
  UpdateDraftBody,
  WorklistQuery,
  WorklistResponse,
} from './dossiers.schemas.js';
import type { ImportService } from './import.service.js';
import type { IntakeService } from './intake.service.js';
import type { ProcessingService } from './processing.service.js';
import type { DossierQueries } from './queries.service.js';

const security = [{ session: [] }];
const tags = ['dossiers'];
const ok = { 200: Type.Ref('Dossier') };

export interface DossierServices {
  readonly intake: IntakeService;
  readonly processing: ProcessingService;
  readonly closing: ClosingService;
  readonly queries: DossierQueries;
  readonly imports: ImportService;
}

export function dossiersRoutes(services: DossierServices) {
  const { intake, processing, closing, queries } = services;
  return async function register(fastify: FastifyInstance): Promise<void> {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    app.addHook('onRequest', authenticate);
    const key = (headers: { 'idempotency-key'?: string }) => (headers['idempotency-key'] ? { idempotencyKey: headers['idempotency-key'] } : {});

    app.post('', {
      schema: { tags, summary: 'Intake at the counter, by post or from messaging, with the receipt outcome (receive / return for completion / refuse / keep a draft)', security, headers: IdempotencyHeaders, body: CounterIntakeBody, response: { 201: Type.Ref('Dossier') } },
      handler: async (request, reply) => reply.status(201).send(dossierView(await intake.intakeAtCounter(await requireActor(request), request.body, key(request.headers)))),
    });

    app.addContentTypeParser('application/x-ndjson', { parseAs: 'string' }, (_request, body, done) => done(null, body));
    app.post('/import', {
      schema: {
        tags,
        summary: 'Import dossiers with their history from a legacy system (system administrators)',
        description: 'Body: NDJSON (Content-Type application/x-ndjson), one legacy dossier per line. Every line is checked by the live rules first; one bad line and nothing is imported (422 DOSSIER_IMPORT_INVALID lists every rejected line). Re-importing skips dossiers already imported.',
        security,
        consumes: ['application/x-ndjson'],
        querystring: ImportQuery,
        response: { 200: ImportReportResponse },
      },
      handler: async (request) => {
        if (typeof request.body !== 'string') throw new AppError('UNSUPPORTED_MEDIA_TYPE');
        return services.imports.importText(await requireActor(request), request.body, { dryRun: request.query.dryRun });
      },
    });

    app.get('', {
      schema: { tags, summary: 'Search the dossiers of the units one works in', security, querystring: SearchQuery, response: { 200: DossierListResponse } },
      handler: async (request) => {
        const { limit, offset, status, code, applicantIdNumber } = request.query;
        const page = await queries.search(await requireActor(request), { limit, offset, ...(status ? { status } : {}), ...(code ? { code } : {}), ...(applicantIdNumber ? { applicantIdNumber } : {}) });
        return { items: page.items.map(dossierView), total: page.total, limit, offset };
      },
    });

    app.get('/worklist', {
      schema: { tags, summary: 'Worklists by role and unit, with the count of every list', security, querystring: WorklistQuery, response: { 200: WorklistResponse } },
      handler: async (request) => queries.worklist(await requireActor(request), request.query.view, { limit: request.query.limit, offset: request.query.offset }),
    });

    app.get('/by-code/:code', {
      schema: { tags, summary: 'A dossier by its code', security, params: CodeParams, response: { 200: DossierDetailResponse } },
      handler: async (request) => dossierView(await queries.getByCode(await requireActor(request), request.params.code)),
    });

    app.get('/:id', {
      schema: { tags, summary: 'A dossier, with what the signed-in user may do with it now', security, params: IdParams, response: { 200: DossierDetailResponse } },
      handler: async (request) => dossierView(await queries.get(await requireActor(request), request.params.id)),
    });

    app.get('/:id/events', {
      schema: { tags, summary: 'The append-only history of the dossier', security, params: IdParams, response: { 200: EventsResponse } },
      handler: async (request) => {
        const events = await queries.events(await requireActor(request), request.params.id);
        return {
          items: events.map(({ seq, recordedAt, event }) => {
            const { type, at, actorId, unitId, ...payload } = event;
            return { seq, type, at, recordedAt, actorId, unitId, payload };
          }),
        };
      },
    });

    app.get('/:id/control-sheet', {
      schema: { tags, summary: 'Processing control sheet (phiếu kiểm soát): hand-overs with early / on time / late per step', security, params: IdParams, response: { 200: ControlSheetResponse } },
      handler: async (request) => queries.controlSheet(await requireActor(request), request.params.id),
    });

    app.patch('/:id/draft', {
      schema: { tags, summary: 'Complete a messaging or postal draft before receiving it', security, headers: IdempotencyHeaders, params: IdParams, body: UpdateDraftBody, response: ok },
      handler: async (request) => dossierView(await intake.updateDraft(request.params.id, { actor: await requireActor(request) }, request.body, key(request.headers))),
    });

    const action = <B>(path: string, summary: string, body: B, run: (actor: Awaited<ReturnType<typeof requireActor>>, id: string, input: any, options: { idempotencyKey?: string }) => Promise<any>) => {
      app.post(path, {
        schema: { tags, summary, security, headers: IdempotencyHeaders, params: IdParams, body: body as any, response: ok },
        handler: async (request) => dossierView(await run(await requireActor(request), (request.params as { id: string }).id, request.body, key(request.headers as { 'idempotency-key'?: string }))),
      });
    };
    action('/:id/receive', 'Receive: dossier code and appointment by the legal clock (online, messaging or postal dossiers)', ReceiveBody, (a, id, b, o) => intake.receive(a, id, b, o));
    action('/:id/return-for-completion', 'Ask for a complete dossier, listing every missing item at once (form 02)', ReasonItemsBody, (a, id, b, o) => intake.returnForCompletion(a, id, b, o));
    action('/:id/refuse', 'Refuse at receipt, with the reason (form 03)', RefuseBody, (a, id, b, o) => intake.refuse(a, id, b, o));
    action('/:id/consultations', 'Consult another unit with a deadline in working days', ConsultBody, (a, id, b, o) => processing.consult(a, id, b, o));
    action('/:id/supplement-request', 'Ask the applicant for a supplement: the clock stops', ReasonItemsBody, (a, id, b, o) => processing.requestSupplement(a, id, b, o));
    action('/:id/payment-request', 'Ask the applicant to pay (financial obligation): the clock stops', PaymentRequestBody, (a, id, b, o) => processing.requestPayment(a, id, b, o));
    action('/:id/resume', 'Record the supplement or the payment: the clock runs again, appointment recomputed', ResumeBody, (a, id, b, o) => processing.resume(a, id, b, o));
    action('/:id/apology', 'Apologise with the reason and one new appointment (once per dossier)', ApologyBody, (a, id, b, o) => processing.apologise(a, id, b, o));
    action('/:id/return', 'Return the result (or the refusal) at the counter, by post or electronically', ReturnBody, (a, id, b, o) => closing.returnResult(a, id, b, o));
    action('/:id/early-return-notice', 'Tell the applicant the result is ready before the appointment', EarlyNoticeBody, (a, id, b, o) => closing.notifyEarlyReturn(a, id, b, o));
    action('/:id/withdraw', 'The applicant withdraws the dossier (before a decision)', ReasonBody, (a, id, b, o) => closing.withdraw(a, id, b, o));
    action('/:id/stop', 'Stop processing at the applicant’s request (before a decision)', ReasonBody, (a, id, b, o) => closing.stop(a, id, b, o));
    action('/:id/cancel', 'Cancel a dossier entered by mistake (administrators; never deleted)', ReasonBody, (a, id, b, o) => closing.cancel(a, id, b, o));

    const taskAction = <B>(path: string, summary: string, body: B, run: (actor: Awaited<ReturnType<typeof requireActor>>, id: string, taskId: string, input: any, options: { idempotencyKey?: string }) => Promise<any>) => {
      app.post(path, {
        schema: { tags, summary, security, headers: IdempotencyHeaders, params: TaskParams, body: body as any, response: ok },
        handler: async (request) => {
          const params = request.params as { id: string; taskId: string };
          return dossierView(await run(await requireActor(request), params.id, params.taskId, request.body, key(request.headers as { 'idempotency-key'?: string })));
        },
      });
    };
    taskAction('/:id/tasks/:taskId/assign', 'Take up a step (no assignee) or assign it (leaders of the step’s unit)', AssignBody, (a, id, t, b, o) => processing.assign(a, id, t, b, o));
    taskAction('/:id/tasks/:taskId/complete', 'Complete a step and hand the dossier on (the decision step records the decision)', CompleteBody, (a, id, t, b, o) => processing.complete(a, id, t, b, o));
    taskAction('/:id/tasks/:taskId/send-back', 'Send the dossier back to an earlier step, with a reason', SendBackBody, (a, id, t, b, o) => processing.sendBack(a, id, t, b, o));
    taskAction('/:id/tasks/:taskId/answer', 'Answer a consultation', AnswerBody, (a, id, t, b, o) => processing.answerConsultation(a, id, t, b, o));
  };
}
