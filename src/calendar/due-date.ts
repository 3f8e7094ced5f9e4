// The legal clock: when a time limit expires, and why. Pure functions of the start instant, the
// duration, the calendar, the cut-off, the pauses and the extension; no "now", no I/O.
//
// Rules (LAW.md §1.6, §5.1):
// - Civil Code Art. 147: a limit in days starts the day after the event and ends at the close of office
//   hours of the last day; if that day is not a working day, the next working day.
// - A limit in hours runs from the moment itself, inside office hours only.
// - Cut-off (per procedure case): an intake after the cut-off time, or on a day off, counts as received on
//   the next working day.
// - Pauses (supplement or payment requested): either the paused office time is not counted
//   ('subtract_paused_time', Decision 766 indicator 2.1) or the limit restarts from zero when the applicant
//   answers ('restart_from_zero', Decree 61/2018 Art. 19(4)).
import { dateOfDay, MINUTES_PER_DAY, toInstant, toLocal, type LocalMoment } from './legal-time.js';
import type { WorkCalendar } from './work-calendar.js';

export type DurationUnit = 'working_days' | 'working_hours' | 'calendar_days' | 'months';

export interface Duration {
  readonly amount: number;
  readonly unit: DurationUnit;
}

export type PauseRule = 'subtract_paused_time' | 'restart_from_zero';

export interface Pause {
  readonly from: Date;
  /** null while the dossier is still paused. */
  readonly to: Date | null;
  readonly reason?: 'supplement' | 'payment' | 'other';
}

export interface DueDateInput {
  readonly receivedAt: Date;
  readonly duration: Duration;
  /** Local 'HH:MM' after which an intake counts from the next working day; null: no cut-off. */
  readonly cutOff?: string | null;
  readonly pauses?: readonly Pause[];
  readonly pauseRule?: PauseRule;
  /** At most one extension (gia hạn), in the same family of units as the duration. */
  readonly extension?: Duration | null;
}

export type TraceStep =
  | { readonly type: 'received'; readonly at: Date }
  | { readonly type: 'counts_from'; readonly day: number; readonly because: 'after_cut_off' | 'day_off' | 'restart_after_pause' }
  | { readonly type: 'day'; readonly day: number; readonly countedMinutes: number; readonly countedDayNumber: number | null }
  | { readonly type: 'pause'; readonly from: Date; readonly to: Date; readonly notCountedMinutes: number }
  | { readonly type: 'moved_off_day_off'; readonly fromDay: number; readonly toDay: number }
  | { readonly type: 'extension'; readonly duration: Duration }
  | { readonly type: 'due'; readonly at: Date };

export interface DueDateResult {
  /** null while a pause is still open: the clock is stopped. */
  readonly dueAt: Date | null;
  readonly trace: readonly TraceStep[];
}

export class DueDateInputError extends Error {
  override name = 'DueDateInputError';
}

export function computeDueDate(calendar: WorkCalendar, input: DueDateInput, options: { trace?: boolean } = {}): DueDateResult {
  validate(input);
  const trace: TraceStep[] | null = options.trace === false ? null : [];
  trace?.push({ type: 'received', at: input.receivedAt });
  const pauses = normalisePauses(input.pauses ?? []);
  const open = pauses.find((p) => p.to === null);
  const closed = pauses.filter((p): p is { from: Date; to: Date } => p.to !== null);
  const total = withExtension(input.duration, input.extension ?? null, trace);

  let start = input.receivedAt;
  let countedPauses = closed;
  if ((input.pauseRule ?? 'subtract_paused_time') === 'restart_from_zero' && closed.length > 0) {
    start = closed[closed.length - 1]!.to; // the complete dossier counts as received when the applicant answers
    countedPauses = [];
    trace?.push({ type: 'counts_from', day: toLocal(start).day, because: 'restart_after_pause' });
  }
  if (open) {
    if (trace) for (const p of countedPauses) trace.push({ type: 'pause', from: p.from, to: p.to, notCountedMinutes: 0 });
    return { dueAt: null, trace: trace ?? [] };
  }
  const dueAt =
    total.unit === 'working_days' || total.unit === 'working_hours'
      ? officeTimeDue(calendar, start, total, input.cutOff ?? null, countedPauses, trace)
      : calendarTimeDue(calendar, start, total, input.cutOff ?? null, countedPauses, trace);
  trace?.push({ type: 'due', at: dueAt });
  return { dueAt, trace: trace ?? [] };
}

