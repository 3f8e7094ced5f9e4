// HTTP adapter of the legal clock.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { authenticate, requireActor } from '../http/authentication.js';
import { pickLanguage } from '../http/language.js';
import {
  CalendarListResponse,
  ClassifyBody,
  ClassifyResponse,
  RuleSetsResponse,
  CalendarParams,
  CalendarResponse,
  CreateCalendarBody,
  DaysQuery,
  DaysResponse,
  DueDateBody,
  DueDateResponse,
  RecordYearBody,
  YearListResponse,
  YearListVersionsResponse,
  YearParams,
} from './calendar.schemas.js';
import { traceToJson, type CalendarService } from './calendar.service.js';
import { classifyCompletion } from './classify.js';
import { CLOCK_RULE_SETS } from './rule-sets.js';

const security = [{ session: [] }];

export function calendarRoutes(calendar: CalendarService) {
  return async function register(fastify: FastifyInstance): Promise<void> {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

    app.get('', {
      schema: { tags: ['calendar'], summary: 'Calendars: the national one and those of provinces or units (public)', response: { 200: CalendarListResponse } },
      handler: async () => ({ items: await calendar.listCalendars() }),
    });

    app.post('', {
      onRequest: authenticate,
      schema: { tags: ['calendar'], summary: 'Create the calendar of a province or unit (administrators of that unit)', security, body: CreateCalendarBody, response: { 201: CalendarResponse } },
      handler: async (request, reply) => reply.status(201).send(await calendar.createCalendar(await requireActor(request), request.body)),
    });

    app.post('/due-date', {
      schema: {
        tags: ['calendar'],
        summary: 'Compute a due date (public): working days or hours, calendar days or months, with cut-off, pauses and extension, and explain it',
        body: DueDateBody,
        response: { 200: DueDateResponse },
      },
      handler: async (request) => {
        const body = request.body;
        const result = await calendar.dueDate(
          {
            ...(body.calendarId ? { calendarId: body.calendarId } : {}),
            ...(body.unitId ? { unitId: body.unitId } : {}),
            receivedAt: new Date(body.receivedAt),
            duration: body.duration,
            cutOff: body.cutOff ?? null,
            pauses: (body.pauses ?? []).map((p) => ({ from: new Date(p.from), to: p.to === null ? null : new Date(p.to), ...(p.reason ? { reason: p.reason } : {}) })),
            ...(body.pauseRule ? { pauseRule: body.pauseRule } : {}),
            ...(body.ruleSetId ? { ruleSetId: body.ruleSetId } : {}),
            ...(body.listsKnownAt ? { listsKnownAt: new Date(body.listsKnownAt) } : {}),
            extension: body.extension ?? null,
          },
          pickLanguage(request.headers['accept-language']),
        );
        return { calendarId: result.calendarId, ruleSetId: result.ruleSetId, dueAt: result.dueAt?.toISOString() ?? null, explanation: result.explanation, trace: traceToJson(result.trace) };
      },
    });

    app.get('/rule-sets', {
      schema: { tags: ['calendar'], summary: 'Rule sets of the legal clock with the dates they are in force from (public)', response: { 200: RuleSetsResponse } },
      handler: async () => ({ items: [...CLOCK_RULE_SETS] }),
    });

    app.post('/classify', {
      schema: { tags: ['calendar'], summary: 'Early, on time or late (trước hạn / đúng hạn / quá hạn) for a due and a completion instant (public)', body: ClassifyBody, response: { 200: ClassifyResponse } },
      handler: async (request) => {
        const dueAt = new Date(request.body.dueAt);
        const rule = request.body.rule ?? calendar.ruleSetFor(dueAt)?.timelinessRule ?? 'by_day';
        return { timeliness: classifyCompletion(dueAt, new Date(request.body.completedAt), rule), rule };
      },
    });

    app.get('/:id/days', {
      schema: { tags: ['calendar'], summary: 'Working and non-working days with their reasons (public)', params: CalendarParams, querystring: DaysQuery, response: { 200: DaysResponse } },
      handler: async (request) => ({ items: await calendar.days(request.params.id, request.query.from, request.query.to) }),
    });

    app.get('/:id/years/:year', {
      schema: { tags: ['calendar'], summary: "A year's list of days off in force: recorded (official or provisional) or proposed", params: YearParams, response: { 200: YearListResponse } },
      handler: async (request) => calendar.yearList(request.params.id, request.params.year),
    });

    app.get('/:id/years/:year/versions', {
      schema: { tags: ['calendar'], summary: "Every recorded version of a year's list, oldest first", params: YearParams, response: { 200: YearListVersionsResponse } },
      handler: async (request) => ({ items: await calendar.yearListVersions(request.params.id, request.params.year) }),
    });

    app.put('/:id/years/:year', {
      onRequest: authenticate,
      schema: {
        tags: ['calendar'],
        summary: "Record a new version of a year's list (system administrators for the national calendar; unit administrators for theirs)",
        security,
        params: YearParams,
        body: RecordYearBody,
        response: { 200: YearListVersionsResponse.properties.items.items },
      },
      handler: async (request) => calendar.recordYearList(await requireActor(request), request.params.id, request.params.year, request.body),
    });
  };
}
