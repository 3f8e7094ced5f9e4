// The unit (cơ quan, đơn vị): an agency, a level of government, or a one-stop desk inside one.

export const UNIT_TYPES = [
  'ministry', // Bộ, ngành
  'province', // UBND tỉnh, thành phố
  'district', // UBND huyện, quận, thị xã (abolished 01/07/2025; kept for history)
  'commune', // UBND xã, phường, đặc khu
  'department', // Sở, phòng chuyên môn
  'agency', // other agency: tax, police, land registration office…
  'one_stop_desk', // Bộ phận Một cửa / Trung tâm Phục vụ hành chính công
] as const;
export type UnitType = (typeof UNIT_TYPES)[number];

/** A stretch of office hours in local time, 'HH:MM'. */
export interface OfficeHoursSession {
  readonly start: string;
  readonly end: string;
}

/** Default office hours of public agencies: 07:00–11:30 and 13:30–17:00, 8 hours a working day. */
export const DEFAULT_OFFICE_HOURS: readonly OfficeHoursSession[] = [
  { start: '07:00', end: '11:30' },
  { start: '13:30', end: '17:00' },
];

export interface Unit {
  readonly id: string;
  /** Electronic identifier (mã định danh), QCVN 102:2016 / Decision 20/2020, e.g. 000.00.12.H26. */
  readonly code: string;
  readonly name: string;
  readonly shortName: string | null;
  readonly type: UnitType;
  /** The parent in force on the date the unit was read for (null for a root). */
  readonly parentId: string | null;
  readonly address: string | null;
  readonly phone: string | null;
  readonly email: string | null;
  readonly officeHours: OfficeHoursSession[];
  readonly validFrom: string;
  readonly validTo: string | null;
  /** The unit that took over when this one was merged or abolished. */
  readonly successorId: string | null;
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** Decision 20/2020: up to 35 characters from '.', 0–9 and A–Z, in dot-separated groups. */
export const UNIT_CODE_PATTERN = '^[0-9A-Z]+(\\.[0-9A-Z]+)*$';
export const UNIT_CODE_MAX_LENGTH = 35;

export function isValidUnitCode(code: string): boolean {
  return code.length <= UNIT_CODE_MAX_LENGTH && new RegExp(UNIT_CODE_PATTERN).test(code);
}

/** Problems with a list of office-hour sessions, or [] when they are ordered and do not overlap. */
export function officeHoursProblems(sessions: readonly OfficeHoursSession[]): string[] {
  const problems: string[] = [];
  const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
  let previousEnd = -1;
  sessions.forEach((session, i) => {
    if (minutes(session.start) >= minutes(session.end)) problems.push(`officeHours.${i}: start must be before end`);
    if (minutes(session.start) < previousEnd) problems.push(`officeHours.${i}: sessions must be in order and must not overlap`);
    previousEnd = minutes(session.end);
  });
  return problems;
}

// Search normalisation lives in src/search/; re-exported here for existing callers.
export { searchTextOf } from '../search/search-text.js';
