// The national calendar of public servants: Saturday and Sunday off, the official lists of the years
// shipped in official/, default office hours. Provinces and units override it (later: stored versions).
import { OFFICIAL_YEARS } from './official/vietnam-public-servants.js';
import { DEFAULT_OFFICE_HOURS, WorkCalendar, type CalendarDefinition } from './work-calendar.js';

export const NATIONAL_CALENDAR: CalendarDefinition = {
  id: 'vn-public-servants',
  name: 'Lịch làm việc của cán bộ, công chức, viên chức (toàn quốc)',
  weeklyRestDays: [0, 6],
  entries: OFFICIAL_YEARS.flatMap((year) => year.entries),
  officeHours: DEFAULT_OFFICE_HOURS,
};

export function nationalCalendar(): WorkCalendar {
  return new WorkCalendar(NATIONAL_CALENDAR);
}
