// Worklists by role and unit (the server decides which steps are this user's): tabs with counts, rows
// due within a working day or overdue marked in words and colour.
import { useState, type FormEvent } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { ApiError, api, unwrap } from '../api/client';
import { formatDateTime, useI18n } from '../i18n/i18n';
import { ErrorMessage, Loading, PageTitle, TextField } from '../shell/parts';
import { useLoad } from '../shell/use-load';

const VIEWS = ['to_receive', 'mine', 'unassigned', 'due_soon', 'overdue'] as const;
type View = (typeof VIEWS)[number];

export function WorklistPage() {
  const { t, lang } = useI18n();
  const asked = new URLSearchParams(useSearch()).get('view');
  const view: View = (VIEWS as readonly string[]).includes(asked ?? '') ? (asked as View) : 'to_receive';
  const list = useLoad(() => unwrap(api.GET('/api/v1/dossiers/worklist', { params: { query: { view, limit: 50, offset: 0 } } })), [view]);
  const counts = list.data?.counts ?? {};
  const [openedAt] = useState(() => new Date().toISOString());

  return (
    <>
      <PageTitle title={t('console.worklist')}>{t('console.worklist')}</PageTitle>
      <FindByCode />
      <nav aria-label={t('worklist.views')}>
        <ul className="tabs">
          {VIEWS.map((v) => (
            <li key={v}>
              <Link href={`/?view=${v}`} aria-current={v === view ? 'page' : undefined} className={`tab${v === 'overdue' && (counts[v] ?? 0) > 0 ? ' tab-alert' : ''}`}>
                {t(`worklist.${v}`)} <span className="count">{counts[v] ?? '…'}</span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <ErrorMessage error={list.error} />
      {list.loading && !list.data ? <Loading /> : null}
      {list.data && list.data.items.length === 0 ? <p>{t('worklist.empty')}</p> : null}
      {list.data && list.data.items.length > 0 ? (
        <div className="table-wrap" role="region" aria-label={t(`worklist.${view}`)} tabIndex={0}>
          <table className="worklist">
            <caption className="visually-hidden">{t(`worklist.${view}`)}</caption>
            <thead>
              <tr>
                <th scope="col">{t('worklist.dossier')}</th>
                <th scope="col">{t('worklist.due')}</th>
                <th scope="col">{t('worklist.step')}</th>
                <th scope="col">{t('worklist.applicant')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map(({ task, dossier }) => {
                // In the due-soon and overdue lists the step is by definition at risk, even when the dossier is not yet.
                const overdue = dossier.isOverdue || view === 'overdue' || (task?.dueAt ? task.dueAt < openedAt : false);
                const dueSoon = !overdue && (dossier.isAtRisk || view === 'due_soon');
                return (
                <tr key={`${dossier.id}-${task?.id ?? ''}`} className={overdue ? 'row-overdue' : dueSoon ? 'row-due-soon' : ''}>
                  <td>
                    <Link href={`/ho-so/${dossier.id}`}>{dossier.code ?? dossier.procedureName}</Link>
                    <div className="meta">{dossier.code ? dossier.procedureName : t('worklist.noCode')}</div>
                  </td>
                  <td className="due">
                    {task?.dueAt || dossier.dueAt ? formatDateTime(task?.dueAt ?? dossier.dueAt) : t('worklist.submitted', { date: formatDateTime(dossier.submittedAt) })}
                    {overdue ? <span className="badge badge-overdue">{t('worklist.overdueBadge')}</span> : dueSoon ? <span className="badge badge-due-soon">{t('worklist.dueSoonBadge')}</span> : null}
                  </td>
                  <td>{task ? task.name[lang] : t('worklist.awaitingReceipt')}</td>
                  <td>{dossier.applicantName}</td>
                </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}

/** Straight to a dossier by its code (the applicant at the counter holds the receipt). */
function FindByCode() {
  const { t } = useI18n();
  const [, navigate] = useLocation();
  const [code, setCode] = useState('');
  const [error, setError] = useState<ApiError>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!code.trim()) return;
    setError(undefined);
    try {
      const dossier = await unwrap(api.GET('/api/v1/dossiers/by-code/{code}', { params: { path: { code: code.trim() } } }));
      navigate(`/ho-so/${dossier.id}`);
    } catch (e) {
      setError(e instanceof ApiError ? e : undefined);
    }
  };
  return (
    <form role="search" className="find-by-code" onSubmit={submit} aria-label={t('worklist.findByCode')}>
      <TextField label={t('worklist.findByCode')} value={code} onChange={(e) => setCode(e.target.value)} autoComplete="off" spellCheck={false} />
      <button type="submit">{t('lookup.button')}</button>
      <ErrorMessage error={error} />
    </form>
  );
}
