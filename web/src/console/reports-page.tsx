// Reports (báo cáo) for leaders, supervisors and administrators: form II.06a of a unit and everything below it
// over a period, each number opening the dossiers behind it; export in the official Excel layout or CSV; the
// on-time rate per receiving unit and per month. Every figure comes from the server (the same counters as the
// forms), the page only lays it out.
import { useState } from 'react';
import { api, unwrap } from '../api/client';
import { formatNumber, useI18n, type Translate } from '../i18n/i18n';
import { ErrorMessage, Loading, PageTitle } from '../shell/parts';
import { useLoad } from '../shell/use-load';
import { ReportDrill, type Drill } from './report-drill';
import { RateBars } from './report-charts';
import { useSession } from './session';

const REPORTING_ROLES = ['leader', 'supervisor', 'administrator'];
const GROUPINGS = ['field', 'procedure', 'unit', 'channel'] as const;
type Grouping = (typeof GROUPINGS)[number];
const PARTS = ['', 'Q1', 'Q2', 'Q3', 'Q4', '6M', '9M', '01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'] as const;

function partLabel(t: Translate, part: (typeof PARTS)[number]): string {
  if (part === '') return t('reports.wholeYear');
  if (part.startsWith('Q')) return t('reports.quarter', { n: part.slice(1) });
  if (part === '6M' || part === '9M') return t('reports.firstMonths', { n: part.slice(0, 1) });
  return t('reports.month', { n: String(Number(part)) });
}

function groupingLabel(t: Translate, grouping: Grouping): string {
  return t(`reports.by.${grouping}`);
}

/** The form's first header row: consecutive columns under the same heading share one cell, as on paper. */
function headerGroups(columns: ReadonlyArray<{ key: string; headers: string[] }>): Array<{ first: string; title: string; span: number }> {
  const groups: Array<{ first: string; title: string; span: number }> = [];
  for (const c of columns) {
    const title = c.headers[0] ?? '';
    const last = groups[groups.length - 1];
    if (last && last.title === title) last.span++;
    else groups.push({ first: c.key, title, span: 1 });
  }
  return groups;
}

