// The actions this user may take on this dossier, exactly as the server's permissions say (receive,
// return for completion, refuse, take up and complete steps, decide, apologise with a new date, return
// the result). Each action sends an Idempotency-Key, so a double click changes nothing twice.
import { useState, type FormEvent, type ReactNode } from 'react';
import { ApiError, api, idempotencyKey, unwrap, type ApiResponse } from '../api/client';
import { legalDateOf, useI18n } from '../i18n/i18n';
import { deliveryLabel } from '../portal/labels';
import { ErrorMessage, TextField } from '../shell/parts';

export type DossierDetail = ApiResponse<'/api/v1/dossiers/{id}', 'get'>;

function ActionForm({ title, onSubmit, children, submitLabel, danger }: { title: string; onSubmit: () => Promise<unknown>; children?: ReactNode; submitLabel: string; danger?: boolean }) {
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await onSubmit();
    } catch (e) {
      setError(e instanceof ApiError ? e : undefined);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="action" onSubmit={submit} aria-label={title}>
      <h3>{title}</h3>
      {children}
      <ErrorMessage error={error} />
      <button type="submit" className={danger ? 'button-danger' : 'button-primary'} disabled={busy}>
        {submitLabel}
      </button>
    </form>
  );
}

const headers = () => ({ 'idempotency-key': idempotencyKey() });

/** 'dd/mm/yyyy' and 'HH:mm' in Vietnam time as an instant, or null when either is not a real date or time. */
export function vietnamInstant(date: string, time: string): string | null {
  const day = legalDateOf(date);
  const h = /^(\d{1,2}):(\d{2})$/.exec(time.trim());
  if (!day || !h || Number(h[1]) > 23) return null;
  const instant = new Date(`${day}T${h[1]!.padStart(2, '0')}:${h[2]}:00+07:00`);
  return Number.isNaN(instant.getTime()) ? null : instant.toISOString();
}

export function DossierActions({ dossier, onChanged }: { dossier: DossierDetail; onChanged: () => void }) {
  const { t, lang } = useI18n();
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const [newDate, setNewDate] = useState('');
  const [newTime, setNewTime] = useState('17:00');
  const [method, setMethod] = useState<'counter' | 'post' | 'electronic'>(dossier.resultDelivery);
  const p = dossier.permissions;
  const path = { id: dossier.id };
  const done = <T,>(promise: Promise<T>) => promise.then(onChanged);
  const tasks = dossier.tasks.filter((task) => p.workableTaskIds.includes(task.id) || p.assignableTaskIds.includes(task.id));
  const lines = reason
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const working = dossier.tasks.some((task) => task.kind !== 'consult' && p.workableTaskIds.includes(task.id));
  const any = p.receive || p.returnResult || p.apologise || p.resume || tasks.length > 0;
  if (!any) return <p className="muted">{t('dossier.noActions')}</p>;

  return (
    <div className="actions-panel">
      {p.receive ? (
        <>
          <ActionForm title={t('dossier.receive')} submitLabel={t('intake.receive')} onSubmit={() => done(unwrap(api.POST('/api/v1/dossiers/{id}/receive', { params: { path, header: headers() }, body: {} })))} />
          <div className="action">
            <h3>{t('dossier.notReceivable')}</h3>
            <div className="field">
              <label htmlFor="receipt-reason">{t('dossier.reasonAndItems')}</label>
              <textarea id="receipt-reason" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />
            </div>
            <div className="actions">
              <ActionForm title={t('intake.returnForCompletion')} submitLabel={t('intake.returnForCompletion')} onSubmit={() => done(unwrap(api.POST('/api/v1/dossiers/{id}/return-for-completion', { params: { path, header: headers() }, body: { reason: lines[0] ?? '', items: lines.length > 1 ? lines.slice(1) : lines } })))} />
              <ActionForm title={t('intake.refuse')} submitLabel={t('intake.refuse')} danger onSubmit={() => done(unwrap(api.POST('/api/v1/dossiers/{id}/refuse', { params: { path, header: headers() }, body: { reason: reason.trim() } })))} />
            </div>
          </div>
        </>
      ) : null}
      {tasks.map((task) => (
        <div key={task.id} className="action-group">
          {p.workableTaskIds.includes(task.id) && task.assigneeId === null && task.kind !== 'consult' ? (
            <ActionForm title={t('dossier.takeUp', { step: task.stepName[lang] })} submitLabel={t('dossier.takeUpButton')} onSubmit={() => done(unwrap(api.POST('/api/v1/dossiers/{id}/tasks/{taskId}/assign', { params: { path: { id: dossier.id, taskId: task.id }, header: headers() }, body: {} })))} />
          ) : null}
          {p.workableTaskIds.includes(task.id) ? (
            task.kind === 'decide' ? (
              <ActionForm title={t('dossier.decide', { step: task.stepName[lang] })} submitLabel={t('dossier.approve')} onSubmit={() => done(unwrap(api.POST('/api/v1/dossiers/{id}/tasks/{taskId}/complete', { params: { path: { id: dossier.id, taskId: task.id }, header: headers() }, body: { note: note.trim() || null, decision: { outcome: 'approved' } } })))}>
                <TextField label={t('dossier.note')} value={note} onChange={(e) => setNote(e.target.value)} />
              </ActionForm>
            ) : (
              <ActionForm title={t('dossier.complete', { step: task.stepName[lang] })} submitLabel={t('dossier.completeButton')} onSubmit={() => done(unwrap(api.POST('/api/v1/dossiers/{id}/tasks/{taskId}/complete', { params: { path: { id: dossier.id, taskId: task.id }, header: headers() }, body: { note: note.trim() || null } })))}>
                <TextField label={t('dossier.note')} value={note} onChange={(e) => setNote(e.target.value)} />
              </ActionForm>
            )
          ) : null}
        </div>
      ))}
      {working ? <AskApplicant dossierId={dossier.id} onChanged={onChanged} /> : null}
      {p.resume ? (
        <ActionForm title={t('dossier.resume')} submitLabel={t('dossier.resumeButton')} onSubmit={() => done(unwrap(api.POST('/api/v1/dossiers/{id}/resume', { params: { path, header: headers() }, body: note.trim() ? { paymentReference: note.trim() } : {} })))}>
          <TextField label={t('dossier.paymentReference')} value={note} onChange={(e) => setNote(e.target.value)} />
        </ActionForm>
      ) : null}
      {p.apologise ? (
        <ActionForm title={t('dossier.apology')} submitLabel={t('dossier.apologyButton')} onSubmit={() => {
            const newDueAt = vietnamInstant(newDate, newTime);
            if (!newDueAt) return Promise.reject(new ApiError(0, 'INVALID_DATE', t('validation.dateTime')));
            return done(unwrap(api.POST('/api/v1/dossiers/{id}/apology', { params: { path, header: headers() }, body: { reason: reason.trim(), newDueAt } })));
          }}>
          <div className="field">
            <label htmlFor="apology-reason">{t('dossier.apologyReason')}</label>
            <textarea id="apology-reason" rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
          </div>
          <div className="inline-fields">
            <TextField label={t('dossier.newDate')} hint={t('dossier.dateHint')} inputMode="numeric" value={newDate} onChange={(e) => setNewDate(e.target.value)} />
            <TextField label={t('dossier.newTime')} hint={t('dossier.timeHint')} inputMode="numeric" value={newTime} onChange={(e) => setNewTime(e.target.value)} />
          </div>
        </ActionForm>
      ) : null}
      {p.returnResult ? (
        <ActionForm title={t('dossier.returnResult')} submitLabel={t('dossier.returnButton')} onSubmit={() => done(unwrap(api.POST('/api/v1/dossiers/{id}/return', { params: { path, header: headers() }, body: { method } })))}>
          <div className="field">
            <label htmlFor="return-method">{t('filing.delivery')}</label>
            <select id="return-method" value={method} onChange={(e) => setMethod(e.target.value as typeof method)}>
              {(['counter', 'post', 'electronic'] as const).map((m) => (
                <option key={m} value={m}>
                  {deliveryLabel(t, m)}
                </option>
              ))}
            </select>
          </div>
        </ActionForm>
      ) : null}
    </div>
  );
}

