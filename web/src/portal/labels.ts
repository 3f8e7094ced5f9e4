// Words for the catalogue's codes (levels, online service, time limits), from the message catalogue.
import type { components } from '../api/client';
import type { Translate } from '../i18n/i18n';

type Summary = components['schemas']['ProcedureSummary'];
type TimeLimit = Summary['cases'][number]['timeLimit'];

export function levelLabel(t: Translate, level: string): string {
  return level === 'province' ? t('level.province') : level === 'district' ? t('level.district') : t('level.commune');
}

export function onlineLabel(t: Translate, online: string): string {
  return online === 'full_online' ? t('online.full') : online === 'partly_online' ? t('online.partly') : t('online.offline');
}

export function timeLimitLabel(t: Translate, limit: TimeLimit, noAppointment = false): string {
  if (noAppointment || limit.amount === 0) return t('timeLimit.onTheSpot');
  const vars = { n: limit.amount };
  return limit.unit === 'working_hours' ? t('timeLimit.workingHours', vars) : limit.unit === 'calendar_days' ? t('timeLimit.calendarDays', vars) : t('timeLimit.workingDays', vars);
}

export function deliveryLabel(t: Translate, method: string): string {
  return method === 'post' ? t('delivery.post') : method === 'electronic' ? t('delivery.electronic') : t('delivery.counter');
}
