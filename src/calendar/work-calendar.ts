// A working calendar: which days are working days and when the office is open, with the reason for
// every day that is not an ordinary weekday. Pure data in, answers out; no I/O.
import { dateOfDay, dayNumber, minuteOf, weekdayOf } from './legal-time.js';

export type DayEntryKind =
  | 'holiday' // ngày lễ, Tết
  | 'compensatory_day_off' // nghỉ bù: a holiday fell on a weekly rest day
  | 'swapped_day_off' // nghỉ do hoán đổi ngày làm việc
  | 'make_up_working_day'; // làm bù: a Saturday that is a working day

export interface DayEntry {
  /** 'YYYY-MM-DD'. */
  readonly date: string;
  readonly kind: DayEntryKind;
  readonly name: { readonly vi: string; readonly en: string };
  /** Proposed from the lunar calendar, not yet confirmed by an official list. */
  readonly provisional?: boolean;
}

export interface OfficeSession {
  readonly start: string;
  readonly end: string;
}

export interface CalendarDefinition {
  readonly id: string;
  readonly name: string;
  /** 0 = Sunday … 6 = Saturday; public servants rest on Saturday and Sunday (Decision 188/1999). */
  readonly weeklyRestDays: readonly number[];
  readonly entries: readonly DayEntry[];
  readonly officeHours: readonly OfficeSession[];
  /**
   * Whether make-up Saturdays count as working days for time limits (default true). The law does not
   * settle it (LAW.md §5.4, policy note); a province may decide that deadlines never fall on a Saturday.
   */
  readonly makeUpDaysCount?: boolean;
}

export const DEFAULT_OFFICE_HOURS: readonly OfficeSession[] = [
  { start: '07:00', end: '11:30' },
  { start: '13:30', end: '17:00' },
];

export type DayReason =
  | { readonly working: true; readonly kind: 'weekday' | 'make_up_working_day'; readonly entry?: DayEntry }
  | { readonly working: false; readonly kind: 'weekly_rest_day' | Exclude<DayEntryKind, 'make_up_working_day'>; readonly entry?: DayEntry };

/** 1990-01-01 … 2079-12-31 answered from a precomputed table; other days computed. */
const WORKING_DAY_TABLE_START = dayNumber('1990-01-01');
const WORKING_DAY_TABLE_DAYS = dayNumber('2080-01-01') - WORKING_DAY_TABLE_START;

interface Session {
  readonly start: number;
  readonly end: number;
}

export class WorkCalendar {
  readonly sessions: readonly Session[];
  /** Minutes of office time in one working day (480 for the default 8 hours). */
  readonly minutesPerDay: number;
  readonly opensAt: number;
  readonly closesAt: number;
  private readonly entries = new Map<number, DayEntry>();
  private readonly restDays: ReadonlySet<number>;
  private readonly makeUpDaysCount: boolean;
  private readonly workingDayTable: Uint8Array;

  constructor(readonly definition: CalendarDefinition) {
    this.restDays = new Set(definition.weeklyRestDays);
    this.makeUpDaysCount = definition.makeUpDaysCount ?? true;
    for (const entry of definition.entries) this.entries.set(dayNumber(entry.date), entry);
    // The clock asks "is this a working day?" for every day it walks: answer from a table (1 byte a day),
    // filled from the rest days and entries above.
    this.workingDayTable = new Uint8Array(WORKING_DAY_TABLE_DAYS);
    for (let i = 0; i < WORKING_DAY_TABLE_DAYS; i++) this.workingDayTable[i] = this.computeIsWorkingDay(WORKING_DAY_TABLE_START + i) ? 1 : 0;
    this.sessions = definition.officeHours.map((s) => ({ start: minuteOf(s.start), end: minuteOf(s.end) }));
    if (this.sessions.length === 0) throw new Error('a calendar needs office hours');
    this.minutesPerDay = this.sessions.reduce((sum, s) => sum + (s.end - s.start), 0);
    this.opensAt = this.sessions[0]!.start;
    this.closesAt = this.sessions[this.sessions.length - 1]!.end;
  }

  isWorkingDay(day: number): boolean {
    const index = day - WORKING_DAY_TABLE_START;
    if (index >= 0 && index < this.workingDayTable.length) return this.workingDayTable[index] === 1;
    return this.computeIsWorkingDay(day);
  }

  private computeIsWorkingDay(day: number): boolean {
    const entry = this.entries.get(day);
    if (entry && (entry.kind !== 'make_up_working_day' || this.makeUpDaysCount)) return entry.kind === 'make_up_working_day';
    return !this.restDays.has(weekdayOf(day));
  }

  /** Why a day is or is not a working day. */
  reasonFor(day: number): DayReason {
    const entry = this.entries.get(day);
    if (entry && (entry.kind !== 'make_up_working_day' || this.makeUpDaysCount)) {
      return entry.kind === 'make_up_working_day' ? { working: true, kind: entry.kind, entry } : { working: false, kind: entry.kind, entry };
    }
    return this.restDays.has(weekdayOf(day)) ? { working: false, kind: 'weekly_rest_day' } : { working: true, kind: 'weekday' };
  }

  /** The first working day strictly after `day`. */
  nextWorkingDay(day: number): number {
    let next = day + 1;
    for (let guard = 0; !this.isWorkingDay(next); guard++) {
      if (guard > 366) throw new Error(`no working day within a year after ${dateOfDay(day)}`);
      next++;
    }
    return next;
  }

  /** The day itself if it is a working day, else the next one. */
  workingDayOnOrAfter(day: number): number {
    return this.isWorkingDay(day) ? day : this.nextWorkingDay(day);
  }

  /** Office minutes of a working day that lie before `minute` (how much of the day is used up). */
  officeMinutesBefore(minute: number): number {
    let used = 0;
    for (const s of this.sessions) used += Math.max(0, Math.min(minute, s.end) - s.start);
    return used;
  }

  /** The minute of the day at which `officeMinutes` of office time have passed (0 → opening). */
  minuteAfterOfficeMinutes(officeMinutes: number): number {
    let left = officeMinutes;
    for (const s of this.sessions) {
      const length = s.end - s.start;
      if (left <= length) return s.start + left;
      left -= length;
    }
    return this.closesAt;
  }
}
