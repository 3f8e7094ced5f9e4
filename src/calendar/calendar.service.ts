// Use cases of the legal clock: due dates with explanations, the days of a calendar with reasons, and
// the administration of calendars and their yearly lists (versioned: a correction never rewrites history).
import type { AuditRepository } from '../audit/audit.repository.js';
import { REFERENCE_DATA_TTL_MS, TtlCache } from '../cache/ttl-cache.js';
import type { UnitOfWork } from '../db/unit-of-work.js';
import { AppError } from '../errors/app-error.js';
import { holdsRoleAt, type Actor } from '../identity/roles.js';
import { isCalendarDate, vietnamDateOf, type Clock } from '../time/clock.js';
import type { UnitsRepository } from '../units/units.repository.js';
import type { CalendarRepository, StoredCalendar, StoredYearList } from './calendar.repository.js';
import { computeDueDate, DueDateInputError, type DueDateInput, type TraceStep } from './due-date.js';
import { explainDueDate, type Language } from './explain.js';
import { dateOfDay, dayNumber, weekdayOf } from './legal-time.js';
import { NATIONAL_CALENDAR_ID, NATIONAL_CALENDAR_NAME } from './national-calendar.js';
import { OFFICIAL_YEARS } from './official/vietnam-public-servants.js';
import { proposeYear, withProposedYears } from './provisional-holidays.js';
import { ruleSetById, ruleSetOn, type ClockRuleSet } from './rule-sets.js';
import { DEFAULT_OFFICE_HOURS, WorkCalendar, type DayEntry, type OfficeSession } from './work-calendar.js';

export interface CalendarRepositories {
  readonly calendars: CalendarRepository;
  readonly units: UnitsRepository;
  readonly audit: AuditRepository;
}

export interface CalendarDay {
  readonly date: string;
  readonly weekday: number;
  readonly working: boolean;
  readonly kind: string;
  readonly name: { readonly vi: string; readonly en: string } | null;
  readonly provisional: boolean;
}

export interface YearListView {
  readonly calendarId: string;
  readonly year: number;
  /** null: nothing recorded, the days are proposed from the Labour Code and the lunar calendar. */
  readonly version: number | null;
  readonly status: 'official' | 'provisional';
  readonly entries: DayEntry[];
  readonly sources: string[];
  readonly note: string | null;
  readonly recordedAt: string | null;
  /** The calendar the list comes from (a parent's list applies when the calendar has none of its own). */
  readonly inheritedFrom: string | null;
}

const MAX_DAYS_LISTED = 732;

export class CalendarService {
  private readonly built = new Map<string, WorkCalendar>();
  /** Dossier commands compute several due dates each: a unit's calendar and hours come from a short cache. */
  private readonly calendarIdCache = new TtlCache<string>(REFERENCE_DATA_TTL_MS);
  private readonly officeHoursCache = new TtlCache<readonly OfficeSession[]>(REFERENCE_DATA_TTL_MS);
  /**
   * A calendar's chain and the stamp of its lists, read at most every few seconds rather than on every due date
   * (two queries per command); this node's own changes clear it at once, other nodes see them within the TTL.
   */
  private readonly versionCache = new TtlCache<{ readonly chain: StoredCalendar[]; readonly stamp: string }>(REFERENCE_DATA_TTL_MS);

  constructor(
    private readonly uow: UnitOfWork<CalendarRepositories>,
    private readonly clock: Clock,
  ) {}

  /** The national calendar and the official lists shipped with the product; idempotent, run at start-up. */
  async ensureReferenceData(): Promise<void> {
    const now = this.clock.now().toISOString();
    await this.changing(async ({ calendars }) => {
      await calendars.insertCalendarIfMissing({ id: NATIONAL_CALENDAR_ID, name: NATIONAL_CALENDAR_NAME, parentId: null, unitId: null, weeklyRestDays: [0, 6], makeUpDaysCount: true }, now);
      for (const year of OFFICIAL_YEARS) {
        await calendars.appendYearList({ calendarId: NATIONAL_CALENDAR_ID, year: year.year, status: 'official', entries: [...year.entries], sources: [...year.sources], note: 'shipped with MotCua', recordedAt: now, recordedBy: null }, true);
      }
    });
  }

