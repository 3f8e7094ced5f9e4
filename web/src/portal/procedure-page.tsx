// A procedure in plain words: what to bring (originals, copies, forms), how long, the fee, where, and
// whether it can be done fully online — per case (trường hợp), with the button to file online.
import { Link, useParams } from 'wouter';
import { api, unwrap, type components } from '../api/client';
import { formatMoney, useI18n } from '../i18n/i18n';
import { ErrorMessage, Loading, PageTitle } from '../shell/parts';
import { useLoad } from '../shell/use-load';
import { loadDesks } from './desks';
import { levelLabel, onlineLabel, timeLimitLabel } from './labels';

type Version = components['schemas']['ProcedureVersion'];
type Case = Version['cases'][number];

function CaseSection({ procedure, item }: { procedure: Version; item: Case }) {
  const { t, lang } = useI18n();
  const headingId = `case-${item.code}`;
  return (
    <section className="card" aria-labelledby={headingId}>
      <h3 id={headingId}>{item.name}</h3>
      <dl className="facts">
        <div>
          <dt>{t('procedure.timeLimit')}</dt>
          <dd>{timeLimitLabel(t, item.timeLimit, item.noAppointmentDate)}</dd>
        </div>
        <div>
          <dt>{t('procedure.fee')}</dt>
          <dd>
            {item.fees.length === 0 ? (
              t('procedure.noFee')
            ) : (
              <ul className="plain">
                {item.fees.map((fee, i) => (
                  <li key={i}>
                    {fee.amount === 0 ? t('procedure.free') : formatMoney(fee.amount, lang)} — {fee.description}
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </div>
      </dl>
      <h4>{t('procedure.whatToBring')}</h4>
      {item.components.length === 0 ? <p>{t('procedure.noComponents')}</p> : null}
      <ol className="components">
        {item.components.map((c) => (
          <li key={c.code}>
            <span>{c.name}</span>
            <span className="meta">
              {' '}
              {t('procedure.copies', { originals: c.originals, copies: c.copies })}
              {c.mandatory ? '' : ` · ${t('procedure.optional')}`}
            </span>
            {c.formTemplate ? (
              <>
                {' · '}
                <a href={c.formTemplate.url} rel="noopener noreferrer">
                  {t('procedure.form', { name: c.formTemplate.name })}
                </a>
              </>
            ) : null}
          </li>
        ))}
      </ol>
      {procedure.onlineLevel !== 'offline' ? (
        <p>
          <Link className="button button-primary" href={`/thu-tuc/${procedure.code}/nop-truc-tuyen?truong-hop=${item.code}`}>
            {t('procedure.fileOnline')}
          </Link>
        </p>
      ) : null}
    </section>
  );
}

export function ProcedurePage() {
  const { t } = useI18n();
  const { code = '' } = useParams<{ code: string }>();
  const procedure = useLoad(() => unwrap(api.GET('/api/v1/procedures/{code}', { params: { path: { code }, query: {} } })), [code]);
  const p = procedure.data;
  const desks = useLoad(() => (p ? loadDesks(p) : Promise.resolve([])), [p?.id]);

  if (procedure.error) return <ErrorMessage error={procedure.error} />;
  if (!p) return <Loading />;
  return (
    <>
      <p className="breadcrumb">
        <Link href="/">{t('nav.procedures')}</Link> › {p.field.name}
      </p>
      <PageTitle title={p.name}>{p.name}</PageTitle>
      <p className="meta">
        <span>{t('procedure.code', { code: p.code })}</span>
        <span>{p.field.name}</span>
        <span>{p.levels.map((l) => levelLabel(t, l)).join(', ')}</span>
      </p>
      <p className={`online-note badge-${p.onlineLevel}`}>
        <strong>{onlineLabel(t, p.onlineLevel)}.</strong> {p.onlineLevel === 'full_online' ? t('procedure.fullOnlineExplained') : p.onlineLevel === 'partly_online' ? t('procedure.partlyOnlineExplained') : t('procedure.offlineExplained')}
      </p>
      <section aria-labelledby="where-heading">
        <h2 id="where-heading">{t('procedure.where')}</h2>
        {desks.data && desks.data.length > 0 ? (
          <ul>
            {desks.data.map((d) => (
              <li key={d.id}>
                {d.name}
                {d.address ? <span className="meta"> — {d.address}</span> : null}
              </li>
            ))}
          </ul>
        ) : null}
        {p.implementingUnitsText ? <p>{p.implementingUnitsText}</p> : null}
        {p.targetApplicants ? (
          <p>
            <strong>{t('procedure.forWhom')}:</strong> {p.targetApplicants}
          </p>
        ) : null}
      </section>
      <section aria-labelledby="cases-heading">
        <h2 id="cases-heading">{p.cases.length > 1 ? t('procedure.cases') : t('procedure.caseOne')}</h2>
        {p.cases.map((c) => (
          <CaseSection key={c.code} procedure={p} item={c} />
        ))}
      </section>
      {p.results.length > 0 ? (
        <section aria-labelledby="results-heading">
          <h2 id="results-heading">{t('procedure.results')}</h2>
          <ul>
            {p.results.map((r, i) => (
              <li key={i}>{r.name}</li>
            ))}
          </ul>
        </section>
      ) : null}
      {p.requirements ? (
        <section aria-labelledby="req-heading">
          <h2 id="req-heading">{t('procedure.requirements')}</h2>
          <p className="pre">{p.requirements}</p>
        </section>
      ) : null}
      {p.steps ? (
        <details>
          <summary>{t('procedure.steps')}</summary>
          <p className="pre">{p.steps}</p>
        </details>
      ) : null}
      {p.legalBasis.length > 0 ? (
        <details>
          <summary>{t('procedure.legalBasis')}</summary>
          <ul>
            {p.legalBasis.map((b, i) => (
              <li key={i}>
                {b.number} — {b.title}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </>
  );
}
