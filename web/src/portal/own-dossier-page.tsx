// The applicant's own online dossier on this device (read with its draft token): the acknowledgement of
// submission, then — once the desk receives it — the dossier code and the appointment (the receipt),
// or what the desk asks to complete, or why it refused.
import { Link, useLocation, useParams } from 'wouter';
import { api, unwrap } from '../api/client';
import { formatDateTime, useI18n } from '../i18n/i18n';
import { ErrorMessage, Loading, PageTitle } from '../shell/parts';
import { useLoad } from '../shell/use-load';
import { draftStore, listFiles, ownDossiers, readOwn } from './filing/filing-draft';
import { deliveryLabel } from './labels';

export function OwnDossierPage() {
  const { t, lang } = useI18n();
  const { id = '' } = useParams<{ id: string }>();
  const [, navigate] = useLocation();
  const entry = ownDossiers.find(id);
  const dossier = useLoad(() => (entry ? readOwn(entry.id, entry.token) : Promise.resolve(null)), [id]);
  const d = dossier.data;
  const files = useLoad(() => (entry ? listFiles(entry) : Promise.resolve([])), [id]);
  const desk = useLoad(() => (d ? unwrap(api.GET('/api/v1/units/{id}', { params: { path: { id: d.receivingUnitId }, query: {} } })) : Promise.resolve(null)), [d?.receivingUnitId]);

  if (!entry) {
    return (
      <>
        <PageTitle title={t('own.title')}>{t('own.title')}</PageTitle>
        <p>{t('own.notOnThisDevice')}</p>
        <p>
          <Link href="/tra-cuu">{t('nav.lookup')}</Link>
        </p>
      </>
    );
  }
  if (dossier.error) return <ErrorMessage error={dossier.error} />;
  if (!d) return <Loading />;
  const waiting = d.status === 'submitted';
  return (
    <>
      <PageTitle title={d.code ? t('own.receiptTitle') : t('own.submittedTitle')}>{d.code ? t('own.receiptTitle') : t('own.submittedTitle')}</PageTitle>
      <div className={`alert ${d.status === 'refused_at_receipt' ? 'alert-error' : 'alert-success'}`} role="status">
        {waiting ? t('own.waiting') : d.statusLabel[lang]}
      </div>
      <dl className="review receipt">
        {d.code ? (
          <div>
            <dt>{t('own.code')}</dt>
            <dd className="dossier-code" data-testid="dossier-code">
              {d.code}
            </dd>
          </div>
        ) : null}
        {d.dueAt ? (
          <div>
            <dt>{t('own.appointment')}</dt>
            <dd className="appointment">{formatDateTime(d.dueAt)}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t('filing.procedure')}</dt>
          <dd>
            {d.procedure.name} — {d.procedure.caseName}
          </dd>
        </div>
        <div>
          <dt>{t('filing.desk')}</dt>
          <dd>{desk.data?.name ?? '…'}</dd>
        </div>
        <div>
          <dt>{t('own.submittedAt')}</dt>
          <dd>{formatDateTime(d.submittedAt)}</dd>
        </div>
        {d.receivedAt ? (
          <div>
            <dt>{t('own.receivedAt')}</dt>
            <dd>{formatDateTime(d.receivedAt)}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t('filing.delivery')}</dt>
          <dd>{deliveryLabel(t, d.resultDelivery)}</dd>
        </div>
        {files.data && files.data.length > 0 ? (
          <div>
            <dt>{t('files.title')}</dt>
            <dd>
              <ul className="plain">
                {files.data.map((f) => (
                  <li key={f.id}>{f.fileName}</li>
                ))}
              </ul>
            </dd>
          </div>
        ) : null}
        <div>
          <dt>{t('own.status')}</dt>
          <dd>{d.statusLabel[lang]}</dd>
        </div>
      </dl>
      {d.atReceipt && d.atReceipt.outcome !== 'received' ? (
        <section className="card" aria-labelledby="asked-heading">
          <h2 id="asked-heading">{t('own.deskSays')}</h2>
          <p>{d.atReceipt.reason}</p>
          <ul>
            {d.atReceipt.items.map((item, i) => (
              <li key={i}>{item}</li>
            ))}
          </ul>
        </section>
      ) : null}
      {waiting ? <p>{t('own.waitingExplained')}</p> : null}
      {d.status === 'returned_for_completion' && d.channel === 'online' ? (
        <p>
          <button
            type="button"
            className="button-primary"
            onClick={() => {
              // Completing the dossier is the filing form again, from the documents step, on the same draft.
              draftStore.set(d.procedure.code, { id: entry.id, token: entry.token, step: 2 });
              navigate(`/thu-tuc/${d.procedure.code}/nop-truc-tuyen`);
            }}
          >
            {t('own.complete')}
          </button>
        </p>
      ) : null}
      <div className="actions">
        <button type="button" onClick={dossier.reload}>
          {t('own.refresh')}
        </button>
        {d.code ? (
          <Link className="button button-primary" href={`/tra-cuu/${d.code}`}>
            {t('own.followByCode')}
          </Link>
        ) : null}
      </div>
    </>
  );
}
