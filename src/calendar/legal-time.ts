// Legal time in Vietnam: instants are UTC; days and office hours are counted in Asia/Ho_Chi_Minh,
// which is UTC+7 all year (no daylight saving since 1975), so plain arithmetic is exact.
// Days are handled as integer day numbers (days since 1970-01-01) for speed; 'YYYY-MM-DD' at the edges.

export const VIETNAM_OFFSET_MINUTES = 7 * 60;
export const MINUTES_PER_DAY = 24 * 60;
const MS_PER_MINUTE = 60_000;

/** Days since 1970-01-01 of a 'YYYY-MM-DD' date. */
export function dayNumber(date: string): number {
  return Math.floor(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000);
}

/** 'YYYY-MM-DD' of a day number. */
export function dateOfDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
}

/** A moment in Vietnam: its legal day and the minute of that day (0–1439). */
export interface LocalMoment {
  readonly day: number;
  readonly minute: number;
}

export function toLocal(instant: Date): LocalMoment {
  const localMinutes = Math.floor(instant.getTime() / MS_PER_MINUTE) + VIETNAM_OFFSET_MINUTES;
  const day = Math.floor(localMinutes / MINUTES_PER_DAY);
  return { day, minute: localMinutes - day * MINUTES_PER_DAY };
}

export function toInstant(moment: LocalMoment): Date {
  return new Date((moment.day * MINUTES_PER_DAY + moment.minute - VIETNAM_OFFSET_MINUTES) * MS_PER_MINUTE);
}

/** 'HH:MM' → minutes since midnight. */
export function minuteOf(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

export function hhmm(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

/** 'dd/mm/yyyy', as dates are written in Vietnam. */
export function vietnameseDate(day: number): string {
  const iso = dateOfDay(day);
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}
