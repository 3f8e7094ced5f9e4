// Time is injected: every rule that depends on "now" takes a Clock, so tests and imports are exact.
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(instant: string | Date): Clock {
  const date = new Date(instant);
  return { now: () => new Date(date) };
}

const vietnamDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' });
/** Vietnam has kept UTC+7, without daylight saving, since 13 June 1975 (earlier, the South used UTC+8). */
const FIXED_OFFSET_SINCE = Date.UTC(1975, 5, 13);
const VIETNAM_OFFSET_MS = 7 * 3600_000;

/** The legal date ('YYYY-MM-DD') of an instant in Vietnam (UTC+7), where administrative days are counted. */
export function vietnamDateOf(instant: Date): string {
  const ms = instant.getTime();
  // Arithmetic where the offset is fixed (the commands compute dates many times each); the time-zone database before.
  if (ms >= FIXED_OFFSET_SINCE && ms < 253_402_300_800_000 - VIETNAM_OFFSET_MS) return new Date(ms + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
  return vietnamDate.format(instant);
}

/** 'YYYY-MM-DD' plus n calendar days. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** True for a real calendar date written 'YYYY-MM-DD' (rejects 2026-02-30). */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}