  /** A write to calendars or their lists; this node's caches are cleared once it is committed. */
  private async changing<T>(fn: (repos: CalendarRepositories) => Promise<T>): Promise<T> {
    try {
      return await this.uow.write(fn);
    } finally {
      // The built calendars are keyed by the stamp of their lists: a new list gives a new key, nothing to clear there.
      this.versionCache.clear();
      this.calendarIdCache.clear();
    }
  }

  listCalendars(): Promise<StoredCalendar[]> {
    return this.uow.read.calendars.listCalendars();
  }

  /** A calendar for a province or a unit, inheriting the national one; its own yearly lists replace the parent's. */
  async createCalendar(actor: Actor, input: { unitId: string; name: string; weeklyRestDays?: number[]; makeUpDaysCount?: boolean }): Promise<StoredCalendar> {
    const now = this.clock.now().toISOString();
    return this.changing(async ({ calendars, units, audit }) => {
      const chain = await units.chainOf(input.unitId, vietnamDateOf(this.clock.now()));
      if (!chain) throw new AppError('UNIT_NOT_FOUND', { field: 'unitId' });
      if (!holdsRoleAt(actor, 'administrator', chain)) throw new AppError('FORBIDDEN');
      const parent = (await calendars.findCalendarOfNearestUnit(chain.slice(1)))?.id ?? NATIONAL_CALENDAR_ID;
      const calendar: StoredCalendar = { id: `unit-${input.unitId}`, name: input.name.normalize('NFC').trim(), parentId: parent, unitId: input.unitId, weeklyRestDays: input.weeklyRestDays ?? [0, 6], makeUpDaysCount: input.makeUpDaysCount ?? true };
      if (await calendars.findCalendar(calendar.id)) throw new AppError('CALENDAR_EXISTS');
      await calendars.insertCalendarIfMissing(calendar, now);
      await audit.append({ occurredAt: now, actorUserId: actor.userId, action: 'calendar.created', entityType: 'calendar', entityId: calendar.id, details: { unitId: input.unitId, parentId: parent } });
      return calendar;
    });
  }

  /** The calendar of a unit: its own, else its nearest ancestor's, else the national one. */
  async calendarIdForUnit(unitId: string): Promise<string> {
    const chain = await this.uow.read.units.chainOf(unitId, vietnamDateOf(this.clock.now()));
    if (!chain) throw new AppError('UNIT_NOT_FOUND', { field: 'unitId' });
    return (await this.uow.read.calendars.findCalendarOfNearestUnit(chain))?.id ?? NATIONAL_CALENDAR_ID;
  }

  private async chain(calendarId: string): Promise<StoredCalendar[]> {
    const chain: StoredCalendar[] = [];
    let id: string | null = calendarId;
    while (id && chain.length < 10) {
      const calendar = await this.uow.read.calendars.findCalendar(id);
      if (!calendar) throw new AppError('CALENDAR_NOT_FOUND');
      chain.push(calendar);
      id = calendar.parentId;
    }
    return chain; // the calendar first, the national one last
  }

  /** The year lists in force for a calendar: its own, else the nearest parent's, else proposed. */
  private async yearListsInForce(chain: StoredCalendar[], knownAt?: string): Promise<Map<number, StoredYearList>> {
    const lists = new Map<number, StoredYearList>();
    for (const calendar of chain) {
      for (const list of await this.uow.read.calendars.currentYearLists(calendar.id, knownAt)) if (!lists.has(list.year)) lists.set(list.year, list);
    }
    return lists;
  }

  /** The working calendar from the lists in force (or as they were recorded at `knownAt`, to recompute old due dates exactly). */
  private async build(calendarId: string, officeHours: readonly OfficeSession[] = DEFAULT_OFFICE_HOURS, knownAt?: string): Promise<WorkCalendar> {
    const { chain, stamp } = await this.versionCache.get(calendarId, async () => {
      const chain = await this.chain(calendarId);
      return { chain, stamp: String(await this.uow.read.calendars.stamp(chain.map((c) => c.id))) };
    });
    const key = `${calendarId}|${stamp}|${JSON.stringify(officeHours)}|${knownAt ?? ''}`;
    const cached = this.built.get(key);
    if (cached) return cached;
    const lists = await this.yearListsInForce(chain, knownAt);
    const recorded = new Map([...lists].map(([year, list]) => [year, list.status === 'provisional' ? list.entries.map((e) => ({ ...e, provisional: true })) : list.entries]));
    const entries = withProposedYears(recorded);
    const own = chain[0]!;
    const calendar = new WorkCalendar({ id: own.id, name: own.name, weeklyRestDays: own.weeklyRestDays, makeUpDaysCount: own.makeUpDaysCount, entries, officeHours });
    if (this.built.size > 50) this.built.clear();
    this.built.set(key, calendar);
    return calendar;
  }

