// The Vietnamese lunar calendar (âm lịch), computed astronomically. LAW.md §5.2: Tết and Giỗ Tổ Hùng
// Vương are lunar dates, and the Vietnamese calendar is the Chinese-style lunisolar calendar reckoned
// at Vietnam's meridian (UTC+7, official since 1967 in the North, 1975 nationwide). Because months
// start on the local day of the new moon and the 11th month must hold the winter solstice, one hour
// of time zone occasionally moves a month boundary: in 1985 Vietnam kept Tết on 21/01 and China on
// 20/02. So this is NOT a Chinese-calendar library and NOT Intl's 'chinese' calendar (UTC+8).
//
// Algorithm: Hồ Ngọc Đức, "Âm lịch Việt Nam" (https://www.informatik.uni-leipzig.de/~duc/amlich/),
// whose astronomy comes from Jean Meeus, "Astronomical Algorithms" (1998): the truncated new-moon
// series of ch. 49 and the low-precision solar longitude of ch. 25. The rules it applies:
//   1. A lunar month starts on the local day containing the new moon.
//   2. Month 11 is the month containing the winter solstice (sun longitude 270°).
//   3. If 13 new moons fall between two months 11, the year has a leap month: the first month after
//      month 11 that contains no major solar term (sun longitude a multiple of 30°) is the leap one.
// The truncated series are good to minutes, so only a new moon or solar term within minutes of local
// midnight could land on the wrong day; supported years are 1800–2199 (the range of the author's own
// published tables). Pure integer Julian-day arithmetic at the edges: no Date, no time zone, no I/O.

/** A day of the Vietnamese lunar calendar. `isLeapMonth`: the day lies in the leap (nhuận) month. */
export interface LunarDate {
  year: number;
  month: number;
  day: number;
  isLeapMonth: boolean;
}

/** Vietnam's legal time, UTC+7 all year. */
export const VIETNAM_TIME_ZONE_HOURS = 7;
/** Gregorian years supported by `solarToLunar`; lunar years from MIN − 1 (its first days belong there). */
export const MIN_SUPPORTED_YEAR = 1800;
export const MAX_SUPPORTED_YEAR = 2199;

const SYNODIC_MONTH = 29.530588853; // mean days from new moon to new moon
const NEW_MOON_EPOCH = 2415021.076998695; // JD of the mean new moon of 1900-01-01 (k = 0 in NewMoon)
const DEG = Math.PI / 180;

// ---------------------------------------------------------------------------------------------------
// Julian day numbers (proleptic Gregorian; the Julian-calendar branch of the original is not needed
// for the supported years).

/** Julian day number of a Gregorian date (Fliegel–Van Flandern). */
export function jdFromDate(day: number, month: number, year: number): number {
  const a = Math.floor((14 - month) / 12);
  const y = year + 4800 - a;
  const m = month + 12 * a - 3;
  return day + Math.floor((153 * m + 2) / 5) + 365 * y + Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400) - 32045;
}

/** Gregorian date of a Julian day number. */
export function jdToDate(jd: number): { year: number; month: number; day: number } {
  const a = jd + 32044;
  const b = Math.floor((4 * a + 3) / 146097);
  const c = a - Math.floor((146097 * b) / 4);
  const d = Math.floor((4 * c + 3) / 1461);
  const e = c - Math.floor((1461 * d) / 4);
  const m = Math.floor((5 * e + 2) / 153);
  return {
    day: e - Math.floor((153 * m + 2) / 5) + 1,
    month: m + 3 - 12 * Math.floor(m / 10),
    year: 100 * b + d - 4800 + Math.floor(m / 10),
  };
}

// ---------------------------------------------------------------------------------------------------
// Astronomy (Meeus).

