// Counter intake (tiếp nhận trực tiếp), made for the keyboard: type to find the procedure (arrow keys
// choose), the case, the applicant (12-digit citizen ID, phone, email checked as typed), tick the papers
// received (space), then Enter receives — or write a reason and ask for completion or refuse.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import { ApiError, api, idempotencyKey, unwrap, type components } from '../../api/client';
import { formatDateTime, useI18n } from '../../i18n/i18n';
import { ErrorMessage, PageTitle, SelectField, TextField } from '../../shell/parts';
import { useLoad } from '../../shell/use-load';
import { deliveryLabel, timeLimitLabel } from '../../portal/labels';
import { useSession } from '../session';
import { emptyIntake, intakeBody, validateIntake, type IntakeErrors, type IntakeForm, type Outcome } from './intake-form';

type Dossier = components['schemas']['Dossier'];

function useDeskLevel(deskId: string) {
  return useLoad(async () => {
    if (!deskId) return null;
    const desk = await unwrap(api.GET('/api/v1/units/{id}', { params: { path: { id: deskId }, query: {} } }));
    if (!desk.parentId) return { desk, level: 'province' as const };
    const parent = await unwrap(api.GET('/api/v1/units/{id}', { params: { path: { id: desk.parentId }, query: {} } }));
    return { desk, level: parent.type === 'province' || parent.type === 'ministry' ? ('province' as const) : ('commune' as const) };
  }, [deskId]);
}

function Receipt({ dossier, onNext }: { dossier: Dossier; onNext: () => void }) {
  const { t, lang } = useI18n();
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  const received = dossier.code !== null;
  return (
    <section className="card receipt" aria-labelledby="receipt-heading">
      <h2 id="receipt-heading" ref={ref} tabIndex={-1}>
        {received ? t('intake.receivedTitle') : dossier.statusLabel[lang]}
      </h2>
      {received ? (
        <dl className="review">
          <div>
            <dt>{t('own.code')}</dt>
            <dd className="dossier-code" data-testid="dossier-code">
              {dossier.code}
            </dd>
          </div>
          <div>
            <dt>{t('own.appointment')}</dt>
            <dd className="appointment">{formatDateTime(dossier.dueAt)}</dd>
          </div>
        </dl>
      ) : null}
      {dossier.dueExplanation ? (
        <details>
          <summary>{t('dossier.howComputed')}</summary>
          <ol>
            {dossier.dueExplanation[lang].map((line, i) => (
              <li key={i}>{line}</li>
            ))}
          </ol>
        </details>
      ) : null}
      {dossier.atReceipt && dossier.atReceipt.outcome !== 'received' ? (
        <ul>
          {dossier.atReceipt.items.map((item, i) => (
            <li key={i}>{item}</li>
          ))}
        </ul>
      ) : null}
      <div className="actions">
        <Link href={`/ho-so/${dossier.id}`}>{t('intake.openDossier')}</Link>
        <button type="button" className="button-primary" onClick={onNext}>
          {t('intake.next')}
        </button>
      </div>
    </section>
  );
}

