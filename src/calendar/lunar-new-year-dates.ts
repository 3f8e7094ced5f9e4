// Reference dates for the tests of lunar.ts, transcribed from a source independent of that code, and
// used only by the tests (the application computes its dates; officials confirm them in official/).
//
// Source: vacanza/holidays (MIT), holidays/calendars/chinese.py, class _ChineseLunisolar, as stored at
// commit 0d3079bdc9eedeba4a3d3b3203731a8ed01b4b03 (https://github.com/vacanza/holidays):
//   - LUNAR_NEW_YEAR_DATES and HUNG_KINGS_DATES: the Chinese calendar (UTC+8) dates;
//   - VIETNAMESE_CALENDAR_LUNAR_NEW_YEAR_DATES and VIETNAMESE_CALENDAR_HUNG_KINGS_DATES: the years in
//     which the Vietnamese calendar (UTC+7) differs. That library's Vietnam holidays use the Chinese
//     table with these overrides applied, and so does VIETNAM_* below.
// Corroboration of the overrides: the 1985 split (Vietnam 21/01, China 20/02, because the 1984 winter
// solstice fell on 21/12 in Hanoi and 22/12 in Beijing) is described in the Wikipedia article
// "Vietnamese calendar", section "Differences from the Chinese calendar"; the 2007 split (17/02 vs
// 18/02) and the coming ones of 2030 and 2053 were announced by a Vietnamese official (Việt-Jo news,
// 2006-07-06, https://viet-jo.com/news/life/060706102756.html). LAW.md §5.2 lists 2024–2030.

/** Mùng 1 Tết in the Chinese calendar (UTC+8), 1985–2050 (vacanza LUNAR_NEW_YEAR_DATES). */
export const CHINA_LUNAR_NEW_YEAR: Readonly<Record<number, string>> = {
  1985: '1985-02-20', 1986: '1986-02-09', 1987: '1987-01-29', 1988: '1988-02-17', 1989: '1989-02-06', 1990: '1990-01-27',
  1991: '1991-02-15', 1992: '1992-02-04', 1993: '1993-01-23', 1994: '1994-02-10', 1995: '1995-01-31', 1996: '1996-02-19',
  1997: '1997-02-07', 1998: '1998-01-28', 1999: '1999-02-16', 2000: '2000-02-05', 2001: '2001-01-24', 2002: '2002-02-12',
  2003: '2003-02-01', 2004: '2004-01-22', 2005: '2005-02-09', 2006: '2006-01-29', 2007: '2007-02-18', 2008: '2008-02-07',
  2009: '2009-01-26', 2010: '2010-02-14', 2011: '2011-02-03', 2012: '2012-01-23', 2013: '2013-02-10', 2014: '2014-01-31',
  2015: '2015-02-19', 2016: '2016-02-08', 2017: '2017-01-28', 2018: '2018-02-16', 2019: '2019-02-05', 2020: '2020-01-25',
  2021: '2021-02-12', 2022: '2022-02-01', 2023: '2023-01-22', 2024: '2024-02-10', 2025: '2025-01-29', 2026: '2026-02-17',
  2027: '2027-02-06', 2028: '2028-01-26', 2029: '2029-02-13', 2030: '2030-02-03', 2031: '2031-01-23', 2032: '2032-02-11',
  2033: '2033-01-31', 2034: '2034-02-19', 2035: '2035-02-08', 2036: '2036-01-28', 2037: '2037-02-15', 2038: '2038-02-04',
  2039: '2039-01-24', 2040: '2040-02-12', 2041: '2041-02-01', 2042: '2042-01-22', 2043: '2043-02-10', 2044: '2044-01-30',
  2045: '2045-02-17', 2046: '2046-02-06', 2047: '2047-01-26', 2048: '2048-02-14', 2049: '2049-02-02', 2050: '2050-01-23',
};

/** Years whose Vietnamese Tết differs (vacanza VIETNAMESE_CALENDAR_LUNAR_NEW_YEAR_DATES, 1985–2050). */
export const VIETNAM_LUNAR_NEW_YEAR_DIFFERENCES: Readonly<Record<number, string>> = {
  1985: '1985-01-21', 2007: '2007-02-17', 2030: '2030-02-02',
};

/** 10th day of the 3rd lunar month in the Chinese calendar, 1985–2050 (vacanza HUNG_KINGS_DATES). */
export const CHINA_THIRD_MONTH_TENTH_DAY: Readonly<Record<number, string>> = {
  1985: '1985-04-29', 1986: '1986-04-18', 1987: '1987-04-07', 1988: '1988-04-25', 1989: '1989-04-15', 1990: '1990-04-05',
  1991: '1991-04-24', 1992: '1992-04-12', 1993: '1993-04-01', 1994: '1994-04-20', 1995: '1995-04-09', 1996: '1996-04-27',
  1997: '1997-04-16', 1998: '1998-04-06', 1999: '1999-04-25', 2000: '2000-04-14', 2001: '2001-04-03', 2002: '2002-04-22',
  2003: '2003-04-11', 2004: '2004-04-28', 2005: '2005-04-18', 2006: '2006-04-07', 2007: '2007-04-26', 2008: '2008-04-15',
  2009: '2009-04-05', 2010: '2010-04-23', 2011: '2011-04-12', 2012: '2012-03-31', 2013: '2013-04-19', 2014: '2014-04-09',
  2015: '2015-04-28', 2016: '2016-04-16', 2017: '2017-04-06', 2018: '2018-04-25', 2019: '2019-04-14', 2020: '2020-04-02',
  2021: '2021-04-21', 2022: '2022-04-10', 2023: '2023-04-29', 2024: '2024-04-18', 2025: '2025-04-07', 2026: '2026-04-26',
  2027: '2027-04-16', 2028: '2028-04-04', 2029: '2029-04-23', 2030: '2030-04-12', 2031: '2031-04-01', 2032: '2032-04-19',
  2033: '2033-04-09', 2034: '2034-04-28', 2035: '2035-04-17', 2036: '2036-04-06', 2037: '2037-04-25', 2038: '2038-04-14',
  2039: '2039-04-03', 2040: '2040-04-20', 2041: '2041-04-10', 2042: '2042-04-29', 2043: '2043-04-19', 2044: '2044-04-07',
  2045: '2045-04-26', 2046: '2046-04-15', 2047: '2047-04-04', 2048: '2048-04-22', 2049: '2049-04-11', 2050: '2050-04-01',
};

/** Years whose Vietnamese Hùng Kings' Day differs (vacanza VIETNAMESE_CALENDAR_HUNG_KINGS_DATES, 1985–2050). */
export const VIETNAM_HUNG_KINGS_DIFFERENCES: Readonly<Record<number, string>> = {
  2009: '2009-04-04', 2037: '2037-04-24', 2038: '2038-04-13',
};

/** Vietnamese Tết (mùng 1 tháng Giêng), 1985–2050. */
export const VIETNAM_LUNAR_NEW_YEAR: Readonly<Record<number, string>> = { ...CHINA_LUNAR_NEW_YEAR, ...VIETNAM_LUNAR_NEW_YEAR_DIFFERENCES };

/** Vietnamese Giỗ Tổ Hùng Vương (10/3 âm lịch), 1985–2050. */
export const VIETNAM_HUNG_KINGS_DAY: Readonly<Record<number, string>> = { ...CHINA_THIRD_MONTH_TENTH_DAY, ...VIETNAM_HUNG_KINGS_DIFFERENCES };