function validate(input: DueDateInput): void {
  if (!Number.isInteger(input.duration.amount) || input.duration.amount < 0 || input.duration.amount > 10_000) {
    throw new DueDateInputError('duration.amount must be a whole number from 0 to 10000');
  }
  if (Number.isNaN(input.receivedAt.getTime())) throw new DueDateInputError('receivedAt is not a valid instant');
  if (input.cutOff != null && !/^([01]\d|2[0-3]):[0-5]\d$/.test(input.cutOff)) throw new DueDateInputError('cutOff must be HH:MM');
  for (const pause of input.pauses ?? []) {
    if (pause.to && pause.to < pause.from) throw new DueDateInputError('a pause must not end before it starts');
  }
}

function normalisePauses(pauses: readonly Pause[]): Array<{ from: Date; to: Date | null }> {
  return [...pauses].sort((a, b) => a.from.getTime() - b.from.getTime()).map((p) => ({ from: p.from, to: p.to }));
}

const FAMILY: Record<DurationUnit, 'office' | 'calendar'> = { working_days: 'office', working_hours: 'office', calendar_days: 'calendar', months: 'calendar' };

/** Office time added by an extension in the other office unit (working days ↔ working hours). */
interface Extra {
  readonly extraDays: number;
  readonly extraHours: number;
}

/** The limit with its extension: same unit → added; working days and hours mix as office time. */
function withExtension(duration: Duration, extension: Duration | null, trace: TraceStep[] | null): Duration & Extra {
  if (!extension || extension.amount === 0) return { unit: duration.unit, amount: duration.amount, extraDays: 0, extraHours: 0 };
  trace?.push({ type: 'extension', duration: extension });
  if (extension.unit === duration.unit) return { unit: duration.unit, amount: duration.amount + extension.amount, extraDays: 0, extraHours: 0 };
  if (FAMILY[extension.unit] !== FAMILY[duration.unit] || FAMILY[duration.unit] === 'calendar') {
    throw new DueDateInputError(`an extension in ${extension.unit} cannot extend a limit in ${duration.unit}`);
  }
  // The limit keeps its own start rule (days start the next working day; hours at the moment itself).
  return extension.unit === 'working_hours'
    ? { unit: duration.unit, amount: duration.amount, extraDays: 0, extraHours: extension.amount }
    : { unit: duration.unit, amount: duration.amount, extraDays: extension.amount, extraHours: 0 };
}

// ---- Office time (working days and working hours) --------------------------------------------------

/** Where office time starts running: a moment inside office hours (or at the close of the intake day for 0 days). */
function officeStart(calendar: WorkCalendar, receivedAt: Date, unit: DurationUnit, cutOff: string | null, trace: TraceStep[] | null): { intakeDay: number; clock: LocalMoment } {
  const local = toLocal(receivedAt);
  const cutOffMinute = cutOff === null ? null : Number(cutOff.slice(0, 2)) * 60 + Number(cutOff.slice(3, 5));
  let intakeDay = local.day;
  let minute = local.minute;
  if (!calendar.isWorkingDay(local.day)) {
    intakeDay = calendar.nextWorkingDay(local.day);
    minute = -1;
    trace?.push({ type: 'counts_from', day: intakeDay, because: 'day_off' });
  } else if (cutOffMinute !== null && local.minute >= cutOffMinute) {
    intakeDay = calendar.nextWorkingDay(local.day);
    minute = -1;
    trace?.push({ type: 'counts_from', day: intakeDay, because: 'after_cut_off' });
  }
  if (unit === 'working_days') {
    // Civil Code Art. 147: the intake day is not counted; time runs from the next working day's opening.
    return { intakeDay, clock: { day: calendar.nextWorkingDay(intakeDay), minute: calendar.opensAt } };
  }
  // Hours run from the moment itself (or the opening, when moved to another day).
  if (minute < 0) return { intakeDay, clock: { day: intakeDay, minute: calendar.opensAt } };
  return { intakeDay, clock: { day: intakeDay, minute } };
}

