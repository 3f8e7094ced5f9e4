// SQL for calendars and the versions of their yearly lists of days off.
import { readJson, writeJson, type Executor } from '../db/database.js';
import type { DayEntry } from './work-calendar.js';

export interface StoredCalendar {
  readonly id: string;
  readonly name: string;
  readonly parentId: string | null;
  readonly unitId: string | null;
  readonly weeklyRestDays: number[];
  readonly makeUpDaysCount: boolean;
}

export type YearListStatus = 'official' | 'provisional';

export interface StoredYearList {
  readonly calendarId: string;
  readonly year: number;
  readonly version: number;
  readonly status: YearListStatus;
  readonly entries: DayEntry[];
  readonly sources: string[];
  readonly note: string | null;
  readonly recordedAt: string;
  readonly recordedBy: string | null;
}

type CalendarRow = { id: string; name: string; parent_id: string | null; unit_id: string | null; weekly_rest_days: unknown; make_up_days_count: number };

function toCalendar(row: CalendarRow): StoredCalendar {
  return {
    id: row.id,
    name: row.name,
    parentId: row.parent_id,
    unitId: row.unit_id,
    weeklyRestDays: readJson<number[]>(row.weekly_rest_days),
    makeUpDaysCount: Number(row.make_up_days_count) === 1,
  };
}

type YearListRow = { calendar_id: string; year: number; version: number; status: string; entries: unknown; sources: unknown; note: string | null; recorded_at: string; recorded_by: string | null };

function toYearList(row: YearListRow): StoredYearList {
  return {
    calendarId: row.calendar_id,
    year: Number(row.year),
    version: Number(row.version),
    status: row.status as YearListStatus,
    entries: readJson<DayEntry[]>(row.entries),
    sources: readJson<string[]>(row.sources),
    note: row.note,
    recordedAt: row.recorded_at,
    recordedBy: row.recorded_by,
  };
}

export class CalendarRepository {
  constructor(private readonly db: Executor) {}

  async listCalendars(): Promise<StoredCalendar[]> {
    return (await this.db.selectFrom('calendars').selectAll().orderBy('id').execute()).map(toCalendar);
  }

  async findCalendar(id: string): Promise<StoredCalendar | undefined> {
    const row = await this.db.selectFrom('calendars').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toCalendar(row);
  }

  /** The calendar attached to the nearest of these units (given nearest first), if any. */
  async findCalendarOfNearestUnit(unitChain: readonly string[]): Promise<StoredCalendar | undefined> {
    if (unitChain.length === 0) return undefined;
    const rows = await this.db.selectFrom('calendars').selectAll().where('unit_id', 'in', [...unitChain]).execute();
    const calendars = rows.map(toCalendar);
    for (const unitId of unitChain) {
      const match = calendars.find((c) => c.unitId === unitId);
      if (match) return match;
    }
    return undefined;
  }

  /** Inserts a calendar unless one with this id exists (safe when two instances start together). */
  async insertCalendarIfMissing(calendar: StoredCalendar, now: string): Promise<void> {
    await this.db
      .insertInto('calendars')
      .values({
        id: calendar.id,
        name: calendar.name,
        parent_id: calendar.parentId,
        unit_id: calendar.unitId,
        weekly_rest_days: writeJson(calendar.weeklyRestDays),
        make_up_days_count: calendar.makeUpDaysCount ? 1 : 0,
        created_at: now,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  }

  /** The newest version of every year's list of a calendar (as recorded up to `knownAt`, if given). */
  async currentYearLists(calendarId: string, knownAt?: string): Promise<StoredYearList[]> {
    const rows = await this.db
      .selectFrom('calendar_year_lists as l')
      .selectAll()
      .where('l.calendar_id', '=', calendarId)
      .$if(knownAt !== undefined, (q) => q.where('l.recorded_at', '<=', knownAt!))
      .where('l.version', '=', (eb) =>
        eb
          .selectFrom('calendar_year_lists as n')
          .select((e) => e.fn.max('n.version').as('v'))
          .whereRef('n.calendar_id', '=', 'l.calendar_id')
          .whereRef('n.year', '=', 'l.year')
          .$if(knownAt !== undefined, (q) => q.where('n.recorded_at', '<=', knownAt!)),
      )
      .orderBy('l.year')
      .execute();
    return rows.map(toYearList);
  }

  async yearListVersions(calendarId: string, year: number): Promise<StoredYearList[]> {
    const rows = await this.db.selectFrom('calendar_year_lists').selectAll().where('calendar_id', '=', calendarId).where('year', '=', year).orderBy('version').execute();
    return rows.map(toYearList);
  }

  /** Appends a new version of a year's list; returns its version number. */
  async appendYearList(list: Omit<StoredYearList, 'version'>, ifNoneExists = false): Promise<number | null> {
    const latest = await this.db
      .selectFrom('calendar_year_lists')
      .select((eb) => eb.fn.max('version').as('v'))
      .where('calendar_id', '=', list.calendarId)
      .where('year', '=', list.year)
      .executeTakeFirst();
    const current = latest?.v === null || latest?.v === undefined ? 0 : Number(latest.v);
    if (ifNoneExists && current > 0) return null;
    const version = current + 1;
    await this.db
      .insertInto('calendar_year_lists')
      .values({
        calendar_id: list.calendarId,
        year: list.year,
        version,
        status: list.status,
        entries: writeJson(list.entries),
        sources: writeJson(list.sources),
        note: list.note,
        recorded_at: list.recordedAt,
        recorded_by: list.recordedBy,
      })
      .onConflict((oc) => oc.columns(['calendar_id', 'year', 'version']).doNothing())
      .execute();
    return version;
  }

  /** Changes whenever any list of these calendars changes: the cache key of a built calendar. */
  async stamp(calendarIds: readonly string[]): Promise<number> {
    const row = await this.db.selectFrom('calendar_year_lists').select((eb) => eb.fn.max('id').as('m')).where('calendar_id', 'in', [...calendarIds]).executeTakeFirst();
    return row?.m === null || row?.m === undefined ? 0 : Number(row.m);
  }
}