/** Julian date (UT, fractional) of the k-th new moon after 1900-01-01 (Meeus' series, as in amlich). */
function newMoon(k: number): number {
  const T = k / 1236.85; // Julian centuries since 1900-01-00.5
  const T2 = T * T;
  const T3 = T2 * T;
  const mean = 2415020.75933 + 29.53058868 * k + 0.0001178 * T2 - 0.000000155 * T3 + 0.00033 * Math.sin((166.56 + 132.87 * T - 0.009173 * T2) * DEG);
  const M = (359.2242 + 29.10535608 * k - 0.0000333 * T2 - 0.00000347 * T3) * DEG; // sun's mean anomaly
  const Mpr = (306.0253 + 385.81691806 * k + 0.0107306 * T2 + 0.00001236 * T3) * DEG; // moon's mean anomaly
  const F = (21.2964 + 390.67050646 * k - 0.0016528 * T2 - 0.00000239 * T3) * DEG; // moon's argument of latitude
  const correction =
    (0.1734 - 0.000393 * T) * Math.sin(M) + 0.0021 * Math.sin(2 * M)
    - 0.4068 * Math.sin(Mpr) + 0.0161 * Math.sin(2 * Mpr) - 0.0004 * Math.sin(3 * Mpr)
    + 0.0104 * Math.sin(2 * F) - 0.0051 * Math.sin(M + Mpr) - 0.0074 * Math.sin(M - Mpr)
    + 0.0004 * Math.sin(2 * F + M) - 0.0004 * Math.sin(2 * F - M) - 0.0006 * Math.sin(2 * F + Mpr)
    + 0.001 * Math.sin(2 * F - Mpr) + 0.0005 * Math.sin(2 * Mpr + M);
  // ΔT (TT − UT) in days, the polynomial fits used by the original.
  const deltaT = T < -11
    ? 0.001 + 0.000839 * T + 0.0002261 * T2 - 0.00000845 * T3 - 0.000000081 * T * T3
    : -0.000278 + 0.000265 * T + 0.000262 * T2;
  return mean + correction - deltaT;
}

/** Apparent solar longitude in radians, [0, 2π), at Julian date `jd` (Meeus ch. 25, low precision). */
function sunLongitude(jd: number): number {
  const T = (jd - 2451545.0) / 36525; // Julian centuries since J2000.0
  const T2 = T * T;
  const M = 357.5291 + 35999.0503 * T - 0.0001559 * T2 - 0.00000048 * T * T2; // mean anomaly, degrees
  const L0 = 280.46645 + 36000.76983 * T + 0.0003032 * T2; // mean longitude, degrees
  const C = (1.9146 - 0.004817 * T - 0.000014 * T2) * Math.sin(DEG * M) + (0.019993 - 0.000101 * T) * Math.sin(2 * DEG * M) + 0.00029 * Math.sin(3 * DEG * M);
  const L = (L0 + C) * DEG;
  return L - 2 * Math.PI * Math.floor(L / (2 * Math.PI));
}

/** Local day (JDN) of the k-th new moon. */
export function getNewMoonDay(k: number, timeZoneHours: number): number {
  return Math.floor(newMoon(k) + 0.5 + timeZoneHours / 24);
}

/** Major solar term (0–11, one per 30° of solar longitude) in force at the local midnight starting `jdn`. */
export function getSunLongitude(jdn: number, timeZoneHours: number): number {
  return Math.floor((sunLongitude(jdn - 0.5 - timeZoneHours / 24) / Math.PI) * 6);
}

/** First day (JDN) of lunar month 11 of Gregorian year `year`: the month holding the winter solstice. */
export function getLunarMonth11(year: number, timeZoneHours: number): number {
  const k = Math.floor((jdFromDate(31, 12, year) - 2415021) / SYNODIC_MONTH);
  const nm = getNewMoonDay(k, timeZoneHours);
  // The last new moon of the year starts month 11 unless the sun is already past 270° (term ≥ 9) at
  // its start, i.e. the solstice came before it; then month 11 began one new moon earlier.
  return getSunLongitude(nm, timeZoneHours) >= 9 ? getNewMoonDay(k - 1, timeZoneHours) : nm;
}

/**
 * In a 13-month year starting at month 11 `a11`, the position (1 = the month after month 11) of the
 * leap month: the first month in which no major term begins, seen as two consecutive month starts
 * under the same term.
 */