export function ReportsPage() {
  const { t, lang } = useI18n();
  const { me } = useSession();
  const thisYear = new Date().getFullYear();
  const unitIds = [...new Set(me.roles.filter((r) => REPORTING_ROLES.includes(r.role)).map((r) => r.unitId))];
  const roots = useLoad(() => (me.isSystemAdmin && unitIds.length === 0 ? unwrap(api.GET('/api/v1/units', { params: { query: { type: 'province', limit: 50, offset: 0 } } })).then((page) => page.items.map((u) => u.id)) : Promise.resolve(unitIds)), [me.id]);
  const choices = roots.data ?? [];
  const units = useLoad(() => Promise.all(choices.map((id) => unwrap(api.GET('/api/v1/units/{id}', { params: { path: { id }, query: {} } })))), [choices.join()]);
  const [unitId, setUnitId] = useState<string>('');
  const [year, setYear] = useState(thisYear);
  const [part, setPart] = useState<(typeof PARTS)[number]>('');
  const [groupBy, setGroupBy] = useState<Grouping>('field');
  const [drill, setDrill] = useState<Drill | null>(null);
  const unit = unitId || choices[0] || '';
  const period = part ? `${year}-${part}` : String(year);
  const query = { unitId: unit, period, groupBy };

  const form = useLoad(() => (unit ? unwrap(api.GET('/api/v1/reports/forms/{form}', { params: { path: { form: 'ii06a' }, query } })) : Promise.resolve(null)), [unit, period, groupBy, lang]);
  const ranking = useLoad(() => (unit ? unwrap(api.GET('/api/v1/reports/ranking', { params: { query: { unitId: unit, period, groupBy: 'unit' } } })) : Promise.resolve(null)), [unit, period]);
  const monthly = useLoad(() => (unit ? unwrap(api.GET('/api/v1/reports/monthly', { params: { query: { unitId: unit, period: String(year) } } })) : Promise.resolve(null)), [unit, year]);

  const exportUrl = (format: 'xlsx' | 'csv') => `/api/v1/reports/forms/ii06a?${new URLSearchParams({ ...query, format }).toString()}`;
  const f = form.data;

  return (
    <>
      <PageTitle title={t('reports.title')}>{t('reports.title')}</PageTitle>
      {roots.data && choices.length === 0 ? <p className="alert alert-warning">{t('reports.noUnit')}</p> : null}
      <form className="report-filters" aria-label={t('reports.filters')} onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="report-unit">{t('reports.unit')}</label>
          <select id="report-unit" value={unit} onChange={(e) => (setUnitId(e.target.value), setDrill(null))}>
            {(units.data ?? []).map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="report-year">{t('reports.year')}</label>
          <select id="report-year" value={year} onChange={(e) => (setYear(Number(e.target.value)), setDrill(null))}>
            {[thisYear, thisYear - 1, thisYear - 2].map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="report-part">{t('reports.period')}</label>
          <select id="report-part" value={part} onChange={(e) => (setPart(e.target.value as (typeof PARTS)[number]), setDrill(null))}>
            {PARTS.map((p) => (
              <option key={p} value={p}>
                {partLabel(t, p)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="report-group">{t('reports.rowsBy')}</label>
          <select id="report-group" value={groupBy} onChange={(e) => (setGroupBy(e.target.value as Grouping), setDrill(null))}>
            {GROUPINGS.map((g) => (
              <option key={g} value={g}>
                {groupingLabel(t, g)}
              </option>
            ))}
          </select>
        </div>
      </form>

      <ErrorMessage error={form.error} />
      {form.loading && !f ? <Loading /> : null}
      {f ? (
        <section>
          <h2 id="form-heading">
            {t('reports.formHeading', { number: f.formNumber })}
          </h2>
          <p className="muted">{t('reports.formLead')}</p>
          <div className="actions">
            <a className="button button-primary" href={exportUrl('xlsx')} download>
              {t('reports.exportExcel')}
            </a>
            <a className="button" href={exportUrl('csv')} download>
              {t('reports.exportCsv')}
            </a>
          </div>
          <div className="table-wrap" role="region" aria-label={t('reports.formHeading', { number: f.formNumber })} tabIndex={0}>
            <table className="report-table">
              <thead>
                <tr>
                  <th scope="col" rowSpan={2}>
                    {t('reports.rowNumber')}
                    <span className="column-number">(1)</span>
                  </th>
                  <th scope="col" rowSpan={2}>
                    {groupingLabel(t, groupBy)}
                    <span className="column-number">(2)</span>
                  </th>
                  {headerGroups(f.columns).map((g) => (
                    <th key={g.first} scope="colgroup" colSpan={g.span}>
                      {g.title}
                    </th>
                  ))}
                </tr>
                <tr>
                  {f.columns.map((c) => (
                    <th key={c.key} scope="col">
                      {c.headers.slice(1).join(' — ') || c.headers[0]}
                      <span className="column-number">({c.number})</span>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {[...f.rows.map((r) => ({ ...r, isTotal: false })), { number: 0, key: '', name: f.total.name, values: f.total.values, isTotal: true }].map((row) => (
                  <tr key={row.isTotal ? 'total' : row.key} className={row.isTotal ? 'total-row' : undefined}>
                    <td>{row.isTotal ? '' : row.number}</td>
                    <th scope="row">{row.name}</th>
                    {f.columns.map((c, i) => {
                      const value = row.values[i] ?? 0;
                      const text = formatNumber(value, lang);
                      return (
                        <td key={c.key} className="number">
                          {c.figure && value > 0 ? (
                            <button type="button" className="button-link" aria-label={t('reports.openNumber', { n: text, column: c.headers.join(' — '), row: row.name })} onClick={() => setDrill({ figure: c.figure!, group: row.isTotal ? null : row.key, title: `${c.headers.join(' — ')} · ${row.name}`, expected: value })}>
                              {text}
                            </button>
                          ) : (
                            text
                          )}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}

      {drill ? <ReportDrill drill={drill} query={query} onClose={() => setDrill(null)} /> : null}

      <section>
        <h2 id="by-unit-heading">{t('reports.byUnitHeading')}</h2>
        <ErrorMessage error={ranking.error} />
        {ranking.data ? <RateBars caption={t('reports.byUnitHeading')} rows={ranking.data.items.map((i) => ({ key: i.key, label: i.label[lang], rate: i.figures.onTimeRate, count: i.figures.processed }))} /> : <Loading />}
      </section>
      <section>
        <h2 id="by-month-heading">{t('reports.byMonthHeading', { year })}</h2>
        <ErrorMessage error={monthly.error} />
        {monthly.data ? <RateBars caption={t('reports.byMonthHeading', { year })} rows={monthly.data.items.map((i) => ({ key: i.month, label: `${i.month.slice(5)}/${i.month.slice(0, 4)}`, rate: i.figures.onTimeRate, count: i.figures.processed }))} /> : <Loading />}
      </section>
    </>
  );
}
