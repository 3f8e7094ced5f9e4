// Counter intake's form: what the officer types and ticks, its checks, and the request body it becomes.
import type { components } from '../../api/client';
import type { Translate } from '../../i18n/i18n';

export type Version = components['schemas']['ProcedureVersion'];
export type Outcome = 'receive' | 'return_for_completion' | 'refuse';

export interface IntakeForm {
  name: string;
  idNumber: string;
  phone: string;
  email: string;
  address: string;
  subject: string;
  received: Record<string, boolean>;
  reason: string;
  resultDelivery: 'counter' | 'post' | 'electronic';
}

export const emptyIntake = (): IntakeForm => ({ name: '', idNumber: '', phone: '', email: '', address: '', subject: '', received: {}, reason: '', resultDelivery: 'counter' });

export type IntakeErrors = Partial<Record<'procedure' | 'case' | 'name' | 'idNumber' | 'phone' | 'email' | 'components' | 'reason', string>>;

const ID_NUMBER = /^\d{12}$/;
const PHONE = /^(\+84|0)[0-9]{9,10}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function missingComponents(caseInfo: Version['cases'][number], form: IntakeForm) {
  return caseInfo.components.filter((c) => c.mandatory && !form.received[c.code]);
}

export function validateIntake(outcome: Outcome, caseInfo: Version['cases'][number] | undefined, form: IntakeForm, t: Translate): IntakeErrors {
  const errors: IntakeErrors = {};
  if (!caseInfo) errors.case = t('intake.chooseProcedure');
  if (!form.name.trim()) errors.name = t('validation.required');
  if (!ID_NUMBER.test(form.idNumber)) errors.idNumber = t('validation.idNumber');
  if (form.phone && !PHONE.test(form.phone)) errors.phone = t('validation.phone');
  if (form.email.trim() && !EMAIL.test(form.email.trim())) errors.email = t('validation.email');
  if (caseInfo && outcome === 'receive') {
    const missing = missingComponents(caseInfo, form);
    if (missing.length > 0) errors.components = t('intake.missingForReceipt', { names: missing.map((c) => c.name).join('; ') });
  }
  if (outcome !== 'receive' && !form.reason.trim()) errors.reason = t('intake.reasonRequired');
  if (caseInfo && outcome === 'return_for_completion' && missingComponents(caseInfo, form).length === 0 && !form.reason.trim()) errors.components = t('intake.nothingMissing');
  return errors;
}

export function intakeBody(procedureCode: string, caseInfo: Version['cases'][number], deskId: string, outcome: Outcome, form: IntakeForm) {
  const opt = (v: string) => (v.trim() ? v.trim() : null);
  const components = caseInfo.components.filter((c) => form.received[c.code]).map((c) => ({ code: c.code, originals: c.originals, copies: c.copies }));
  const missing = missingComponents(caseInfo, form).map((c) => c.name);
  const reasonLines = form.reason
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const outcomeBody =
    outcome === 'receive'
      ? { kind: 'receive' as const }
      : outcome === 'return_for_completion'
        ? { kind: 'return_for_completion' as const, reason: form.reason.trim(), items: missing.length > 0 ? missing : reasonLines.slice(0, 100) }
        : { kind: 'refuse' as const, reason: form.reason.trim(), items: [] };
  return {
    procedureCode,
    caseCode: caseInfo.code,
    receivingUnitId: deskId,
    channel: 'in_person' as const,
    applicant: { kind: 'person' as const, name: form.name.trim(), idNumber: form.idNumber, phone: opt(form.phone), email: opt(form.email), address: opt(form.address) },
    subject: form.subject.trim(),
    components,
    resultDelivery: form.resultDelivery,
    outcome: outcomeBody,
  };
}