function officeTimeDue(calendar: WorkCalendar, receivedAt: Date, duration: Duration & Extra, cutOff: string | null, pauses: ReadonlyArray<{ from: Date; to: Date }>, trace: TraceStep[] | null): Date {
  const { intakeDay, clock } = officeStart(calendar, receivedAt, duration.unit, cutOff, trace);
  if (duration.amount === 0 && duration.extraDays === 0 && duration.extraHours === 0) {
    // "Same day": due at the close of the (effective) intake day.
    return toInstant({ day: intakeDay, minute: calendar.closesAt });
  }
  const days = duration.extraDays + (duration.unit === 'working_days' ? duration.amount : 0);
  const hours = duration.extraHours + (duration.unit === 'working_hours' ? duration.amount : 0);
  const needed = days * calendar.minutesPerDay + hours * 60;
  // Paused office time is not counted: extend until the office time outside pauses reaches `needed`.
  let due = addOfficeMinutes(calendar, clock, needed);
  for (let guard = 0; guard < 1000; guard++) {
    const paused = pausedOfficeMinutes(calendar, pauses, clock, due);
    const next = addOfficeMinutes(calendar, clock, needed + paused);
    if (next.day === due.day && next.minute === due.minute) break;
    due = next;
  }
  if (trace) traceOfficeDays(calendar, trace, clock, due, pauses, duration.unit === 'working_days');
  return toInstant(due);
}

/** The moment at which `amount` office minutes after `from` have passed. */
export function addOfficeMinutes(calendar: WorkCalendar, from: LocalMoment, amount: number): LocalMoment {
  let day = from.day;
  let minute = from.minute;
  let left = amount;
  for (let guard = 0; guard < 20_000; guard++) {
    if (calendar.isWorkingDay(day)) {
      const used = calendar.officeMinutesBefore(minute);
      const available = calendar.minutesPerDay - used;
      if (left <= available && !(left === 0 && available === 0)) return { day, minute: calendar.minuteAfterOfficeMinutes(used + left) };
      left -= available;
    }
    day++;
    minute = 0;
  }
  throw new DueDateInputError('the limit runs past the calendar range');
}

/** Office minutes in [from, to) of the local timeline. */
function officeMinutesBetween(calendar: WorkCalendar, from: LocalMoment, to: LocalMoment): number {
  if (to.day < from.day || (to.day === from.day && to.minute <= from.minute)) return 0;
  let total = 0;
  for (let day = from.day; day <= to.day; day++) {
    if (!calendar.isWorkingDay(day)) continue;
    const start = day === from.day ? calendar.officeMinutesBefore(from.minute) : 0;
    const end = day === to.day ? calendar.officeMinutesBefore(to.minute) : calendar.minutesPerDay;
    total += Math.max(0, end - start);
  }
  return total;
}

function pausedOfficeMinutes(calendar: WorkCalendar, pauses: ReadonlyArray<{ from: Date; to: Date }>, clock: LocalMoment, due: LocalMoment): number {
  let total = 0;
  let coveredUntil: LocalMoment = clock;
  for (const pause of pauses) {
    const from = later(toLocal(pause.from), coveredUntil);
    const to = earlier(toLocal(pause.to), due);
    total += officeMinutesBetween(calendar, from, to);
    coveredUntil = later(coveredUntil, toLocal(pause.to)); // overlapping pauses count once
  }
  return total;
}

const isBefore = (a: LocalMoment, b: LocalMoment) => a.day < b.day || (a.day === b.day && a.minute < b.minute);
const later = (a: LocalMoment, b: LocalMoment) => (isBefore(a, b) ? b : a);
const earlier = (a: LocalMoment, b: LocalMoment) => (isBefore(a, b) ? a : b);

