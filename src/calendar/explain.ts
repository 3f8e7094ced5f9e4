// Turns a due-date trace into sentences a person can check, in Vietnamese or English.
import type { DueDateResult, Duration, TraceStep } from './due-date.js';
import { hhmm, toLocal, vietnameseDate } from './legal-time.js';
import type { WorkCalendar } from './work-calendar.js';

export type Language = 'vi' | 'en';

const WEEKDAYS = {
  vi: ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'],
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
} as const;

const UNITS = {
  vi: { working_days: 'ngày làm việc', working_hours: 'giờ làm việc', calendar_days: 'ngày', months: 'tháng' },
  en: { working_days: 'working day(s)', working_hours: 'working hour(s)', calendar_days: 'calendar day(s)', months: 'month(s)' },
} as const;

function day(dayNumber: number, lang: Language): string {
  return `${WEEKDAYS[lang][(((dayNumber + 4) % 7) + 7) % 7]} ${vietnameseDate(dayNumber)}`;
}

function moment(at: Date, lang: Language): string {
  const local = toLocal(at);
  return lang === 'vi' ? `${hhmm(local.minute)} ${day(local.day, lang)}` : `${hhmm(local.minute)} on ${day(local.day, lang)}`;
}

function duration(d: Duration, lang: Language): string {
  return `${d.amount} ${UNITS[lang][d.unit]}`;
}

function minutes(total: number, lang: Language): string {
  const h = Math.floor(total / 60);
  const m = total % 60;
  return lang === 'vi' ? `${h} giờ${m ? ` ${m} phút` : ''}` : `${h} h${m ? ` ${m} min` : ''}`;
}

function dayLine(calendar: WorkCalendar, step: Extract<TraceStep, { type: 'day' }>, lang: Language): string {
  const reason = calendar.reasonFor(step.day);
  const vi = lang === 'vi';
  if (!reason.working) {
    const why = reason.entry ? reason.entry.name[lang] : vi ? 'ngày nghỉ hằng tuần' : 'weekly rest day';
    return vi ? `${day(step.day, lang)}: không tính — ${why}.` : `${day(step.day, lang)}: not counted — ${why}.`;
  }
  const makeUp = reason.kind === 'make_up_working_day' ? (vi ? ` (${reason.entry?.name.vi ?? 'ngày làm bù'})` : ` (${reason.entry?.name.en ?? 'make-up working day'})`) : '';
  const n = step.countedDayNumber;
  if (n !== null && step.countedMinutes === calendar.minutesPerDay) return vi ? `${day(step.day, lang)}${makeUp}: ngày làm việc thứ ${n}.` : `${day(step.day, lang)}${makeUp}: working day ${n}.`;
  if (step.countedMinutes > 0) {
    const completes = n === null ? '' : vi ? `, đủ ${n} ngày làm việc` : `, completing working day ${n}`;
    return vi ? `${day(step.day, lang)}${makeUp}: tính ${minutes(step.countedMinutes, lang)}${completes}.` : `${day(step.day, lang)}${makeUp}: ${minutes(step.countedMinutes, lang)} counted${completes}.`;
  }
  return vi ? `${day(step.day, lang)}${makeUp}: không tính (tạm dừng).` : `${day(step.day, lang)}${makeUp}: not counted (paused).`;
}

/** One sentence per step of the trace. */
export function explainDueDate(calendar: WorkCalendar, result: DueDateResult, lang: Language): string[] {
  const vi = lang === 'vi';
  const lines: string[] = [];
  for (const step of result.trace) {
    switch (step.type) {
      case 'received':
        lines.push(vi ? `Tiếp nhận lúc ${moment(step.at, lang)}.` : `Received at ${moment(step.at, lang)}.`);
        break;
      case 'counts_from': {
        const because = {
          after_cut_off: vi ? 'tiếp nhận sau giờ chốt trong ngày' : 'received after the day’s cut-off time',
          day_off: vi ? 'tiếp nhận vào ngày nghỉ' : 'received on a day off',
          restart_after_pause: vi ? 'thời hạn tính lại từ đầu khi nhận đủ hồ sơ' : 'the limit restarts when the complete dossier is received',
        }[step.because];
        const reason = calendar.reasonFor(step.day);
        const makeUp = reason.kind === 'make_up_working_day' && reason.entry ? ` — ${reason.entry.name[lang]}` : '';
        lines.push(vi ? `Coi như tiếp nhận ngày ${day(step.day, lang)}${makeUp} (${because}).` : `Counted as received on ${day(step.day, lang)}${makeUp} (${because}).`);
        break;
      }
      case 'extension':
        lines.push(vi ? `Gia hạn thêm ${duration(step.duration, lang)}.` : `Extended by ${duration(step.duration, lang)}.`);
        break;
      case 'pause':
        lines.push(
          vi
            ? `Tạm dừng từ ${moment(step.from, lang)} đến ${moment(step.to, lang)}: ${minutes(step.notCountedMinutes, lang)} không tính vào thời hạn.`
            : `Paused from ${moment(step.from, lang)} to ${moment(step.to, lang)}: ${minutes(step.notCountedMinutes, lang)} not counted.`,
        );
        break;
      case 'day':
        lines.push(dayLine(calendar, step, lang));
        break;
      case 'moved_off_day_off':
        lines.push(vi ? `Ngày cuối ${day(step.fromDay, lang)} là ngày nghỉ: chuyển sang ${day(step.toDay, lang)}.` : `The last day, ${day(step.fromDay, lang)}, is a day off: moved to ${day(step.toDay, lang)}.`);
        break;
      case 'due':
        lines.push(vi ? `Hẹn trả kết quả: ${moment(step.at, lang)}.` : `Due: ${moment(step.at, lang)}.`);
        break;
    }
  }
  if (result.dueAt === null) lines.push(vi ? 'Hồ sơ đang tạm dừng: thời hạn chưa tiếp tục tính.' : 'The dossier is paused: the clock is stopped.');
  return lines;
}
