// A bar chart of on-time rates that is also a table: screen readers and keyboards get the numbers, eyes get
// bars (CSS widths, no chart library: the console stays light). Colour is never the only cue — each bar
// carries its value as text.
import { formatNumber, useI18n } from '../i18n/i18n';

export interface RateRow {
  readonly key: string;
  readonly label: string;
  /** Percent, or null when nothing was processed. */
  readonly rate: number | null;
  readonly count: number;
}

export function RateBars({ caption, rows }: { caption: string; rows: readonly RateRow[] }) {
  const { t, lang } = useI18n();
  if (rows.length === 0) return <p className="muted">{t('reports.noData')}</p>;
  const format = (n: number) => formatNumber(n, lang, 2);
  return (
    <div className="table-wrap" role="region" aria-label={caption} tabIndex={0}>
      <table className="rate-bars">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('reports.chartWhat')}</th>
            <th scope="col">{t('reports.chartRate')}</th>
            <th scope="col">{t('reports.chartProcessed')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.label}</th>
              <td>
                <div className="bar-track">
                  {row.rate !== null ? <div className={`bar ${row.rate >= 95 ? 'bar-good' : row.rate >= 80 ? 'bar-fair' : 'bar-poor'}`} style={{ width: `${Math.max(0, Math.min(100, row.rate))}%` }} /> : null}
                  <span className="bar-value">{row.rate !== null ? `${format(row.rate)} %` : '—'}</span>
                </div>
              </td>
              <td className="number">{format(row.count)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
