// Early / on time / late (trước hạn / đúng hạn / quá hạn), by the rule set in force for the dossier.
import { toLocal } from './legal-time.js';

export type Timeliness = 'early' | 'on_time' | 'late';

/**
 * 'by_day' (the usual reading of the reports): early if completed on a day before the due day, on time
 * on the due day itself, late after it. 'by_instant': on time up to the due instant, early if completed
 * before the due day, late after the instant.
 */
export type TimelinessRule = 'by_day' | 'by_instant';

export function classifyCompletion(dueAt: Date, completedAt: Date, rule: TimelinessRule = 'by_day'): Timeliness {
  const dueDay = toLocal(dueAt).day;
  const doneDay = toLocal(completedAt).day;
  if (doneDay < dueDay) return 'early';
  if (rule === 'by_day') return doneDay === dueDay ? 'on_time' : 'late';
  return completedAt.getTime() <= dueAt.getTime() ? 'on_time' : 'late';
}
