// Use cases of the legal clock: due dates with explanations, and the days of a calendar with reasons.
// Calendars are the shipped national list for now; stored, versioned calendars per province and unit
// come with the calendar administration endpoints.
import { AppError } from '../errors/app-error.js';
import { computeDueDate, DueDateInputError, type DueDateInput, type TraceStep } from './due-date.js';
import { explainDueDate, type Language } from './explain.js';
import { dateOfDay, dayNumber } from './legal-time.js';
import { NATIONAL_CALENDAR } from './national-calendar.js';
import { WorkCalendar, type CalendarDefinition, type OfficeSession } from './work-calendar.js';

/** Office hours of a unit (null: the unit does not exist). */
export type OfficeHoursLookup = (unitId: string) => Promise<readonly OfficeSession[] | null>;

export interface CalendarDay {
  readonly date: string;
  readonly weekday: number;
  readonly working: boolean;
  readonly kind: string;
  readonly name: { readonly vi: string; readonly en: string } | null;
  readonly provisional: boolean;
}

const MAX_DAYS_LISTED = 732;

export class CalendarService {
  private readonly definitions = new Map<string, CalendarDefinition>([[NATIONAL_CALENDAR.id, NATIONAL_CALENDAR]]);
  private readonly calendars = new Map<string, WorkCalendar>();

  constructor(private readonly officeHoursOf: OfficeHoursLookup) {}

  listCalendars(): Array<{ id: string; name: string }> {
    return [...this.definitions.values()].map((d) => ({ id: d.id, name: d.name }));
  }

  private async calendarFor(calendarId: string, unitId?: string): Promise<WorkCalendar> {
    const definition = this.definitions.get(calendarId);
    if (!definition) throw new AppError('CALENDAR_NOT_FOUND');
    if (!unitId) return this.cached(definition);
    const officeHours = await this.officeHoursOf(unitId);
    if (!officeHours) throw new AppError('UNIT_NOT_FOUND', { field: 'unitId' });
    return this.cached({ ...definition, id: `${definition.id}@${JSON.stringify(officeHours)}`, officeHours });
  }

  private cached(definition: CalendarDefinition): WorkCalendar {
    let calendar = this.calendars.get(definition.id);
    if (!calendar) {
      calendar = new WorkCalendar(definition);
      this.calendars.set(definition.id, calendar);
    }
    return calendar;
  }

  async dueDate(request: DueDateInput & { calendarId: string; unitId?: string }, lang: Language): Promise<{ dueAt: Date | null; explanation: string[]; trace: readonly TraceStep[] }> {
    const calendar = await this.calendarFor(request.calendarId, request.unitId);
    try {
      const result = computeDueDate(calendar, request);
      return { dueAt: result.dueAt, explanation: explainDueDate(calendar, result, lang), trace: result.trace };
    } catch (error) {
      if (error instanceof DueDateInputError) throw new AppError('DUE_DATE_INPUT_INVALID', { reason: error.message });
      throw error;
    }
  }

  async days(calendarId: string, from: string, to: string): Promise<CalendarDay[]> {
    const calendar = await this.calendarFor(calendarId);
    const first = dayNumber(from);
    const last = dayNumber(to);
    if (last < first) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'querystring.to', rule: 'order', message: 'to must not be before from' }] });
    if (last - first + 1 > MAX_DAYS_LISTED) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'querystring.to', rule: 'range', message: `at most ${MAX_DAYS_LISTED} days` }] });
    const days: CalendarDay[] = [];
    for (let day = first; day <= last; day++) {
      const reason = calendar.reasonFor(day);
      days.push({
        date: dateOfDay(day),
        weekday: (((day + 4) % 7) + 7) % 7,
        working: reason.working,
        kind: reason.kind,
        name: reason.entry?.name ?? null,
        provisional: reason.entry?.provisional ?? false,
      });
    }
    return days;
  }
}

/** The trace as JSON: days as dates, instants as ISO strings. */
export function traceToJson(trace: readonly TraceStep[]): Array<Record<string, unknown>> {
  return trace.map((step) => {
    switch (step.type) {
      case 'received':
      case 'due':
        return { type: step.type, at: step.at.toISOString() };
      case 'counts_from':
        return { type: step.type, date: dateOfDay(step.day), because: step.because };
      case 'day':
        return { type: step.type, date: dateOfDay(step.day), countedMinutes: step.countedMinutes, countedDayNumber: step.countedDayNumber };
      case 'pause':
        return { type: step.type, from: step.from.toISOString(), to: step.to.toISOString(), notCountedMinutes: step.notCountedMinutes };
      case 'moved_off_day_off':
        return { type: step.type, fromDate: dateOfDay(step.fromDay), toDate: dateOfDay(step.toDay) };
      case 'extension':
        return { type: step.type, duration: step.duration };
    }
  });
}
