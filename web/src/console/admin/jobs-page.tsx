// Background jobs (tác vụ nền), for system administrators: the jobs by state with the count in each — the
// dead letters with their reason and attempts —, one job's payload snapshot and last error, a dead job
// replayed after a confirmation, and a rebuild of the report counters asked for in the background.
import { useState } from 'react';
import { api, unwrap, type ApiError, type ApiResponse } from '../../api/client';
import { formatDateTime, useI18n, type Translate } from '../../i18n/i18n';
import { ErrorMessage, Loading, PageTitle, SelectField } from '../../shell/parts';
import { useLoad } from '../../shell/use-load';

type Job = ApiResponse<'/api/v1/admin/jobs/{id}', 'get'>;
const STATES = ['queued', 'running', 'done', 'dead'] as const;
const REASONS = ['max_attempts', 'permanent_error', 'lease_expired'] as const;

function reasonLabel(t: Translate, reason: string | null): string {
  if (!reason) return '—';
  return (REASONS as readonly string[]).includes(reason) ? t(`jobs.reason.${reason as (typeof REASONS)[number]}`) : reason;
}
type State = (typeof STATES)[number];

function JobDetail({ id, onReplayed }: { id: string; onReplayed: (job: Job) => void }) {
  const { t } = useI18n();
  const job = useLoad(() => unwrap(api.GET('/api/v1/admin/jobs/{id}', { params: { path: { id } } })), [id]);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<ApiError | undefined>();
  if (!job.data) return job.error ? <ErrorMessage error={job.error} /> : <Loading />;
  const j = job.data;
  const replay = async () => {
    setError(undefined);
    try {
      const replayed = await unwrap(api.POST('/api/v1/admin/jobs/{id}/replay', { params: { path: { id } } }));
      setConfirming(false);
      job.reload();
      onReplayed(replayed);
    } catch (e) {
      setError(e as ApiError);
    }
  };
  const facts: Array<[string, string]> = [
    [t('jobs.kind'), j.kind],
    [t('jobs.state'), t(`jobs.state.${j.state}`)],
    [t('jobs.attempts'), `${j.attempts}/${j.maxAttempts}`],
    [t('jobs.deadReason'), reasonLabel(t, j.deadReason)],
    [t('jobs.createdAt'), formatDateTime(j.createdAt)],
    [t('jobs.updatedAt'), formatDateTime(j.updatedAt)],
    [t('jobs.key'), j.idempotencyKey],
  ];
  return (
    <section className="panel" aria-labelledby="job-heading">
      <h2 id="job-heading">{t('jobs.detailHeading', { kind: j.kind })}</h2>
      <ErrorMessage error={error} />
      <dl className="facts">
        {facts.map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd className="break-all">{value}</dd>
          </div>
        ))}
      </dl>
      {j.lastError ? (
        <>
          <h3>{t('jobs.lastError')}</h3>
          <pre className="code-block">{j.lastError}</pre>
        </>
      ) : null}
      <h3 id="job-payload">{t('jobs.payload')}</h3>
      <pre className="code-block" tabIndex={0} aria-labelledby="job-payload">
        {JSON.stringify(j.payload, null, 2)}
      </pre>
      {j.state === 'dead' ? (
        confirming ? (
          <div className="actions" role="group" aria-label={t('jobs.confirmReplay')}>
            <p>{t('jobs.confirmReplay')}</p>
            <button type="button" className="button-primary" onClick={() => void replay()}>
              {t('jobs.confirmReplayYes')}
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              {t('staff.cancel')}
            </button>
          </div>
        ) : (
          <div className="actions">
            <button type="button" className="button-primary" onClick={() => setConfirming(true)}>
              {t('jobs.replay')}
            </button>
          </div>
        )
      ) : null}
    </section>
  );
}

export function JobsPage() {
  const { t } = useI18n();
  const [state, setState] = useState<State | ''>('');
  const jobs = useLoad(() => unwrap(api.GET('/api/v1/admin/jobs', { params: { query: state ? { state, limit: 100 } : { limit: 100 } } })), [state]);
  const [open, setOpen] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | undefined>();

  const rebuild = async () => {
    setError(undefined);
    try {
      const result = await unwrap(api.POST('/api/v1/admin/reports/rebuild', {}));
      setNotice(t(result.created ? 'jobs.rebuildQueued' : 'jobs.rebuildAlready'));
      jobs.reload();
    } catch (e) {
      setError(e as ApiError);
    }
  };

  const counts = jobs.data?.counts;
  return (
    <>
      <PageTitle title={t('jobs.title')}>{t('jobs.title')}</PageTitle>
      <p className="muted">{t('jobs.lead')}</p>
      {notice ? (
        <p className="alert alert-success" role="status">
          {notice}
        </p>
      ) : null}
      <ErrorMessage error={error ?? jobs.error} />
      <div className="toolbar">
        <SelectField label={t('jobs.filterState')} value={state} onChange={(e) => (setState(e.target.value as State | ''), setOpen(null))}>
          <option value="">{t('jobs.allStates')}</option>
          {STATES.map((s) => (
            <option key={s} value={s}>
              {t(`jobs.state.${s}`)}
              {counts ? ` (${counts[s]})` : ''}
            </option>
          ))}
        </SelectField>
        <button type="button" onClick={() => void rebuild()}>
          {t('jobs.rebuild')}
        </button>
      </div>
      {jobs.loading && !jobs.data ? <Loading /> : null}
      {jobs.data && jobs.data.items.length === 0 ? <p className="muted">{t('jobs.none')}</p> : null}
      {jobs.data && jobs.data.items.length > 0 ? (
        <div className="table-wrap" role="region" aria-label={t('jobs.listLabel')} tabIndex={0}>
          <table className="jobs-table">
            <thead>
              <tr>
                <th scope="col">{t('jobs.kind')}</th>
                <th scope="col">{t('jobs.state')}</th>
                <th scope="col">{t('jobs.attempts')}</th>
                <th scope="col">{t('jobs.deadReason')}</th>
                <th scope="col">{t('jobs.updatedAt')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('staff.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {jobs.data.items.map((j) => (
                <tr key={j.id} className={j.state === 'dead' ? 'row-overdue' : undefined}>
                  <th scope="row">{j.kind}</th>
                  <td>{t(`jobs.state.${j.state}`)}</td>
                  <td>
                    {j.attempts}/{j.maxAttempts}
                  </td>
                  <td>{reasonLabel(t, j.deadReason)}</td>
                  <td>{formatDateTime(j.updatedAt)}</td>
                  <td>
                    <button type="button" aria-label={t('jobs.viewOf', { kind: j.kind, time: formatDateTime(j.updatedAt) })} onClick={() => (setOpen(j.id), setNotice(null))}>
                      {t('jobs.view')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {open ? <JobDetail key={open} id={open} onReplayed={(job) => (setNotice(t('jobs.replayed', { kind: job.kind })), jobs.reload())} /> : null}
    </>
  );
}
