// The national calendar of public servants: Saturday and Sunday off, the official lists of the years
// shipped in official/, and for every other year in PROPOSED_YEARS the days proposed from the Labour
// Code and the lunar calendar, marked provisional until an official list replaces them.
import { OFFICIAL_YEARS } from './official/vietnam-public-servants.js';
import { withProposedYears } from './provisional-holidays.js';
import { DEFAULT_OFFICE_HOURS, WorkCalendar, type CalendarDefinition } from './work-calendar.js';

export const NATIONAL_CALENDAR_ID = 'vn-public-servants';
export const NATIONAL_CALENDAR_NAME = 'Lịch làm việc của cán bộ, công chức, viên chức (toàn quốc)';

export const NATIONAL_CALENDAR: CalendarDefinition = {
  id: NATIONAL_CALENDAR_ID,
  name: NATIONAL_CALENDAR_NAME,
  weeklyRestDays: [0, 6],
  entries: withProposedYears(new Map(OFFICIAL_YEARS.map((y) => [y.year, y.entries]))),
  officeHours: DEFAULT_OFFICE_HOURS,
};

export function nationalCalendar(): WorkCalendar {
  return new WorkCalendar(NATIONAL_CALENDAR);
}
