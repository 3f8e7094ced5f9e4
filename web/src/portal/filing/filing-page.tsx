// Online filing, step by step: case and desk → applicant → documents → result delivery → review and
// submit. The draft is created on the server after the applicant step and updated at every step after;
// its token and the step reached are kept on this device, so a closed tab resumes here.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useLocation, useParams, useSearch } from 'wouter';
import { ApiError, api, unwrap, type components } from '../../api/client';
import { useI18n, type Translate } from '../../i18n/i18n';
import { ErrorMessage, Loading, PageTitle } from '../../shell/parts';
import { useLoad } from '../../shell/use-load';
import { loadDesks } from '../desks';
import { createDraft, draftStore, type CitizenFile, type Dossier, EMAIL, formOfDossier, ID_NUMBER, listFiles, ownDossiers, PHONE, readOwn, submitDraft, updateDraft, type FilingForm, type StoredDraft } from './filing-draft';
import { ApplicantStep, CaseStep, DeliveryStep, DocumentsStep, ReviewStep, type Errors } from './filing-steps';

type Version = components['schemas']['ProcedureVersion'];
const STEPS = ['filing.stepCase', 'filing.stepApplicant', 'filing.stepDocuments', 'filing.stepDelivery', 'filing.stepReview'] as const;

function emptyForm(procedure: Version, caseCode: string | null): FilingForm {
  const chosen = procedure.cases.find((c) => c.code === caseCode) ?? (procedure.cases.length === 1 ? procedure.cases[0] : undefined);
  return { caseCode: chosen?.code ?? '', receivingUnitId: '', name: '', idNumber: '', phone: '', email: '', address: '', subject: '', components: componentsFor(procedure, chosen?.code ?? ''), resultDelivery: 'counter' };
}

/** By default, each required component as the procedure asks for it and none of the optional ones (the applicant corrects the counts). */
function componentsFor(procedure: Version, caseCode: string): FilingForm['components'] {
  const found = procedure.cases.find((c) => c.code === caseCode);
  return Object.fromEntries((found?.components ?? []).map((c) => [c.code, c.mandatory ? { originals: c.originals, copies: c.copies } : { originals: 0, copies: 0 }]));
}

function validate(step: number, form: FilingForm, procedure: Version, files: readonly CitizenFile[], t: Translate): Errors {
  const errors: Errors = {};
  if (step === 0) {
    if (!form.caseCode) errors.caseCode = t('validation.chooseCase');
    if (!form.receivingUnitId) errors.receivingUnitId = t('validation.chooseDesk');
  }
  if (step === 1) {
    if (!form.name.trim()) errors.name = t('validation.required');
    if (!ID_NUMBER.test(form.idNumber)) errors.idNumber = t('validation.idNumber');
    if (!PHONE.test(form.phone)) errors.phone = t('validation.phone');
    if (form.email.trim() && !EMAIL.test(form.email.trim())) errors.email = t('validation.email');
  }
  if (step === 2) {
    const missing = (procedure.cases.find((c) => c.code === form.caseCode)?.components ?? []).filter((c) => c.mandatory && (form.components[c.code]?.originals ?? 0) + (form.components[c.code]?.copies ?? 0) === 0 && !files.some((f) => f.componentCode === c.code));
    if (missing.length > 0) errors.components = t('validation.missingComponents', { names: missing.map((c) => c.name).join('; ') });
  }
  return errors;
}

