// HTTP schemas of the legal clock.
import { Type, type Static } from 'typebox';
import { LegalDate } from '../http/schemas.js';

const Instant = Type.String({ format: 'date-time', maxLength: 40, description: 'ISO-8601 instant with its offset, e.g. 2026-02-12T09:00:00+07:00' });
const DurationSchema = Type.Object(
  {
    amount: Type.Integer({ minimum: 0, maximum: 10_000 }),
    unit: Type.Enum(['working_days', 'working_hours', 'calendar_days', 'months'] as const),
  },
  { additionalProperties: false },
);

export const DueDateBody = Type.Object(
  {
    calendarId: Type.String({ default: 'vn-public-servants', maxLength: 100, description: 'Calendar (default: the national calendar of public servants)' }),
    unitId: Type.Optional(Type.String({ format: 'uuid', description: 'Use the office hours of this unit' })),
    receivedAt: Instant,
    duration: DurationSchema,
    cutOff: Type.Optional(Type.Union([Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$' }), Type.Null()], { description: 'Local HH:MM after which an intake counts from the next working day' })),
    pauses: Type.Optional(
      Type.Array(
        Type.Object(
          { from: Instant, to: Type.Union([Instant, Type.Null()]), reason: Type.Optional(Type.Enum(['supplement', 'payment', 'other'] as const)) },
          { additionalProperties: false },
        ),
        { maxItems: 50 },
      ),
    ),
    pauseRule: Type.Optional(Type.Enum(['subtract_paused_time', 'restart_from_zero'] as const)),
    extension: Type.Optional(Type.Union([DurationSchema, Type.Null()])),
  },
  { additionalProperties: false },
);
export type DueDateBody = Static<typeof DueDateBody>;

export const DueDateResponse = Type.Object({
  dueAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], { description: 'null while a pause is open (the clock is stopped)' }),
  explanation: Type.Array(Type.String(), { description: 'Each step, in the language of Accept-Language' }),
  trace: Type.Array(Type.Record(Type.String(), Type.Unknown()), { description: 'The same steps as data' }),
});

export const CalendarParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false });
export const DaysQuery = Type.Object({ from: LegalDate('First day'), to: LegalDate('Last day (at most 2 years after from)') }, { additionalProperties: false });

export const DaysResponse = Type.Object({
  items: Type.Array(
    Type.Object({
      date: Type.String({ format: 'date' }),
      weekday: Type.Integer({ description: '0 = Sunday … 6 = Saturday' }),
      working: Type.Boolean(),
      kind: Type.String({ description: 'weekday, make_up_working_day, weekly_rest_day, holiday, compensatory_day_off, swapped_day_off' }),
      name: Type.Union([Type.Object({ vi: Type.String(), en: Type.String() }), Type.Null()]),
      provisional: Type.Boolean(),
    }),
  ),
});

export const CalendarListResponse = Type.Object({ items: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })) });