  /** The rule set named, or the one in force on the (Vietnam) day the dossier was received. */
  ruleSetFor(receivedAt: Date, ruleSetId?: string): ClockRuleSet | undefined {
    if (ruleSetId) {
      const ruleSet = ruleSetById(ruleSetId);
      if (!ruleSet) throw new AppError('RULE_SET_NOT_FOUND');
      return ruleSet;
    }
    return ruleSetOn(vietnamDateOf(receivedAt));
  }

  private async compute(
    request: Omit<DueDateInput, 'pauseRule'> & { pauseRule?: DueDateInput['pauseRule']; calendarId?: string; unitId?: string; ruleSetId?: string; listsKnownAt?: Date },
    options: { trace?: boolean } = {},
  ) {
    const ruleSet = this.ruleSetFor(request.receivedAt, request.ruleSetId);
    const pauseRule = request.pauseRule ?? ruleSet?.pauseRule ?? 'subtract_paused_time';
    let officeHours: readonly OfficeSession[] = DEFAULT_OFFICE_HOURS;
    const unitId = request.unitId;
    if (unitId) {
      // The unit's office hours on the day of receipt: later changes never move an appointment already given.
      const day = vietnamDateOf(request.receivedAt);
      officeHours = await this.officeHoursCache.get(`${unitId}|${day}`, async () => {
        const unit = await this.uow.read.units.findById(unitId, day);
        if (!unit) throw new AppError('UNIT_NOT_FOUND', { field: 'unitId' });
        return unit.officeHours;
      });
    }
    const calendarId = request.calendarId ?? (unitId ? await this.calendarIdCache.get(unitId, () => this.calendarIdForUnit(unitId)) : NATIONAL_CALENDAR_ID);
    const calendar = await this.build(calendarId, officeHours, request.listsKnownAt?.toISOString());
    try {
      return { calendar, calendarId, ruleSet, result: computeDueDate(calendar, { ...request, pauseRule }, options) };
    } catch (error) {
      if (error instanceof DueDateInputError) throw new AppError('DUE_DATE_INPUT_INVALID', { reason: error.message });
      throw error;
    }
  }

  async dueDate(
    request: Omit<DueDateInput, 'pauseRule'> & { pauseRule?: DueDateInput['pauseRule']; calendarId?: string; unitId?: string; ruleSetId?: string; listsKnownAt?: Date },
    lang: Language,
  ): Promise<{ calendarId: string; ruleSetId: string | null; dueAt: Date | null; explanation: string[]; trace: readonly TraceStep[] }> {
    const { calendar, calendarId, ruleSet, result } = await this.compute(request);
    return { calendarId, ruleSetId: ruleSet?.id ?? null, dueAt: result.dueAt, explanation: explainDueDate(calendar, result, lang), trace: result.trace };
  }

  /** A due date with its explanation in both languages (what a dossier keeps with its appointment). */
  async explainedDueDate(
    request: Omit<DueDateInput, 'pauseRule'> & { pauseRule?: DueDateInput['pauseRule']; unitId?: string; ruleSetId?: string },
  ): Promise<{ dueAt: Date | null; ruleSetId: string | null; explanation: { vi: string[]; en: string[] } }> {
    const { calendar, ruleSet, result } = await this.compute(request);
    return { dueAt: result.dueAt, ruleSetId: ruleSet?.id ?? null, explanation: { vi: explainDueDate(calendar, result, 'vi'), en: explainDueDate(calendar, result, 'en') } };
  }

  /** A due date without explanation (step allotments, worklist thresholds): the fast path. */
  async plainDueDate(request: Omit<DueDateInput, 'pauseRule'> & { pauseRule?: DueDateInput['pauseRule']; unitId?: string; ruleSetId?: string }): Promise<Date | null> {
    return (await this.compute(request, { trace: false })).result.dueAt;
  }

