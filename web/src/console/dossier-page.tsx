// A dossier for staff: summary, the appointment with the legal clock's explanation, the actions this
// user may take (from the server's permissions), its files, the control sheet and the timeline of events.
import { useParams } from 'wouter';
import { api, unwrap } from '../api/client';
import { formatDateTime, useI18n } from '../i18n/i18n';
import { deliveryLabel } from '../portal/labels';
import { ErrorMessage, Loading, PageTitle } from '../shell/parts';
import { useLoad } from '../shell/use-load';
import { DossierActions } from './dossier-actions';
import { DossierFiles } from './dossier-files';
import { eventLabel, timelinessLabel } from './event-labels';

export function DossierPage() {
  const { t, lang } = useI18n();
  const { id = '' } = useParams<{ id: string }>();
  const dossier = useLoad(() => unwrap(api.GET('/api/v1/dossiers/{id}', { params: { path: { id } } })), [id]);
  const round = dossier.data ? `${dossier.data.status}-${dossier.data.tasks.length}-${dossier.data.tasks.filter((x) => x.status === 'done').length}-${dossier.data.tasks.map((x) => x.assigneeId).join()}` : '';
  const events = useLoad(() => unwrap(api.GET('/api/v1/dossiers/{id}/events', { params: { path: { id } } })), [id, round]);
  const sheet = useLoad(() => unwrap(api.GET('/api/v1/dossiers/{id}/control-sheet', { params: { path: { id } } })), [id, round]);
  const d = dossier.data;
  if (dossier.error) return <ErrorMessage error={dossier.error} />;
  if (!d) return <Loading />;
  const title = d.code ?? t('worklist.noCode');
  return (
    <>
      <PageTitle title={title}>
        {t('dossier.title')} <span className="dossier-code">{title}</span>
      </PageTitle>
      <p className="meta">
        <span className="status-label">{d.statusLabel[lang]}</span>
        {d.isOverdue ? <span className="badge badge-overdue">{t('worklist.overdueBadge')}</span> : d.isAtRisk ? <span className="badge badge-due-soon">{t('worklist.dueSoonBadge')}</span> : null}
      </p>
      <div className="two-columns">
        <section aria-labelledby="summary-heading">
          <h2 id="summary-heading">{t('dossier.summary')}</h2>
          <dl className="review">
            <div>
              <dt>{t('filing.procedure')}</dt>
              <dd>
                {d.procedure.name} — {d.procedure.caseName}
              </dd>
            </div>
            <div>
              <dt>{t('filing.applicant')}</dt>
              <dd>
                {d.applicant.name} · {d.applicant.idNumber}
                {d.applicant.phone ? ` · ${d.applicant.phone}` : ''}
                {d.applicant.email ? ` · ${d.applicant.email}` : ''}
              </dd>
            </div>
            {d.subject ? (
              <div>
                <dt>{t('field.subject')}</dt>
                <dd>{d.subject}</dd>
              </div>
            ) : null}
            <div>
              <dt>{t('dossier.channel')}</dt>
              <dd>{t(`channel.${d.channel}`)}</dd>
            </div>
            <div>
              <dt>{t('own.submittedAt')}</dt>
              <dd>{formatDateTime(d.submittedAt)}</dd>
            </div>
            <div>
              <dt>{t('own.receivedAt')}</dt>
              <dd>{formatDateTime(d.receivedAt)}</dd>
            </div>
            <div>
              <dt>{t('filing.delivery')}</dt>
              <dd>{deliveryLabel(t, d.resultDelivery)}</dd>
            </div>
            <div>
              <dt>{t('dossier.components')}</dt>
              <dd>
                <ul className="plain">
                  {d.components.map((c) => (
                    <li key={c.code}>
                      {c.name} ({t('procedure.copies', { originals: c.originals, copies: c.copies })})
                    </li>
                  ))}
                </ul>
              </dd>
            </div>
          </dl>
        </section>
        <section aria-labelledby="clock-heading">
          <h2 id="clock-heading">{t('own.appointment')}</h2>
          <p className="appointment">{formatDateTime(d.dueAt)}</p>
          {d.legalDueAt && d.legalDueAt !== d.dueAt ? <p className="meta">{t('dossier.legalDue', { date: formatDateTime(d.legalDueAt) })}</p> : null}
          {d.apology ? <p className="meta">{t('dossier.apologyIssued', { date: formatDateTime(d.apology.newDueAt), reason: d.apology.reason })}</p> : null}
          {d.dueExplanation ? (
            <>
              <h3>{t('dossier.howComputed')}</h3>
              <ol className="explanation">
                {d.dueExplanation[lang].map((line, i) => (
                  <li key={i}>{line}</li>
                ))}
              </ol>
            </>
          ) : (
            <p className="muted">{t('dossier.noAppointmentYet')}</p>
          )}
        </section>
      </div>
      <DossierFiles dossier={d} round={round} />
      <section aria-labelledby="actions-heading">
        <h2 id="actions-heading">{t('dossier.actions')}</h2>
        <DossierActions dossier={d} onChanged={dossier.reload} />
      </section>
      <section>
        <h2 id="sheet-heading">{t('dossier.controlSheet')}</h2>
        {sheet.data && sheet.data.rows.length > 0 ? (
          <div className="table-wrap" role="region" aria-labelledby="sheet-heading" tabIndex={0}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('worklist.step')}</th>
                  <th scope="col">{t('dossier.handOver')}</th>
                  <th scope="col">{t('dossier.handedOverAt')}</th>
                  <th scope="col">{t('worklist.due')}</th>
                  <th scope="col">{t('dossier.finishedAt')}</th>
                  <th scope="col">{t('dossier.result')}</th>
                </tr>
              </thead>
              <tbody>
                {sheet.data.rows.map((row, i) => (
                  <tr key={i}>
                    <td>{row.step[lang]}</td>
                    <td>
                      {row.fromUnit ? `${row.fromUnit.name} → ` : ''}
                      {row.toUnit.name}
                    </td>
                    <td>{formatDateTime(row.handedOverAt)}</td>
                    <td>{formatDateTime(row.dueAt)}</td>
                    <td>{formatDateTime(row.finishedAt)}</td>
                    <td>{timelinessLabel(t, row.result)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="muted">{t('dossier.noSteps')}</p>
        )}
      </section>
      <section aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">{t('dossier.timeline')}</h2>
        <ol className="timeline">
          {(events.data?.items ?? []).map((e) => (
            <li key={e.seq} className="timeline-item">
              <p>
                <strong>{eventLabel(t, e.type, e.payload)}</strong>
              </p>
              <p className="meta">{formatDateTime(e.at)}</p>
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