export function getLeapMonthOffset(a11: number, timeZoneHours: number): number {
  const k = Math.floor((a11 - NEW_MOON_EPOCH) / SYNODIC_MONTH + 0.5);
  let i = 1;
  let arc = getSunLongitude(getNewMoonDay(k + i, timeZoneHours), timeZoneHours);
  let last: number;
  do {
    last = arc;
    i += 1;
    arc = getSunLongitude(getNewMoonDay(k + i, timeZoneHours), timeZoneHours);
  } while (arc !== last && i < 14);
  return i - 1;
}

// ---------------------------------------------------------------------------------------------------
// Conversions on Julian day numbers.

export function convertSolar2Lunar(jdn: number, timeZoneHours: number): LunarDate {
  const { year } = jdToDate(jdn);
  // The start of the month: the last new moon on or before the day. The original steps back from the
  // mean lunation k + 1 at most once, but a true new moon can run more than half a day behind the mean,
  // so when the k-th also falls after the day it answered "day 0" of the next month (e.g. 2054-05-07,
  // 2062-04-09 at UTC+7; about 15 days in 1800–2199). Step back until the new moon is not after the day.
  let k = Math.floor((jdn - NEW_MOON_EPOCH) / SYNODIC_MONTH) + 1;
  let monthStart = getNewMoonDay(k, timeZoneHours);
  while (monthStart > jdn) {
    k -= 1;
    monthStart = getNewMoonDay(k, timeZoneHours);
  }
  // Bracket the day between two months 11 (a11 ≤ monthStart < b11).
  let a11 = getLunarMonth11(year, timeZoneHours);
  let b11 = a11;
  let lunarYear: number;
  if (a11 >= monthStart) {
    lunarYear = year;
    a11 = getLunarMonth11(year - 1, timeZoneHours);
  } else {
    lunarYear = year + 1;
    b11 = getLunarMonth11(year + 1, timeZoneHours);
  }
  const diff = Math.floor((monthStart - a11) / 29); // months since month 11
  let month = diff + 11;
  let isLeapMonth = false;
  if (b11 - a11 > 365) {
    const leapOffset = getLeapMonthOffset(a11, timeZoneHours);
    if (diff >= leapOffset) {
      month = diff + 10;
      isLeapMonth = diff === leapOffset;
    }
  }
  if (month > 12) month -= 12;
  if (month >= 11 && diff < 4) lunarYear -= 1; // months 11 and 12 belong to the year that is ending
  return { year: lunarYear, month, day: jdn - monthStart + 1, isLeapMonth };
}

/** JDN of a lunar date, or null when that year has no such leap month. The day is not range-checked. */
export function convertLunar2Solar(lunar: LunarDate, timeZoneHours: number): number | null {
  const [a11, b11] = lunar.month < 11
    ? [getLunarMonth11(lunar.year - 1, timeZoneHours), getLunarMonth11(lunar.year, timeZoneHours)]
    : [getLunarMonth11(lunar.year, timeZoneHours), getLunarMonth11(lunar.year + 1, timeZoneHours)];
  const k = Math.floor(0.5 + (a11 - NEW_MOON_EPOCH) / SYNODIC_MONTH);
  let offset = (lunar.month - 11 + 12) % 12; // months after month 11
  if (b11 - a11 > 365) {
    const leapOffset = getLeapMonthOffset(a11, timeZoneHours);
    // The month number the leap month repeats: offset 1 → 11, 2 → 12, 3 → 1, … (the original's
    // `leapOff - 2, +12 if negative` gives 0 for a leap 12th month, which then could never be asked for).
    const leapMonth = ((leapOffset + 9) % 12) + 1;
    if (lunar.isLeapMonth && lunar.month !== leapMonth) return null;
    if (lunar.isLeapMonth || offset >= leapOffset) offset += 1;
  } else if (lunar.isLeapMonth) {
    return null;
  }
  return getNewMoonDay(k + offset, timeZoneHours) + lunar.day - 1;
}

