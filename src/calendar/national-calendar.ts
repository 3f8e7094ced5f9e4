// The national calendar of public servants: Saturday and Sunday off, the official lists of the years
// shipped in official/, and for every other year from 2000 to 2060 the days proposed from the Labour
// Code and the lunar calendar, marked provisional until an official list replaces them.
import { OFFICIAL_YEARS } from './official/vietnam-public-servants.js';
import { proposeYear } from './provisional-holidays.js';
import { DEFAULT_OFFICE_HOURS, WorkCalendar, type CalendarDefinition, type DayEntry } from './work-calendar.js';

const PROPOSED_FROM = 2000;
const PROPOSED_TO = 2060;

function nationalEntries(): DayEntry[] {
  const official = new Set(OFFICIAL_YEARS.map((y) => y.year));
  const entries: DayEntry[] = OFFICIAL_YEARS.flatMap((y) => y.entries);
  for (let year = PROPOSED_FROM; year <= PROPOSED_TO; year++) if (!official.has(year)) entries.push(...proposeYear(year));
  return entries;
}

export const NATIONAL_CALENDAR_ID = 'vn-public-servants';
export const NATIONAL_CALENDAR_NAME = 'Lịch làm việc của cán bộ, công chức, viên chức (toàn quốc)';

export const NATIONAL_CALENDAR: CalendarDefinition = {
  id: NATIONAL_CALENDAR_ID,
  name: NATIONAL_CALENDAR_NAME,
  weeklyRestDays: [0, 6],
  entries: nationalEntries(),
  officeHours: DEFAULT_OFFICE_HOURS,
};

export function nationalCalendar(): WorkCalendar {
  return new WorkCalendar(NATIONAL_CALENDAR);
}
