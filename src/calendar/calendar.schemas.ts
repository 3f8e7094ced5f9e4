// HTTP schemas of the legal clock.
import { Type, type Static } from 'typebox';
import { LegalDate } from '../http/schemas.js';

const Instant = Type.String({ format: 'date-time', maxLength: 40, description: 'ISO-8601 instant with its offset, e.g. 2026-02-12T09:00:00+07:00' });
const DurationSchema = Type.Object(
  {
    // Legal limits are far shorter; the bound keeps one public request (with its day-by-day explanation) cheap.
    amount: Type.Integer({ minimum: 0, maximum: 500 }),
    unit: Type.Enum(['working_days', 'working_hours', 'calendar_days', 'months'] as const),
  },
  { additionalProperties: false },
);

export const DueDateBody = Type.Object(
  {
    calendarId: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: "Calendar; default: the unit's calendar (its own or its nearest ancestor's), else the national one" })),
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
        { maxItems: 20 },
      ),
    ),
    listsKnownAt: Type.Optional(Type.String({ format: 'date-time', maxLength: 40, description: "Use the yearly lists as they were recorded at this instant (recompute an old appointment exactly); default: the newest" })),
    ruleSetId: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'Rule set; default: the one in force on the day of receipt (see GET /api/v1/calendar/rule-sets)' })),
    pauseRule: Type.Optional(Type.Enum(['subtract_paused_time', 'restart_from_zero'] as const, { description: "Overrides the rule set's pause rule" })),
    extension: Type.Optional(Type.Union([DurationSchema, Type.Null()])),
  },
  { additionalProperties: false },
);
export type DueDateBody = Static<typeof DueDateBody>;

export const DueDateResponse = Type.Object({
  calendarId: Type.String({ description: 'The calendar used' }),
  ruleSetId: Type.Union([Type.String(), Type.Null()], { description: 'The rule set applied' }),
  dueAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], { description: 'null while a pause is open (the clock is stopped)' }),
  explanation: Type.Array(Type.String(), { description: 'Each step, in the language of Accept-Language' }),
  trace: Type.Array(Type.Record(Type.String(), Type.Unknown()), { description: 'The same steps as data' }),
});

export const RuleSetsResponse = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.Object({ vi: Type.String(), en: Type.String() }),
      effectiveFrom: Type.String({ format: 'date' }),
      pauseRule: Type.String(),
      timelinessRule: Type.String(),
      deskCutOff: Type.String(),
      onlineCutOff: Type.String(),
    }),
  ),
});

export const ClassifyBody = Type.Object(
  {
    dueAt: Type.String({ format: 'date-time', maxLength: 40 }),
    completedAt: Type.String({ format: 'date-time', maxLength: 40 }),
    rule: Type.Optional(Type.Enum(['by_day', 'by_instant'] as const, { description: 'Default: the rule of the rule set in force on the due day' })),
  },
  { additionalProperties: false },
);
export const ClassifyResponse = Type.Object({ timeliness: Type.Enum(['early', 'on_time', 'late'] as const), rule: Type.Enum(['by_day', 'by_instant'] as const) });

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

const CalendarSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  parentId: Type.Union([Type.String(), Type.Null()], { description: 'The calendar whose yearly lists apply where this one has none' }),
  unitId: Type.Union([Type.String(), Type.Null()], { description: 'The province or unit it belongs to (null: national)' }),
  weeklyRestDays: Type.Array(Type.Integer(), { description: '0 = Sunday … 6 = Saturday' }),
  makeUpDaysCount: Type.Boolean({ description: 'Whether make-up Saturdays count for time limits' }),
});
export const CalendarResponse = CalendarSchema;
export const CalendarListResponse = Type.Object({ items: Type.Array(CalendarSchema) });

export const CreateCalendarBody = Type.Object(
  {
    unitId: Type.String({ format: 'uuid', description: 'The province or unit whose calendar this is' }),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    weeklyRestDays: Type.Optional(Type.Array(Type.Integer({ minimum: 0, maximum: 6 }), { maxItems: 6, uniqueItems: true })),
    makeUpDaysCount: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

const Name = Type.Object({ vi: Type.String({ minLength: 1, maxLength: 200 }), en: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false });
const Entry = Type.Object(
  {
    date: Type.String({ format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
    kind: Type.Enum(['holiday', 'compensatory_day_off', 'swapped_day_off', 'make_up_working_day'] as const),
    name: Name,
  },
  { additionalProperties: false },
);

export const YearParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }), year: Type.Integer({ minimum: 1900, maximum: 2199 }) }, { additionalProperties: false });

export const RecordYearBody = Type.Object(
  {
    status: Type.Enum(['official', 'provisional'] as const, { description: 'official: as announced (e.g. Thông báo of the Ministry of Home Affairs)' }),
    entries: Type.Array(Entry, { maxItems: 100, description: 'Every weekday off and every make-up working day of the year' }),
    sources: Type.Array(Type.String({ minLength: 1, maxLength: 300 }), { maxItems: 20, description: 'The announcements the list follows' }),
    note: Type.Optional(Type.Union([Type.String({ maxLength: 1000 }), Type.Null()])),
  },
  { additionalProperties: false },
);

const YearListFields = {
  calendarId: Type.String(),
  year: Type.Integer(),
  status: Type.Enum(['official', 'provisional'] as const),
  entries: Type.Array(Type.Object({ date: Type.String(), kind: Type.String(), name: Type.Object({ vi: Type.String(), en: Type.String() }) })),
  sources: Type.Array(Type.String()),
  note: Type.Union([Type.String(), Type.Null()]),
};

export const YearListResponse = Type.Object({
  ...YearListFields,
  version: Type.Union([Type.Integer(), Type.Null()], { description: 'null: nothing recorded; the days are proposed from the Labour Code and the lunar calendar' }),
  recordedAt: Type.Union([Type.String(), Type.Null()]),
  inheritedFrom: Type.Union([Type.String(), Type.Null()], { description: 'The parent calendar the list comes from, if not this one' }),
});

export const YearListVersionsResponse = Type.Object({
  items: Type.Array(Type.Object({ ...YearListFields, version: Type.Integer(), recordedAt: Type.String(), recordedBy: Type.Union([Type.String(), Type.Null()]) })),
});