// ---------------------------------------------------------------------------------------------------
// The API on 'YYYY-MM-DD' strings.

const FIRST_SUPPORTED_DAY = jdFromDate(1, 1, MIN_SUPPORTED_YEAR);
const LAST_SUPPORTED_DAY = jdFromDate(31, 12, MAX_SUPPORTED_YEAR);
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseIsoDate(date: string): number {
  const match = ISO_DATE.exec(date);
  if (!match) throw new RangeError(`Not a YYYY-MM-DD date: ${JSON.stringify(date)}`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const jdn = jdFromDate(day, month, year);
  const back = jdToDate(jdn);
  if (back.year !== year || back.month !== month || back.day !== day) throw new RangeError(`No such date: ${date}`);
  if (year < MIN_SUPPORTED_YEAR || year > MAX_SUPPORTED_YEAR) {
    throw new RangeError(`Year ${year} is outside the supported range ${MIN_SUPPORTED_YEAR}–${MAX_SUPPORTED_YEAR}`);
  }
  return jdn;
}

function formatIsoDate(jdn: number): string {
  const { year, month, day } = jdToDate(jdn);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function checkTimeZone(timeZoneHours: number): void {
  if (!Number.isFinite(timeZoneHours) || Math.abs(timeZoneHours) > 14) throw new RangeError(`Bad time zone offset: ${timeZoneHours}`);
}

/** The lunar date of a Gregorian 'YYYY-MM-DD' day (Vietnam, UTC+7, unless told otherwise). */
export function solarToLunar(date: string, timeZoneHours = VIETNAM_TIME_ZONE_HOURS): LunarDate {
  checkTimeZone(timeZoneHours);
  return convertSolar2Lunar(parseIsoDate(date), timeZoneHours);
}

/**
 * The Gregorian 'YYYY-MM-DD' of a lunar date, or null when it does not exist: a leap month the year
 * lacks, day 30 of a 29-day month, a month outside 1–12, or a date outside the supported years.
 */
export function lunarToSolar(lunar: LunarDate, timeZoneHours = VIETNAM_TIME_ZONE_HOURS): string | null {
  checkTimeZone(timeZoneHours);
  const { year, month, day } = lunar;
  if (![year, month, day].every(Number.isInteger)) return null;
  if (month < 1 || month > 12 || day < 1 || day > 30) return null;
  if (year < MIN_SUPPORTED_YEAR - 1 || year > MAX_SUPPORTED_YEAR) return null;
  const jdn = convertLunar2Solar(lunar, timeZoneHours);
  if (jdn === null || jdn < FIRST_SUPPORTED_DAY || jdn > LAST_SUPPORTED_DAY) return null;
  // Day 30 of a short month would spill into the next one: accept only what converts back unchanged.
  const back = convertSolar2Lunar(jdn, timeZoneHours);
  const same = back.year === year && back.month === month && back.day === day && back.isLeapMonth === lunar.isLeapMonth;
  return same ? formatIsoDate(jdn) : null;
}

function mustExist(lunar: LunarDate, timeZoneHours: number): string {
  const date = lunarToSolar(lunar, timeZoneHours);
  if (date === null) throw new RangeError(`Lunar year ${lunar.year} is outside the supported range`);
  return date;
}

/** Mùng 1 tháng Giêng (Tết Nguyên đán) of the lunar year that starts in Gregorian year `year`. */
export function lunarNewYear(year: number, timeZoneHours = VIETNAM_TIME_ZONE_HOURS): string {
  return mustExist({ year, month: 1, day: 1, isLeapMonth: false }, timeZoneHours);
}

/** Giỗ Tổ Hùng Vương: the 10th day of the (non-leap) 3rd lunar month of lunar year `year`. */
export function hungKingsDay(year: number, timeZoneHours = VIETNAM_TIME_ZONE_HOURS): string {
  return mustExist({ year, month: 3, day: 10, isLeapMonth: false }, timeZoneHours);
}
