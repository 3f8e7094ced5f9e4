// Reporting periods and the counter buckets that cover them. Pure.
// A period is a range of Vietnam's legal dates, both ends included: a month, a quarter, the first 6 or 9
// months, a year, or any range. Counters exist per day and per month; a period is covered by whole months
// where it can be and by days at its ragged ends, so a year costs 12 buckets per counter key, not 365.
import { addDays, isCalendarDate } from '../time/clock.js';
import type { BucketRange } from './report-counters.repository.js';

export interface ReportPeriod {
  readonly from: string;
  readonly to: string;
}

/** The last day ('YYYY-MM-DD') of a month 'YYYY-MM'. */
export function lastDayOfMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 2, 1)).toISOString().slice(0, 7);
}

export function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 7);
}

/**
 * A named period: 'YYYY' (year), 'YYYY-MM' (month), 'YYYY-Qn' (quarter), 'YYYY-6M' / 'YYYY-9M' (the first
 * 6 or 9 months, as the seeds' reports count). Undefined if the name is not one of these.
 */
export function namedPeriod(name: string): ReportPeriod | undefined {
  let match = /^(\d{4})$/.exec(name);
  if (match) return { from: `${match[1]}-01-01`, to: `${match[1]}-12-31` };
  match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(name);
  if (match) return { from: `${name}-01`, to: lastDayOfMonth(name) };
  match = /^(\d{4})-Q([1-4])$/.exec(name);
  if (match) {
    const first = (Number(match[2]) - 1) * 3 + 1;
    return { from: `${match[1]}-${String(first).padStart(2, '0')}-01`, to: lastDayOfMonth(`${match[1]}-${String(first + 2).padStart(2, '0')}`) };
  }
  match = /^(\d{4})-(6|9)M$/.exec(name);
  if (match) return { from: `${match[1]}-01-01`, to: lastDayOfMonth(`${match[1]}-${match[2] === '6' ? '06' : '09'}`) };
  return undefined;
}

export function isValidPeriod(period: ReportPeriod): boolean {
  return isCalendarDate(period.from) && isCalendarDate(period.to) && period.from <= period.to;
}

/** The buckets covering [from, to] exactly once: whole months inside it, days at its ends. */
export function bucketRanges(from: string, to: string): BucketRange[] {
  const ranges: BucketRange[] = [];
  // The last month wholly inside the range.
  const lastWholeMonth = to === lastDayOfMonth(to.slice(0, 7)) ? to.slice(0, 7) : previousMonth(to.slice(0, 7));
  let cursor = from;
  while (cursor <= to) {
    const month = cursor.slice(0, 7);
    if (cursor.endsWith('-01') && month <= lastWholeMonth) {
      ranges.push({ grain: 'm', from: month, to: lastWholeMonth });
      cursor = addDays(lastDayOfMonth(lastWholeMonth), 1);
    } else {
      const end = lastDayOfMonth(month) < to ? lastDayOfMonth(month) : to;
      ranges.push({ grain: 'd', from: cursor, to: end });
      cursor = addDays(end, 1);
    }
  }
  return ranges;
}

/** The buckets covering every day before `day` (from the beginning of time). */
export function bucketsBefore(day: string): BucketRange[] {
  return bucketRanges('0001-01-01', addDays(day, -1));
}