function traceOfficeDays(calendar: WorkCalendar, trace: TraceStep[], clock: LocalMoment, due: LocalMoment, pauses: ReadonlyArray<{ from: Date; to: Date }>, countWholeDays: boolean): void {
  for (const pause of pauses) {
    const from = later(toLocal(pause.from), clock);
    const to = earlier(toLocal(pause.to), due);
    trace.push({ type: 'pause', from: pause.from, to: pause.to, notCountedMinutes: officeMinutesBetween(calendar, from, to) });
  }
  let counted = 0;
  for (let day = clock.day; day <= due.day; day++) {
    const dayStart: LocalMoment = day === clock.day ? clock : { day, minute: 0 };
    const dayEnd: LocalMoment = day === due.day ? due : { day, minute: MINUTES_PER_DAY };
    const inDay = officeMinutesBetween(calendar, dayStart, dayEnd);
    const paused = pausedOfficeMinutes(calendar, pauses, dayStart, dayEnd);
    const minutes = inDay - paused;
    const before = counted;
    counted += minutes;
    const wholeDay = countWholeDays && minutes > 0 && Math.floor(counted / calendar.minutesPerDay) > Math.floor(before / calendar.minutesPerDay);
    trace.push({ type: 'day', day, countedMinutes: minutes, countedDayNumber: wholeDay ? Math.floor(counted / calendar.minutesPerDay) : null });
  }
}

// ---- Calendar time (calendar days and months) ------------------------------------------------------

function calendarTimeDue(calendar: WorkCalendar, receivedAt: Date, duration: Duration, cutOff: string | null, pauses: ReadonlyArray<{ from: Date; to: Date }>, trace: TraceStep[] | null): Date {
  const local = toLocal(receivedAt);
  let intakeDay = local.day;
  if (cutOff !== null && calendar.isWorkingDay(local.day) && local.minute >= Number(cutOff.slice(0, 2)) * 60 + Number(cutOff.slice(3, 5))) {
    intakeDay = calendar.nextWorkingDay(local.day);
    trace?.push({ type: 'counts_from', day: intakeDay, because: 'after_cut_off' });
  }
  let lastDay = duration.unit === 'calendar_days' ? intakeDay + duration.amount : addMonths(intakeDay, duration.amount);
  // Paused time is added in whole calendar days (rounded up), then the day is moved off any day off.
  const pausedMs = pauses.reduce((sum, p) => sum + Math.max(0, Math.min(p.to.getTime(), toInstant({ day: lastDay, minute: calendar.closesAt }).getTime()) - Math.max(p.from.getTime(), receivedAt.getTime())), 0);
  if (pausedMs > 0) {
    const days = Math.ceil(pausedMs / 86_400_000);
    for (const p of pauses) trace?.push({ type: 'pause', from: p.from, to: p.to, notCountedMinutes: Math.round((p.to.getTime() - p.from.getTime()) / 60_000) });
    lastDay += days;
  }
  if (trace) for (let day = intakeDay + 1; day <= lastDay; day++) trace.push({ type: 'day', day, countedMinutes: 0, countedDayNumber: day - intakeDay });
  const dueDay = calendar.workingDayOnOrAfter(lastDay);
  if (dueDay !== lastDay) trace?.push({ type: 'moved_off_day_off', fromDay: lastDay, toDay: dueDay });
  return toInstant({ day: dueDay, minute: calendar.closesAt });
}

/** Civil Code: the same day of the month n months later, or that month's last day when it has no such day. */
function addMonths(day: number, months: number): number {
  const date = dateOfDay(day);
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7)) - 1 + months;
  const dom = Number(date.slice(8, 10));
  const targetYear = year + Math.floor(month / 12);
  const targetMonth = ((month % 12) + 12) % 12;
  const lastDom = new Date(Date.UTC(targetYear, targetMonth + 1, 0)).getUTCDate();
  return Math.floor(Date.UTC(targetYear, targetMonth, Math.min(dom, lastDom)) / 86_400_000);
}
