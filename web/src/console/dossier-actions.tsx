// The actions this user may take on this dossier, exactly as the server's permissions say (receive,
// return for completion, refuse, take up and complete steps, decide, apologise with a new date, return
// the result). Each action sends an Idempotency-Key, so a double click changes nothing twice.
import { useState, type FormEvent, type ReactNode } from 'react';
import { ApiError, api, idempotencyKey, unwrap, type ApiResponse } from '../api/client';
import { useI18n } from '../i18n/i18n';
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

/** A Vietnam-time 'YYYY-MM-DDTHH:mm' (datetime-local) as an instant. */
function vietnamInstant(local: string): string {
  return new Date(`${local}:00+07:00`).toISOString();
}

export function DossierActions({ dossier, onChanged }: { dossier: DossierDetail; onChanged: () => void }) {
  const { t, lang } = useI18n();
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const [newDue, setNewDue] = useState('');
  const [method, setMethod] = useState<'counter' | 'post' | 'electronic'>(dossier.resultDelivery);
  const p = dossier.permissions;
  const path = { id: dossier.id };
  const done = <T,>(promise: Promise<T>) => promise.then(onChanged);
  const tasks = dossier.tasks.filter((task) => p.workableTaskIds.includes(task.id) || p.assignableTaskIds.includes(task.id));
  const lines = reason
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const any = p.receive || p.returnResult || p.apologise || tasks.length > 0;
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
          {p.assignableTaskIds.includes(task.id) && task.assigneeId === null ? (
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
      {p.apologise ? (
        <ActionForm title={t('dossier.apology')} submitLabel={t('dossier.apologyButton')} onSubmit={() => done(unwrap(api.POST('/api/v1/dossiers/{id}/apology', { params: { path, header: headers() }, body: { reason: reason.trim(), newDueAt: newDue ? vietnamInstant(newDue) : '' } })))}>
          <div className="field">
            <label htmlFor="apology-reason">{t('dossier.apologyReason')}</label>
            <textarea id="apology-reason" rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
          </div>
          <TextField label={t('dossier.newDue')} type="datetime-local" value={newDue} onChange={(e) => setNewDue(e.target.value)} />
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
