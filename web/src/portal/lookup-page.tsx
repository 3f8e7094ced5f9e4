// The public lookup by dossier code (QR codes on receipts point to /tra-cuu/{code}): procedure, status,
// appointment, progress by step and what is asked of the applicant — no personal data.
import { useState, type FormEvent } from 'react';
import { Link, useLocation, useParams } from 'wouter';
import { api, unwrap } from '../api/client';
import { formatDateTime, formatMoney, useI18n } from '../i18n/i18n';
import { ErrorMessage, Loading, PageTitle } from '../shell/parts';
import { useLoad } from '../shell/use-load';
import { ownDossiers } from './filing/filing-draft';

function stepStatus(t: ReturnType<typeof useI18n>['t'], status: string): string {
  return status === 'done' ? t('lookup.stepDone') : status === 'active' ? t('lookup.stepActive') : t('lookup.stepOther');
}

function LookupResult({ code }: { code: string }) {
  const { t, lang } = useI18n();
  const result = useLoad(() => unwrap(api.GET('/api/v1/public/dossiers/lookup/{code}', { params: { path: { code } } })), [code]);
  if (result.error) return <ErrorMessage error={result.error} />;
  const r = result.data;
  if (!r) return <Loading />;
  const asked = r.askedOfApplicant;
  return (
    <section aria-labelledby="lookup-result">
      <h2 id="lookup-result">
        {t('lookup.dossier')} <span className="dossier-code">{r.code}</span>
      </h2>
      <dl className="review">
        <div>
          <dt>{t('own.status')}</dt>
          <dd>
            <strong data-testid="lookup-status">{r.statusLabel[lang]}</strong>
          </dd>
        </div>
        <div>
          <dt>{t('filing.procedure')}</dt>
          <dd>
            {r.procedureName} — {r.caseName}
          </dd>
        </div>
        <div>
          <dt>{t('filing.desk')}</dt>
          <dd>{r.receivingUnitName}</dd>
        </div>
        <div>
          <dt>{t('own.receivedAt')}</dt>
          <dd>{formatDateTime(r.receivedAt)}</dd>
        </div>
        <div>
          <dt>{t('own.appointment')}</dt>
          <dd>
            {formatDateTime(r.dueAt)}
            {r.apologyIssued ? <span className="meta"> ({t('lookup.apologyIssued')})</span> : null}
          </dd>
        </div>
        {r.resolvedAt ? (
          <div>
            <dt>{t('lookup.resolvedAt')}</dt>
            <dd>{formatDateTime(r.resolvedAt)}</dd>
          </div>
        ) : null}
        {r.returnedAt ? (
          <div>
            <dt>{t('lookup.returnedAt')}</dt>
            <dd>{formatDateTime(r.returnedAt)}</dd>
          </div>
        ) : null}
      </dl>
      {asked ? (
        <div className="alert alert-warning" role="note">
          <h3>{asked.kind === 'payment' ? t('lookup.askedPayment') : t('lookup.askedSupplement')}</h3>
          <ul>
            {asked.items.map((item, i) => (
              <li key={i}>{item}</li>
            ))}
          </ul>
          {asked.amount !== null ? <p>{t('lookup.amount', { amount: formatMoney(asked.amount, lang) })}</p> : null}
          <p className="meta">{t('lookup.since', { date: formatDateTime(asked.since) })}</p>
        </div>
      ) : null}
      <h3>{t('lookup.progress')}</h3>
      {r.progress.length === 0 ? <p>{t('lookup.noProgress')}</p> : null}
      <ol className="timeline">
        {r.progress.map((p, i) => (
          <li key={i} className={`timeline-item timeline-${p.status}`}>
            <p>
              <strong>{p.step[lang]}</strong> — {p.unitName}
            </p>
            <p className="meta">
              {stepStatus(t, p.status)} · {t('lookup.started', { date: formatDateTime(p.startedAt) })}
              {p.finishedAt ? ` · ${t('lookup.finished', { date: formatDateTime(p.finishedAt) })}` : ''}
            </p>
          </li>
        ))}
      </ol>
    </section>
  );
}

export function LookupPage() {
  const { t } = useI18n();
  const params = useParams<{ code?: string }>();
  const code = params.code ? decodeURIComponent(params.code) : '';
  const [text, setText] = useState(code);
  const [, navigate] = useLocation();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (text.trim()) navigate(`/tra-cuu/${encodeURIComponent(text.trim().toUpperCase())}`);
  };
  return (
    <>
      <PageTitle title={t('lookup.title')}>{t('lookup.title')}</PageTitle>
      <form role="search" className="search-form" onSubmit={submit} aria-label={t('lookup.codeLabel')}>
        <label htmlFor="dossier-code">{t('lookup.codeLabel')}</label>
        <p className="hint" id="dossier-code-hint">
          {t('lookup.codeHint')}
        </p>
        <div className="search-row">
          <input id="dossier-code" value={text} onChange={(e) => setText(e.target.value)} aria-describedby="dossier-code-hint" autoComplete="off" spellCheck={false} />
          <button type="submit" className="button-primary">
            {t('lookup.button')}
          </button>
        </div>
      </form>
      {code ? <LookupResult code={code} /> : <OwnDossiersOnThisDevice />}
    </>
  );
}

/** Dossiers filed online from this device (no login yet): their own pages show the code once received. */
function OwnDossiersOnThisDevice() {
  const { t } = useI18n();
  const own = ownDossiers.list();
  if (own.length === 0) return null;
  return (
    <section aria-labelledby="own-heading">
      <h2 id="own-heading">{t('lookup.ownOnDevice')}</h2>
      <ul>
        {own.map((d) => (
          <li key={d.id}>
            <Link href={`/ho-so-cua-toi/${d.id}`}>{d.procedureName}</Link> <span className="meta">{t('lookup.filedAt', { date: formatDateTime(d.submittedAt) })}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