function Filing({ procedure }: { procedure: Version }) {
  const { t } = useI18n();
  const [, navigate] = useLocation();
  const caseParam = new URLSearchParams(useSearch()).get('truong-hop');
  const [form, setForm] = useState<FilingForm>(() => emptyForm(procedure, caseParam));
  const [draft, setDraft] = useState<StoredDraft | null>(null);
  const [step, setStep] = useState(0);
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const [asked, setAsked] = useState<Dossier['atReceipt']>(null);
  const [files, setFiles] = useState<CitizenFile[]>([]);
  const [filesError, setFilesError] = useState<ApiError>();
  const [restored, setRestored] = useState<'checking' | 'yes' | 'no'>(() => (draftStore.get(procedure.code) ? 'checking' : 'no'));
  const stepHeading = useRef<HTMLHeadingElement>(null);
  const desks = useLoad(() => loadDesks(procedure), [procedure.id]);

  useEffect(() => {
    const stored = draftStore.get(procedure.code);
    if (!stored) return;
    readOwn(stored.id, stored.token).then(
      (dossier) => {
        if (dossier.status !== 'draft' && dossier.status !== 'returned_for_completion') {
          draftStore.clear(procedure.code);
          return setRestored('no');
        }
        setForm(formOfDossier(dossier));
        setDraft(stored);
        // The uploads survive a closed tab: they are on the server, listed again with the token.
        listFiles(stored).then(setFiles, (error: unknown) => setFilesError(error instanceof ApiError ? error : undefined));
        setStep(stored.step);
        setRestored('yes');
        setAsked(dossier.status === 'returned_for_completion' ? (dossier.atReceipt ?? null) : null);
      },
      () => {
        draftStore.clear(procedure.code);
        setRestored('no');
      },
    );
  }, [procedure.code]);

  const change = (patch: Partial<FilingForm>) => setForm((f) => ({ ...f, ...patch, ...(patch.caseCode && patch.caseCode !== f.caseCode ? { components: componentsFor(procedure, patch.caseCode) } : {}) }));
  const goTo = (next: number, saved: StoredDraft | null) => {
    setStep(next);
    setErrors({});
    if (saved) draftStore.set(procedure.code, { ...saved, step: next });
    requestAnimationFrame(() => stepHeading.current?.focus());
  };

  const startOver = () => {
    draftStore.clear(procedure.code);
    setDraft(null);
    setFiles([]);
    setForm(emptyForm(procedure, caseParam));
    setRestored('no');
    goTo(0, null);
  };

  const next = async (event: FormEvent) => {
    event.preventDefault();
    const found = validate(step, form, procedure, files, t);
    setErrors(found);
    setFailure(undefined);
    if (Object.keys(found).length > 0) {
      requestAnimationFrame(() => document.querySelector<HTMLElement>('[aria-invalid="true"], .field-error')?.focus());
      return;
    }
    if (step === 0) return goTo(1, draft);
    setBusy(true);
    try {
      let saved = draft;
      if (!saved) {
        const created = await createDraft(procedure.code, form);
        saved = { id: created.dossier.id, token: created.draftToken!, step };
        setDraft(saved);
      } else await updateDraft(saved, form, new Set(files.map((f) => f.componentCode)));
      if (step < STEPS.length - 1) return goTo(step + 1, saved);
      const submitted = await submitDraft(saved);
      ownDossiers.add({ id: saved.id, token: saved.token, procedureName: procedure.name, submittedAt: submitted.submittedAt ?? new Date().toISOString() });
      draftStore.clear(procedure.code);
      navigate(`/ho-so-cua-toi/${saved.id}`);
    } catch (error) {
      setFailure(error instanceof ApiError ? error : undefined);
    } finally {
      setBusy(false);
    }
  };

  if (restored === 'checking' || !desks.data) return <Loading />;
  const caseInfo = procedure.cases.find((c) => c.code === form.caseCode);
  return (
    <>
      <PageTitle title={t('filing.title')}>{t('filing.title')}</PageTitle>
      <p className="lead">{procedure.name}</p>
      {asked ? (
        <div className="alert alert-warning" role="note">
          <h2 className="alert-title">{t('own.deskSays')}</h2>
          <p>{asked.reason}</p>
          <ul>
            {asked.items.map((item, i) => (
              <li key={i}>{item}</li>
            ))}
          </ul>
        </div>
      ) : restored === 'yes' ? (
        <div className="alert alert-info" role="status">
          {t('filing.restored')}{' '}
          <button type="button" className="button-link" onClick={startOver}>
            {t('filing.startOver')}
          </button>
        </div>
      ) : null}
      <ol className="steps" aria-label={t('filing.progress')}>
        {STEPS.map((key, i) => (
          <li key={key} aria-current={i === step ? 'step' : undefined} className={i < step ? 'done' : i === step ? 'current' : ''}>
            <span className="step-number" aria-hidden="true">
              {i + 1}
            </span>
            <span className="step-label">{t(key)}</span>
          </li>
        ))}
      </ol>
      <form className="card" onSubmit={next} noValidate>
        <h2 ref={stepHeading} tabIndex={-1}>
          {t('filing.stepOf', { n: step + 1, total: STEPS.length })}: {t(STEPS[step]!)}
        </h2>
        {step === 0 ? <CaseStep procedure={procedure} desks={desks.data} form={form} onChange={change} locked={draft !== null} errors={errors} /> : null}
        {step === 1 ? <ApplicantStep form={form} onChange={change} errors={errors} /> : null}
        {step === 2 && caseInfo ? <DocumentsStep caseInfo={caseInfo} form={form} onChange={change} errors={errors} files={draft ? { draft, items: files, onAdded: (file) => setFiles((list) => [...list, file]), onRemoved: (id) => setFiles((list) => list.filter((f) => f.id !== id)) } : null} /> : null}
        {step === 3 ? <DeliveryStep form={form} onChange={change} /> : null}
        {step === 4 ? <ReviewStep procedure={procedure} desks={desks.data} form={form} files={files} /> : null}
        <ErrorMessage error={failure ?? filesError} />
        <div className="actions">
          {step > 0 ? (
            <button type="button" onClick={() => goTo(step - 1, draft)} disabled={busy}>
              {t('common.back')}
            </button>
          ) : null}
          <button type="submit" className="button-primary" disabled={busy}>
            {step === STEPS.length - 1 ? t('filing.submit') : t('common.continue')}
          </button>
        </div>
        {draft ? <p className="hint">{t('filing.draftSaved')}</p> : null}
      </form>
    </>
  );
}

export function FilingPage() {
  const { code = '' } = useParams<{ code: string }>();
  const procedure = useLoad(() => unwrap(api.GET('/api/v1/procedures/{code}', { params: { path: { code }, query: {} } })), [code]);
  if (procedure.error) return <ErrorMessage error={procedure.error} />;
  if (!procedure.data) return <Loading />;
  return <Filing procedure={procedure.data} />;
}
