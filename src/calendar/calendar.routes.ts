// HTTP adapter of the legal clock.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { pickLanguage } from '../http/language.js';
import { CalendarListResponse, CalendarParams, DaysQuery, DaysResponse, DueDateBody, DueDateResponse } from './calendar.schemas.js';
import { traceToJson, type CalendarService } from './calendar.service.js';

export function calendarRoutes(calendar: CalendarService) {
  return async function register(fastify: FastifyInstance): Promise<void> {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

    app.get('', {
      schema: { tags: ['calendar'], summary: 'Calendars (public)', response: { 200: CalendarListResponse } },
      handler: async () => ({ items: calendar.listCalendars() }),
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
            calendarId: body.calendarId,
            ...(body.unitId ? { unitId: body.unitId } : {}),
            receivedAt: new Date(body.receivedAt),
            duration: body.duration,
            cutOff: body.cutOff ?? null,
            pauses: (body.pauses ?? []).map((p) => ({ from: new Date(p.from), to: p.to === null ? null : new Date(p.to), ...(p.reason ? { reason: p.reason } : {}) })),
            pauseRule: body.pauseRule ?? 'subtract_paused_time',
            extension: body.extension ?? null,
          },
          pickLanguage(request.headers['accept-language']),
        );
        return { dueAt: result.dueAt?.toISOString() ?? null, explanation: result.explanation, trace: traceToJson(result.trace) };
      },
    });

    app.get('/:id/days', {
      schema: { tags: ['calendar'], summary: 'Working and non-working days with their reasons (public)', params: CalendarParams, querystring: DaysQuery, response: { 200: DaysResponse } },
      handler: async (request) => ({ items: await calendar.days(request.params.id, request.query.from, request.query.to) }),
    });
  };
}
