// Words for event types and step results, from the message catalogue.
import type { Translate } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';

export function eventLabel(t: Translate, type: string, payload: Record<string, unknown> = {}): string {
  // A draft changed by the applicant's upload or removal of one file says which file.
  const file = (payload.fileAdded ?? payload.fileRemoved) as { fileName?: unknown } | undefined;
  if (type === 'draft_updated' && typeof file?.fileName === 'string') return t(payload.fileAdded ? 'event.fileAdded' : 'event.fileRemoved', { name: file.fileName });
  const key = `event.${type}` as MessageKey;
  return key in EVENT_KEYS ? t(key) : type;
}

const EVENT_KEYS: Record<string, true> = Object.fromEntries(
  ['drafted', 'draft_updated', 'submitted', 'received', 'returned_for_completion', 'refused_at_receipt', 'task_assigned', 'task_completed', 'task_sent_back', 'consultation_requested', 'consultation_answered', 'supplement_requested', 'payment_requested', 'pause_ended', 'apology_issued', 'decision_recorded', 'result_returned', 'early_return_notified', 'withdrawn', 'stopped', 'cancelled', 'legacy_resolved'].map((k) => [`event.${k}`, true]),
);

export function timelinessLabel(t: Translate, result: string | null): string {
  return result === 'early' ? t('timeliness.early') : result === 'on_time' ? t('timeliness.onTime') : result === 'late' ? t('timeliness.late') : '—';
}
