// The dossiers behind one number of a report: a page of them (they add up to the number), each opening its
// dossier page, and all of them as CSV.
import { useEffect, useRef, useState } from 'react';
import { Link } from 'wouter';
import { api, unwrap } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { ErrorMessage, Loading } from '../shell/parts';
import { useLoad } from '../shell/use-load';

export interface Drill {
  readonly figure: string;
  /** The row's key; null for the total row. */
  readonly group: string | null;
  readonly title: string;
  /** The number clicked: the list must have exactly this many dossiers. */
  readonly expected: number;
}

const PAGE = 50;

export function ReportDrill({ drill, query, onClose }: { drill: Drill; query: { unitId: string; period: string; groupBy: string }; onClose: () => void }) {
  const { t, lang } = useI18n();
  const [offset, setOffset] = useState(0);
  // The total row is the report without grouping; a row is its group's key within the grouping.
  const scope = { unitId: query.unitId, period: query.period, ...(drill.group !== null ? { groupBy: query.groupBy, group: drill.group } : { groupBy: 'none' }) };
  const page = useLoad(() => unwrap(api.GET('/api/v1/reports/dossiers', { params: { query: { ...scope, groupBy: scope.groupBy as never, figure: drill.figure as never, limit: PAGE, offset } } })), [drill, offset, query.unitId, query.period, query.groupBy]);
  const csv = `/api/v1/reports/dossiers?${new URLSearchParams({ ...scope, figure: drill.figure, format: 'csv' }).toString()}`;
  const data = page.data;
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [drill]); // announce the list that just opened
  return (
    <section className="panel">
      <h2 id="drill-heading" tabIndex={-1} ref={heading}>
        {t('reports.drillHeading', { title: drill.title })}
      </h2>
      <div className="actions">
        <a className="button" href={csv} download>
          {t('reports.drillCsv')}
        </a>
        <button type="button" onClick={onClose}>
          {t('reports.drillClose')}
        </button>
      </div>
      <ErrorMessage error={page.error} />
      {page.loading && !data ? <Loading /> : null}
      {data ? (
        <>
          <p role="status">{t('reports.drillCount', { n: data.total })}</p>
          <div className="table-wrap" role="region" aria-label={t('reports.drillHeading', { title: drill.title })} tabIndex={0}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('reports.drillCode')}</th>
                  <th scope="col">{t('reports.drillProcedure')}</th>
                  <th scope="col">{t('reports.drillApplicant')}</th>
                  <th scope="col">{t('reports.drillStatus')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((d) => (
                  <tr key={d.id}>
                    <td>{d.code ? <Link href={`/ho-so/${d.id}`}>{d.code}</Link> : '—'}</td>
                    <td>{d.procedureName}</td>
                    <td>{d.applicantName}</td>
                    <td>{d.statusLabel[lang]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {data.total > PAGE ? (
            <div className="actions">
              <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
                {t('home.previous')}
              </button>
              <span>{t('home.pageOf', { page: offset / PAGE + 1, pages: Math.ceil(data.total / PAGE) })}</span>
              <button type="button" disabled={offset + PAGE >= data.total} onClick={() => setOffset(offset + PAGE)}>
                {t('home.next')}
              </button>
            </div>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
