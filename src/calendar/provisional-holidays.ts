// Proposed days off for a year without an official list, from the Labour Code (Art. 112) and the
// Vietnamese lunar calendar: New Year; five Tết days (the eve and mùng 1–4, as in 2026); Hùng Kings'
// Day (10/3 lunar); 30/4 and 1/5; 2/9 and an adjacent day. A holiday on a weekly rest day gives the next
// working day off (Art. 111(3)). Every proposed day is provisional until an administrator confirms the
// year's official list (swaps and make-up Saturdays cannot be predicted).
import { addDays } from '../time/clock.js';
import { dayNumber, weekdayOf } from './legal-time.js';
import { hungKingsDay, lunarNewYear } from './lunar.js';
import type { DayEntry } from './work-calendar.js';

const REST_DAYS = new Set([0, 6]);
const isRest = (date: string) => REST_DAYS.has(weekdayOf(dayNumber(date)));

interface Holiday {
  readonly date: string;
  readonly vi: string;
  readonly en: string;
}

function tetDays(year: number): Holiday[] {
  const first = lunarNewYear(year);
  const names = ['Giao thừa (ngày cuối năm âm lịch)', 'mùng 1 Tết', 'mùng 2 Tết', 'mùng 3 Tết', 'mùng 4 Tết'];
  const english = ['Lunar New Year’s Eve', 'Lunar New Year day 1', 'Lunar New Year day 2', 'Lunar New Year day 3', 'Lunar New Year day 4'];
  return names.map((name, i) => ({ date: addDays(first, i - 1), vi: `Tết Nguyên đán (${name})`, en: english[i]! }));
}

function nationalDayPair(year: number): Holiday[] {
  const second = `${year}-09-02`;
  // The adjacent day makes the longer break: after a Monday 2/9, the Tuesday; otherwise the day before.
  const adjacent = weekdayOf(dayNumber(second)) === 1 ? `${year}-09-03` : `${year}-09-01`;
  return [
    { date: second, vi: 'Quốc khánh 2/9', en: 'National Day (2 September)' },
    { date: adjacent, vi: 'Quốc khánh (ngày liền kề)', en: 'National Day (adjacent day)' },
  ];
}

export function proposeYear(year: number): DayEntry[] {
  const holidays: Holiday[] = [
    { date: `${year}-01-01`, vi: 'Tết Dương lịch', en: 'New Year' },
    ...tetDays(year),
    { date: hungKingsDay(year), vi: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)', en: "Hùng Kings' Commemoration (10th day of the 3rd lunar month)" },
    { date: `${year}-04-30`, vi: 'Ngày Chiến thắng 30/4', en: 'Reunification Day (30 April)' },
    { date: `${year}-05-01`, vi: 'Ngày Quốc tế Lao động 1/5', en: 'International Labour Day (1 May)' },
    ...nationalDayPair(year),
  ].sort((a, b) => a.date.localeCompare(b.date));

  const taken = new Set(holidays.map((h) => h.date));
  const entries: DayEntry[] = holidays.map((h) => ({ date: h.date, kind: 'holiday', name: { vi: h.vi, en: h.en }, provisional: true }));
  for (const holiday of holidays) {
    if (!isRest(holiday.date)) continue;
    // The next day that is neither a rest day nor already off.
    let date = addDays(holiday.date, 1);
    while (isRest(date) || taken.has(date)) date = addDays(date, 1);
    taken.add(date);
    entries.push({ date, kind: 'compensatory_day_off', name: { vi: `Nghỉ bù ${holiday.vi}`, en: `Day off in lieu of ${holiday.en}` }, provisional: true });
  }
  return entries.sort((a, b) => a.date.localeCompare(b.date));
}

/** Years for which days are proposed when no list is recorded. */
export const PROPOSED_YEARS = { from: 2000, to: 2060 } as const;

/** The recorded lists' entries, plus proposed (provisional) days for every year in PROPOSED_YEARS without a list. */
export function withProposedYears(recorded: ReadonlyMap<number, readonly DayEntry[]>): DayEntry[] {
  const entries: DayEntry[] = [...recorded.values()].flat();
  for (let year = PROPOSED_YEARS.from; year <= PROPOSED_YEARS.to; year++) if (!recorded.has(year)) entries.push(...proposeYear(year));
  return entries;
}
