// Official days off and make-up working days for public servants (công chức, viên chức), as announced
// each year; LAW.md §5.3 gives the sources. Weekend days inside a break need no entry (they are rest
// days anyway); every weekday off and every make-up Saturday does. Administrators correct these lists
// through the API; this file is the data shipped with the product.
import type { DayEntry } from '../work-calendar.js';

const holiday = (date: string, vi: string, en: string): DayEntry => ({ date, kind: 'holiday', name: { vi, en } });
const compensatory = (date: string, vi: string, en: string): DayEntry => ({ date, kind: 'compensatory_day_off', name: { vi, en } });
const swapped = (date: string, vi: string, en: string): DayEntry => ({ date, kind: 'swapped_day_off', name: { vi, en } });
const makeUp = (date: string, vi: string, en: string): DayEntry => ({ date, kind: 'make_up_working_day', name: { vi, en } });

const NEW_YEAR = ['Tết Dương lịch', 'New Year'] as const;
const HUNG_KINGS = ['Giỗ Tổ Hùng Vương (10/3 âm lịch)', "Hùng Kings' Commemoration (10th day of the 3rd lunar month)"] as const;
const VICTORY = ['Ngày Chiến thắng 30/4', 'Reunification Day (30 April)'] as const;
const LABOUR = ['Ngày Quốc tế Lao động 1/5', 'International Labour Day (1 May)'] as const;
const NATIONAL = ['Quốc khánh 2/9', 'National Day (2 September)'] as const;

export interface OfficialYear {
  readonly year: number;
  /** The announcement(s) the list follows. */
  readonly sources: readonly string[];
  readonly entries: readonly DayEntry[];
}

export const OFFICIAL_YEARS: readonly OfficialYear[] = [
  {
    year: 2024,
    sources: ['Công văn 8662/VPCP-KGVX (03/11/2023): Tết 08–14/02/2024', 'Công văn 2450/VPCP-KGVX (2024): nghỉ 29/4, làm bù thứ Bảy 04/5/2024'],
    entries: [
      holiday('2024-01-01', ...NEW_YEAR),
      holiday('2024-02-08', 'Tết Nguyên đán (29 tháng Chạp Quý Mão)', 'Lunar New Year (29th of the 12th month)'),
      holiday('2024-02-09', 'Tết Nguyên đán (30 tháng Chạp Quý Mão)', 'Lunar New Year (eve)'),
      compensatory('2024-02-12', 'Nghỉ bù mùng 1 Tết Giáp Thìn (rơi vào thứ Bảy)', 'Day off in lieu of Lunar New Year day 1 (a Saturday)'),
      compensatory('2024-02-13', 'Nghỉ bù mùng 2 Tết Giáp Thìn (rơi vào Chủ nhật)', 'Day off in lieu of Lunar New Year day 2 (a Sunday)'),
      holiday('2024-02-14', 'Tết Nguyên đán (mùng 5 Giáp Thìn)', 'Lunar New Year (day 5)'),
      holiday('2024-04-18', ...HUNG_KINGS),
      swapped('2024-04-29', 'Nghỉ hoán đổi (làm bù thứ Bảy 04/5/2024)', 'Swapped day off (made up on Saturday 04/05/2024)'),
      holiday('2024-04-30', ...VICTORY),
      holiday('2024-05-01', ...LABOUR),
      makeUp('2024-05-04', 'Làm bù cho ngày nghỉ 29/4/2024', 'Working Saturday in exchange for 29/04/2024'),
      holiday('2024-09-02', ...NATIONAL),
      holiday('2024-09-03', 'Quốc khánh (ngày liền kề)', 'National Day (adjacent day)'),
    ],
  },
  {
    year: 2025,
    sources: ['Thông báo 6150/TB-BLĐTBXH (2024): Tết 25/01–02/02/2025', 'Công văn 8726/VPCP-KGVX (2024): nghỉ 02/5, làm bù thứ Bảy 26/4/2025'],
    entries: [
      holiday('2025-01-01', ...NEW_YEAR),
      holiday('2025-01-27', 'Tết Nguyên đán (28 tháng Chạp Giáp Thìn)', 'Lunar New Year (28th of the 12th month)'),
      holiday('2025-01-28', 'Tết Nguyên đán (29 tháng Chạp Giáp Thìn)', 'Lunar New Year (eve)'),
      holiday('2025-01-29', 'Tết Nguyên đán (mùng 1 Ất Tỵ)', 'Lunar New Year (day 1)'),
      holiday('2025-01-30', 'Tết Nguyên đán (mùng 2 Ất Tỵ)', 'Lunar New Year (day 2)'),
      holiday('2025-01-31', 'Tết Nguyên đán (mùng 3 Ất Tỵ)', 'Lunar New Year (day 3)'),
      holiday('2025-04-07', ...HUNG_KINGS),
      makeUp('2025-04-26', 'Làm bù cho ngày nghỉ 02/5/2025', 'Working Saturday in exchange for 02/05/2025'),
      holiday('2025-04-30', ...VICTORY),
      holiday('2025-05-01', ...LABOUR),
      swapped('2025-05-02', 'Nghỉ hoán đổi (làm bù thứ Bảy 26/4/2025)', 'Swapped day off (made up on Saturday 26/04/2025)'),
      holiday('2025-09-01', 'Quốc khánh (ngày liền kề)', 'National Day (adjacent day)'),
      holiday('2025-09-02', ...NATIONAL),
    ],
  },
  {
    year: 2026,
    sources: ['Thông báo 9441/TB-BNV (16/10/2025), theo Công văn 9859/VPCP-KGVX (13/10/2025)'],
    entries: [
      holiday('2026-01-01', ...NEW_YEAR),
      holiday('2026-02-16', 'Tết Nguyên đán (29 tháng Chạp Ất Tỵ)', 'Lunar New Year (eve)'),
      holiday('2026-02-17', 'Tết Nguyên đán (mùng 1 Bính Ngọ)', 'Lunar New Year (day 1)'),
      holiday('2026-02-18', 'Tết Nguyên đán (mùng 2 Bính Ngọ)', 'Lunar New Year (day 2)'),
      holiday('2026-02-19', 'Tết Nguyên đán (mùng 3 Bính Ngọ)', 'Lunar New Year (day 3)'),
      holiday('2026-02-20', 'Tết Nguyên đán (mùng 4 Bính Ngọ)', 'Lunar New Year (day 4)'),
      holiday('2026-04-26', ...HUNG_KINGS),
      compensatory('2026-04-27', 'Nghỉ bù Giỗ Tổ Hùng Vương (26/4/2026 là Chủ nhật)', "Day off in lieu of Hùng Kings' Commemoration (Sunday 26/04/2026)"),
      holiday('2026-04-30', ...VICTORY),
      holiday('2026-05-01', ...LABOUR),
      makeUp('2026-08-22', 'Làm bù cho ngày nghỉ 31/8/2026', 'Working Saturday in exchange for 31/08/2026'),
      swapped('2026-08-31', 'Nghỉ hoán đổi (làm bù thứ Bảy 22/8/2026)', 'Swapped day off (made up on Saturday 22/08/2026)'),
      holiday('2026-09-01', 'Quốc khánh (ngày liền kề)', 'National Day (adjacent day)'),
      holiday('2026-09-02', ...NATIONAL),
    ],
  },
];