/** Ask the applicant for a supplement or a payment: the legal clock stops until the desk records it. */
function AskApplicant({ dossierId, onChanged }: { dossierId: string; onChanged: () => void }) {
  const { t } = useI18n();
  const [kind, setKind] = useState<'supplement' | 'payment'>('supplement');
  const [reason, setReason] = useState('');
  const [items, setItems] = useState('');
  const [amount, setAmount] = useState('');
  const list = items
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const send = () => {
    const path = { id: dossierId };
    if (kind === 'supplement') return unwrap(api.POST('/api/v1/dossiers/{id}/supplement-request', { params: { path, header: headers() }, body: { reason: reason.trim(), items: list } })).then(onChanged);
    const vnd = Number(amount.replace(/[.\s]/g, ''));
    if (!Number.isInteger(vnd) || vnd < 0) return Promise.reject(new ApiError(0, 'INVALID_AMOUNT', t('validation.amount')));
    return unwrap(api.POST('/api/v1/dossiers/{id}/payment-request', { params: { path, header: headers() }, body: { reason: reason.trim(), items: list, amount: vnd } })).then(onChanged);
  };
  return (
    <ActionForm title={t('dossier.ask')} submitLabel={kind === 'supplement' ? t('dossier.askSupplement') : t('dossier.askPayment')} onSubmit={send}>
      <fieldset>
        <legend>{t('dossier.askWhat')}</legend>
        {(['supplement', 'payment'] as const).map((k) => (
          <div className="choice" key={k}>
            <input type="radio" id={`ask-${k}`} name="ask-kind" checked={kind === k} onChange={() => setKind(k)} />
            <label htmlFor={`ask-${k}`}>{k === 'supplement' ? t('dossier.askSupplement') : t('dossier.askPayment')}</label>
          </div>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor="ask-reason">{t('dossier.askReason')}</label>
        <textarea id="ask-reason" rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="ask-items">{t('dossier.askItems')}</label>
        <textarea id="ask-items" rows={3} value={items} onChange={(e) => setItems(e.target.value)} />
      </div>
      {kind === 'payment' ? <TextField label={t('dossier.amount')} inputMode="numeric" value={amount} onChange={(e) => setAmount(e.target.value)} /> : null}
    </ActionForm>
  );
}