export function IntakePage() {
  const { t } = useI18n();
  const { me } = useSession();
  const deskIds = [...new Set(me.roles.filter((r) => r.role === 'desk_officer').map((r) => r.unitId))];
  const [deskId, setDeskId] = useState(deskIds[0] ?? '');
  const deskNames = useLoad(
    () => (deskIds.length > 1 ? Promise.all(deskIds.map((id) => unwrap(api.GET('/api/v1/units/{id}', { params: { path: { id }, query: {} } })))) : Promise.resolve([])),
    [deskIds.join()],
  );
  const desk = useDeskLevel(deskId);
  const [query, setQuery] = useState('');
  const [debounced, setDebounced] = useState('');
  const [procedureCode, setProcedureCode] = useState('');
  const [chosenCase, setCaseCode] = useState('');
  const [form, setForm] = useState<IntakeForm>(emptyIntake);
  const [errors, setErrors] = useState<IntakeErrors>({});
  const [failure, setFailure] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<Dossier | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const timer = setTimeout(() => setDebounced(query.trim()), 200);
    return () => clearTimeout(timer);
  }, [query]);
  const level = desk.data?.level;
  const results = useLoad(
    () => (level ? unwrap(api.GET('/api/v1/procedures', { params: { query: { level, limit: 8, offset: 0, ...(debounced ? { q: debounced } : {}) } } })) : Promise.resolve(null)),
    [debounced, level],
  );
  const procedure = useLoad(() => (procedureCode ? unwrap(api.GET('/api/v1/procedures/{code}', { params: { path: { code: procedureCode }, query: {} } })) : Promise.resolve(null)), [procedureCode]);
  // The case chosen, or the procedure's first case until one is chosen.
  const caseCode = procedure.data?.cases.some((c) => c.code === chosenCase) ? chosenCase : (procedure.data?.cases[0]?.code ?? '');
  const caseInfo = procedure.data?.cases.find((c) => c.code === caseCode);

  const chooseProcedure = (code: string) => {
    setProcedureCode(code);
    setCaseCode('');
  };

  const change = (patch: Partial<IntakeForm>) => setForm((f) => ({ ...f, ...patch }));
  const reset = () => {
    setForm(emptyIntake());
    setProcedureCode('');
    setQuery('');
    setDone(null);
    setErrors({});
    requestAnimationFrame(() => searchRef.current?.focus());
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const outcome = (submitter?.value || 'receive') as Outcome;
    const found = validateIntake(outcome, caseInfo, form, t);
    setErrors(found);
    setFailure(undefined);
    if (Object.keys(found).length > 0 || !caseInfo || !procedure.data) {
      requestAnimationFrame(() => document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    setBusy(true);
    try {
      const dossier = await unwrap(api.POST('/api/v1/dossiers', { params: { header: { 'idempotency-key': idempotencyKey() } }, body: intakeBody(procedure.data.code, caseInfo, deskId, outcome, form) }));
      setDone(dossier);
    } catch (error) {
      setFailure(error instanceof ApiError ? error : undefined);
    } finally {
      setBusy(false);
    }
  };

  if (deskIds.length === 0) return <p>{t('intake.notDeskOfficer')}</p>;
  if (done) {
    return (
      <>
        <PageTitle title={t('console.intake')}>{t('console.intake')}</PageTitle>
        <Receipt dossier={done} onNext={reset} />
      </>
    );
  }
  return (
    <>
      <PageTitle title={t('console.intake')}>{t('console.intake')}</PageTitle>
      <p className="hint">{t('intake.keyboardHint')}</p>
      <form className="intake" onSubmit={submit} noValidate>
        {deskIds.length > 1 ? (
          <SelectField label={t('intake.desk')} value={deskId} onChange={(e) => setDeskId(e.target.value)}>
            {deskIds.map((id) => (
              <option key={id} value={id}>
                {deskNames.data?.find((u) => u.id === id)?.name ?? id}
              </option>
            ))}
          </SelectField>
        ) : null}
        <fieldset className="card">
          <legend>{t('intake.procedure')}</legend>
          {desk.data ? <p className="meta">{desk.data.desk.name}</p> : null}
          <TextField ref={searchRef} label={t('intake.searchProcedure')} type="search" autoFocus autoComplete="off" value={query}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={(e) => {
              // Enter in the search picks the first procedure found for what is typed now (not the list of a
              // moment ago) instead of submitting the intake.
              if (e.key !== 'Enter' || !level) return;
              e.preventDefault();
              const text = query.trim();
              setDebounced(text);
              void unwrap(api.GET('/api/v1/procedures', { params: { query: { level, limit: 8, offset: 0, ...(text ? { q: text } : {}) } } })).then((found) => {
                const first = found.items[0];
                if (!first) return;
                chooseProcedure(first.code);
                requestAnimationFrame(() => document.getElementById(`p-${first.code}`)?.focus());
              });
            }}
            error={errors.case}
          />
          <div role="radiogroup" aria-label={t('intake.procedureResults')} className="choices">
            {(results.data?.items ?? []).map((p) => (
              <div className="choice" key={p.code}>
                <input type="radio" id={`p-${p.code}`} name="procedure" checked={procedureCode === p.code} onChange={() => chooseProcedure(p.code)} />
                <label htmlFor={`p-${p.code}`}>
                  {p.name} <span className="meta">{p.code}</span>
                </label>
              </div>
            ))}
          </div>
          {procedure.data && procedure.data.cases.length > 1 ? (
            <SelectField label={t('filing.case')} value={caseCode} onChange={(e) => setCaseCode(e.target.value)}>
              {procedure.data.cases.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name} ({timeLimitLabel(t, c.timeLimit, c.noAppointmentDate)})
                </option>
              ))}
            </SelectField>
          ) : null}
        </fieldset>
        <fieldset className="card">
          <legend>{t('filing.applicant')}</legend>
          <div className="grid-2">
            <TextField label={t('field.fullName')} required value={form.name} onChange={(e) => change({ name: e.target.value })} error={errors.name} autoComplete="off" />
            <TextField label={t('field.idNumber')} hint={t('field.idNumberHint')} required inputMode="numeric" maxLength={12} value={form.idNumber} onChange={(e) => change({ idNumber: e.target.value.replace(/\D/g, '') })} error={errors.idNumber} autoComplete="off" />
            <TextField label={t('field.phone')} type="tel" value={form.phone} onChange={(e) => change({ phone: e.target.value.replace(/[^\d+]/g, '') })} error={errors.phone} autoComplete="off" />
            <TextField label={t('field.email')} type="email" value={form.email} onChange={(e) => change({ email: e.target.value })} error={errors.email} autoComplete="off" />
          </div>
          <TextField label={t('field.address')} value={form.address} onChange={(e) => change({ address: e.target.value })} autoComplete="off" />
          <TextField label={t('field.subject')} value={form.subject} onChange={(e) => change({ subject: e.target.value })} autoComplete="off" />
        </fieldset>
        {caseInfo ? (
          <fieldset className="card" aria-describedby={errors.components ? 'components-error' : undefined}>
            <legend>{t('intake.componentsReceived')}</legend>
            {caseInfo.components.map((c) => (
              <div className="choice" key={c.code}>
                <input type="checkbox" id={`c-${c.code}`} checked={form.received[c.code] ?? false} onChange={(e) => change({ received: { ...form.received, [c.code]: e.target.checked } })} />
                <label htmlFor={`c-${c.code}`}>
                  {c.name} <span className="meta">({t('procedure.copies', { originals: c.originals, copies: c.copies })}{c.mandatory ? '' : `, ${t('procedure.optional')}`})</span>
                </label>
              </div>
            ))}
            {errors.components ? (
              <p className="field-error" id="components-error" role="alert">
                {errors.components}
              </p>
            ) : null}
          </fieldset>
        ) : null}
        <fieldset className="card">
          <legend>{t('intake.outcome')}</legend>
          <SelectField label={t('filing.delivery')} value={form.resultDelivery} onChange={(e) => change({ resultDelivery: e.target.value as IntakeForm['resultDelivery'] })}>
            {(['counter', 'post', 'electronic'] as const).map((d) => (
              <option key={d} value={d}>
                {deliveryLabel(t, d)}
              </option>
            ))}
          </SelectField>
          <div className={`field${errors.reason ? ' field-invalid' : ''}`}>
            <label htmlFor="reason">{t('intake.reason')}</label>
            <textarea id="reason" rows={2} value={form.reason} onChange={(e) => change({ reason: e.target.value })} aria-invalid={errors.reason ? true : undefined} aria-describedby={errors.reason ? 'reason-error' : undefined} />
            {errors.reason ? (
              <p className="field-error" id="reason-error">
                {errors.reason}
              </p>
            ) : null}
          </div>
          <ErrorMessage error={failure} />
          <div className="actions">
            <button type="submit" value="receive" className="button-primary" disabled={busy}>
              {t('intake.receive')}
            </button>
            <button type="submit" value="return_for_completion" disabled={busy}>
              {t('intake.returnForCompletion')}
            </button>
            <button type="submit" value="refuse" className="button-danger" disabled={busy}>
              {t('intake.refuse')}
            </button>
          </div>
        </fieldset>
      </form>
    </>
  );
}