  async days(calendarId: string, from: string, to: string): Promise<CalendarDay[]> {
    const first = dayNumber(from);
    const last = dayNumber(to);
    if (last < first) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'querystring.to', rule: 'order', message: 'to must not be before from' }] });
    if (last - first + 1 > MAX_DAYS_LISTED) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'querystring.to', rule: 'range', message: `at most ${MAX_DAYS_LISTED} days` }] });
    const calendar = await this.build(calendarId);
    const days: CalendarDay[] = [];
    for (let day = first; day <= last; day++) {
      const reason = calendar.reasonFor(day);
      days.push({ date: dateOfDay(day), weekday: weekdayOf(day), working: reason.working, kind: reason.kind, name: reason.entry?.name ?? null, provisional: reason.entry?.provisional ?? false });
    }
    return days;
  }

  async yearList(calendarId: string, year: number): Promise<YearListView> {
    const chain = await this.chain(calendarId);
    const list = (await this.yearListsInForce(chain)).get(year);
    if (list) return { ...list, inheritedFrom: list.calendarId === calendarId ? null : list.calendarId, calendarId };
    return { calendarId, year, version: null, status: 'provisional', entries: proposeYear(year), sources: ['Bộ luật Lao động 2019, Điều 112; âm lịch Việt Nam (UTC+7)'], note: null, recordedAt: null, inheritedFrom: null };
  }

  yearListVersions(calendarId: string, year: number): Promise<StoredYearList[]> {
    return this.uow.read.calendars.yearListVersions(calendarId, year);
  }

  /** Records a new version of a year's list (an official announcement, or a correction). */
  async recordYearList(actor: Actor, calendarId: string, year: number, input: { status: 'official' | 'provisional'; entries: DayEntry[]; sources: string[]; note?: string | null }): Promise<StoredYearList> {
    const now = this.clock.now().toISOString();
    return this.changing(async ({ calendars, units, audit }) => {
      const calendar = await calendars.findCalendar(calendarId);
      if (!calendar) throw new AppError('CALENDAR_NOT_FOUND');
      // Access first, then the content (which is checked inside the transaction but before any write).
      if (calendar.unitId === null) {
        if (!actor.isSystemAdmin) throw new AppError('FORBIDDEN', { reason: 'only a system administrator can change the national calendar' });
      } else {
        const chain = await units.chainOf(calendar.unitId, vietnamDateOf(this.clock.now()));
        if (!chain || !holdsRoleAt(actor, 'administrator', chain)) throw new AppError('FORBIDDEN');
      }
      const problems = yearListProblems(year, input.entries);
      if (problems.length > 0) throw new AppError('CALENDAR_YEAR_INVALID', { problems });
      const entries = [...input.entries].map((e) => ({ date: e.date, kind: e.kind, name: { vi: e.name.vi.normalize('NFC').trim(), en: e.name.en.trim() } })).sort((a, b) => a.date.localeCompare(b.date));
      const record = { calendarId, year, status: input.status, entries, sources: input.sources, note: input.note ?? null, recordedAt: now, recordedBy: actor.userId };
      const version = (await calendars.appendYearList(record))!;
      await audit.append({ occurredAt: now, actorUserId: actor.userId, action: 'calendar.year_list_recorded', entityType: 'calendar', entityId: calendarId, details: { year, version, status: input.status, days: entries.length } });
      return { ...record, version };
    });
  }
}

function yearListProblems(year: number, entries: readonly DayEntry[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  entries.forEach((entry, i) => {
    if (!isCalendarDate(entry.date) || !entry.date.startsWith(`${year}-`)) problems.push(`entries.${i}.date: must be a real date in ${year}`);
    if (seen.has(entry.date)) problems.push(`entries.${i}.date: ${entry.date} is listed twice`);
    seen.add(entry.date);
    if (entry.kind === 'make_up_working_day' && isCalendarDate(entry.date) && weekdayOf(dayNumber(entry.date)) !== 6 && weekdayOf(dayNumber(entry.date)) !== 0) {
      problems.push(`entries.${i}.kind: a make-up working day must be a Saturday or Sunday`);
    }
  });
  return problems;
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
