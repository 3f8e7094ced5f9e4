// The procedure catalogue for its administrators (province administrators and system administrators): the
// drafts waiting for publication, a new draft started from a procedure's latest version, a draft's name,
// online level, time limits and fees edited, and the draft published from a date — the version in force ends
// the day before and dossiers already received keep the version they were received under.
import { useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import { api, unwrap, type ApiError, type ApiResponse } from '../api/client';
import { formatDate, legalDateOf, useI18n } from '../i18n/i18n';
import { ErrorMessage, Loading, PageTitle, SelectField, TextField } from '../shell/parts';
import { useLoad } from '../shell/use-load';
import { ProcedureFinder } from './procedure-finder';

type Version = ApiResponse<'/api/v1/procedures/{code}', 'get'>;
type Case = Version['cases'][number];

const UNITS = ['working_days', 'working_hours', 'calendar_days'] as const;
const ONLINE = { full_online: 'online.full', partly_online: 'online.partly', offline: 'online.offline' } as const;

function DraftEditor({ code, version, onDone }: { code: string; version: number; onDone: (message: string) => void }) {
  const { t } = useI18n();
  const loaded = useLoad(() => unwrap(api.GET('/api/v1/procedures/{code}', { params: { path: { code }, query: { version } } })), [code, version]);
  const [draft, setDraft] = useState<Version | null>(null);
  const [effective, setEffective] = useState('');
  const [error, setError] = useState<ApiError | undefined>();
  const [dateError, setDateError] = useState<string | undefined>();
  const [saved, setSaved] = useState(false);
  const v = draft ?? loaded.data ?? null;
  if (!v) return loaded.error ? <ErrorMessage error={loaded.error} /> : <Loading />;

  const change = (next: Partial<Version>) => (setDraft({ ...v, ...next }), setSaved(false));
  const changeCase = (i: number, next: Partial<Case>) => change({ cases: v.cases.map((c, j) => (j === i ? { ...c, ...next } : c)) });
  const save = async (): Promise<Version | null> => {
    setError(undefined);
    try {
      const body = { revision: v.revision, name: v.name, onlineLevel: v.onlineLevel, cases: v.cases.map((c) => ({ code: c.code, name: c.name, timeLimit: c.timeLimit, fees: c.fees, components: c.components, cutOff: c.cutOff, noAppointmentDate: c.noAppointmentDate })) };
      const next = await unwrap(api.PATCH('/api/v1/procedures/{code}/versions/{version}', { params: { path: { code, version } }, body }));
      setDraft(next);
      setSaved(true);
      return next;
    } catch (e) {
      setError(e as ApiError);
      return null;
    }
  };
  const publish = async (event: FormEvent) => {
    event.preventDefault();
    const from = effective.trim() ? legalDateOf(effective) : undefined;
    if (from === null) return setDateError(t('validation.date'));
    setDateError(undefined);
    const current = await save();
    if (!current) return;
    try {
      const published = await unwrap(api.POST('/api/v1/procedures/{code}/versions/{version}/publish', { params: { path: { code, version } }, body: { revision: current.revision, ...(from ? { effectiveFrom: from } : {}) } }));
      onDone(t('catalogAdmin.published', { name: published.name, version: published.version, date: formatDate(published.effectiveFrom ?? '') }));
    } catch (e) {
      setError(e as ApiError);
    }
  };

  return (
    <form className="panel" aria-labelledby="draft-heading" onSubmit={(e) => void publish(e)}>
      <h2 id="draft-heading">{t('catalogAdmin.editing', { code: v.code, version: v.version })}</h2>
      <ErrorMessage error={error} />
      {saved ? (
        <p className="alert alert-success" role="status">
          {t('catalogAdmin.saved')}
        </p>
      ) : null}
      <TextField label={t('catalogAdmin.name')} value={v.name} onChange={(e) => change({ name: e.target.value })} required />
      <SelectField label={t('catalogAdmin.onlineLevel')} value={v.onlineLevel} onChange={(e) => change({ onlineLevel: e.target.value as Version['onlineLevel'] })}>
        {(Object.keys(ONLINE) as Array<keyof typeof ONLINE>).map((o) => (
          <option key={o} value={o}>
            {t(ONLINE[o])}
          </option>
        ))}
      </SelectField>
      {v.cases.map((c, i) => (
        <fieldset key={c.code}>
          <legend>{t('catalogAdmin.case', { code: c.code, name: c.name })}</legend>
          <div className="role-row">
            <TextField label={t('catalogAdmin.timeLimit')} labelSuffix={c.code} type="number" min={0} step="any" value={String(c.timeLimit.amount)} onChange={(e) => changeCase(i, { timeLimit: { ...c.timeLimit, amount: Number(e.target.value) } })} />
            <SelectField label={t('catalogAdmin.timeUnit')} labelSuffix={c.code} value={c.timeLimit.unit} onChange={(e) => changeCase(i, { timeLimit: { ...c.timeLimit, unit: e.target.value as Case['timeLimit']['unit'] } })}>
              {UNITS.map((u) => (
                <option key={u} value={u}>
                  {t(`timeUnit.${u}`)}
                </option>
              ))}
            </SelectField>
          </div>
          <p>
            <Link href={`/quan-tri/quy-trinh?thu-tuc=${encodeURIComponent(code)}&truong-hop=${encodeURIComponent(c.code)}`}>{t('catalogAdmin.processLink', { code: c.code })}</Link>
          </p>
          {c.fees.map((fee, k) => (
            <div className="role-row" key={k}>
              <TextField label={t('catalogAdmin.feeDescription')} labelSuffix={`${c.code} ${k + 1}`} value={fee.description} onChange={(e) => changeCase(i, { fees: c.fees.map((f, j) => (j === k ? { ...f, description: e.target.value } : f)) })} />
              <TextField label={t('catalogAdmin.feeAmount')} labelSuffix={`${c.code} ${k + 1}`} type="number" min={0} step={1000} value={String(fee.amount)} onChange={(e) => changeCase(i, { fees: c.fees.map((f, j) => (j === k ? { ...f, amount: Math.round(Number(e.target.value)) } : f)) })} />
              <button type="button" className="button-danger" onClick={() => changeCase(i, { fees: c.fees.filter((_, j) => j !== k) })}>
                {t('catalogAdmin.removeFee', { n: k + 1 })}
              </button>
            </div>
          ))}
          <button type="button" onClick={() => changeCase(i, { fees: [...c.fees, { description: '', amount: 0 }] })}>
            {t('catalogAdmin.addFee')}
          </button>
        </fieldset>
      ))}
      <div className="actions">
        <button type="button" onClick={() => void save()}>
          {t('catalogAdmin.save')}
        </button>
      </div>
      <TextField label={t('catalogAdmin.effectiveFrom')} hint={t('catalogAdmin.effectiveHint')} inputMode="numeric" value={effective} error={dateError} onChange={(e) => setEffective(e.target.value)} />
      <div className="actions">
        <button type="submit" className="button-primary">
          {t('catalogAdmin.publish')}
        </button>
      </div>
    </form>
  );
}

export function CatalogAdminPage() {
  const { t } = useI18n();
  const drafts = useLoad(() => unwrap(api.GET('/api/v1/procedures/drafts', { params: { query: { limit: 50, offset: 0 } } })), []);
  const [open, setOpen] = useState<{ code: string; version: number } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | undefined>();

  const startDraft = async (code: string) => {
    setError(undefined);
    try {
      const draft = await unwrap(api.POST('/api/v1/procedures/{code}/versions', { params: { path: { code } } }));
      drafts.reload();
      setOpen({ code: draft.code, version: draft.version });
    } catch (e) {
      setError(e as ApiError);
    }
  };

  return (
    <>
      <PageTitle title={t('catalogAdmin.title')}>{t('catalogAdmin.title')}</PageTitle>
      <p className="muted">{t('catalogAdmin.lead')}</p>
      {notice ? (
        <p className="alert alert-success" role="status">
          {notice}
        </p>
      ) : null}
      <ErrorMessage error={error ?? drafts.error} />
      <h2>{t('catalogAdmin.draftsHeading')}</h2>
      {drafts.loading && !drafts.data ? <Loading /> : null}
      {drafts.data && drafts.data.items.length === 0 ? <p className="muted">{t('catalogAdmin.noDrafts')}</p> : null}
      {drafts.data && drafts.data.items.length > 0 ? (
        <ul className="plain-list">
          {drafts.data.items.map((d) => (
            <li key={`${d.code}-${d.version}`} className="list-row">
              <span>
                {d.code} · {t('catalogAdmin.versionN', { version: d.version })} — {d.name}
              </span>
              <button type="button" onClick={() => (setOpen({ code: d.code, version: d.version }), setNotice(null))}>
                {t('catalogAdmin.open', { code: d.code })}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {open ? <DraftEditor key={`${open.code}-${open.version}`} code={open.code} version={open.version} onDone={(message) => (setOpen(null), setNotice(message), drafts.reload())} /> : null}
      <h2>{t('catalogAdmin.newDraftHeading')}</h2>
      <ProcedureFinder label={t('catalogAdmin.newDraftHeading')} actionLabel={(code) => t('catalogAdmin.startDraft', { code })} onChoose={(code) => void startDraft(code)} />
    </>
  );
}
