// Home: search the catalogue (the API ignores case and diacritics: "dang ky khai sinh" finds "Đăng ký
// khai sinh"), browse by field and level. The query lives in the address, so results can be shared.
import { useState, type FormEvent } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { api, unwrap } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { ErrorMessage, Loading, PageTitle, SelectField } from '../shell/parts';
import { useLoad } from '../shell/use-load';
import { levelLabel, onlineLabel, timeLimitLabel } from './labels';

const LEVELS = ['commune', 'province'] as const;
const PAGE_SIZE = 20;

export function HomePage() {
  const { t } = useI18n();
  const params = new URLSearchParams(useSearch());
  const [, navigate] = useLocation();
  const q = params.get('q') ?? '';
  const level = params.get('cap') ?? '';
  const field = params.get('linh-vuc') ?? '';
  const page = Math.max(1, Number.parseInt(params.get('trang') ?? '1', 10) || 1);
  const [text, setText] = useState(q);

  const fields = useLoad(() => unwrap(api.GET('/api/v1/procedures/fields', {})), []);
  const results = useLoad(
    () =>
      unwrap(
        api.GET('/api/v1/procedures', {
          params: { query: { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE, ...(q ? { q } : {}), ...(level === 'commune' || level === 'province' ? { level } : {}), ...(field ? { fieldCode: field } : {}) } },
        }),
      ),
    [q, level, field, page],
  );

  const go = (next: Record<string, string>) => {
    // A new search or filter starts again at the first page.
    const merged = new URLSearchParams({ q, cap: level, 'linh-vuc': field, trang: '', ...next });
    for (const [key, value] of [...merged]) if (!value) merged.delete(key);
    const search = merged.toString();
    navigate(search ? `/?${search}` : '/');
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    go({ q: text.trim() });
  };

  return (
    <>
      <PageTitle title={t('home.title')}>{t('home.title')}</PageTitle>
      <p className="lead">{t('home.lead')}</p>
      <form role="search" className="search-form" onSubmit={submit} aria-label={t('home.title')}>
        <label htmlFor="procedure-search">{t('home.searchLabel')}</label>
        <div className="search-row">
          <input id="procedure-search" type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder={t('home.searchPlaceholder')} autoComplete="off" />
          <button type="submit" className="button-primary">
            {t('home.searchButton')}
          </button>
        </div>
      </form>
      <div className="filters">
        <SelectField label={t('home.level')} value={level} onChange={(e) => go({ cap: e.target.value })}>
          <option value="">{t('home.allLevels')}</option>
          {LEVELS.map((l) => (
            <option key={l} value={l}>
              {levelLabel(t, l)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('home.field')} value={field} onChange={(e) => go({ 'linh-vuc': e.target.value })}>
          <option value="">{t('home.allFields')}</option>
          {(fields.data?.items ?? []).map((f) => (
            <option key={f.code} value={f.code}>
              {f.name} ({f.count})
            </option>
          ))}
        </SelectField>
      </div>
      <section aria-labelledby="results-heading">
        <h2 id="results-heading">{results.data ? t('home.results', { n: results.data.total }) : t('home.resultsHeading')}</h2>
        <ErrorMessage error={results.error} />
        {results.loading && !results.data ? <Loading /> : null}
        {results.data && results.data.items.length === 0 ? <p>{t('home.noResults')}</p> : null}
        <ul className="card-list" aria-busy={results.loading}>
          {(results.data?.items ?? []).map((p) => (
            <li key={p.id} className="card">
              <h3>
                <Link href={`/thu-tuc/${p.code}`}>{p.name}</Link>
              </h3>
              <p className="meta">
                <span>{t('procedure.code', { code: p.code })}</span>
                <span>{p.field.name}</span>
                <span>{p.levels.map((l) => levelLabel(t, l)).join(', ')}</span>
                <span className={`badge badge-${p.onlineLevel}`}>{onlineLabel(t, p.onlineLevel)}</span>
              </p>
              {p.cases.length > 0 ? (
                <p className="meta">
                  {t('procedure.timeLimit')}: {[...new Set(p.cases.map((c) => timeLimitLabel(t, c.timeLimit, c.noAppointmentDate)))].join(' / ')}
                </p>
              ) : null}
            </li>
          ))}
        </ul>
        {results.data && results.data.total > PAGE_SIZE ? (
          <nav aria-label={t('home.pages')} className="pager">
            {page > 1 ? (
              <button type="button" onClick={() => go({ trang: String(page - 1) })}>
                ← {t('home.previous')}
              </button>
            ) : null}
            <span>{t('home.pageOf', { page, pages: Math.ceil(results.data.total / PAGE_SIZE) })}</span>
            {page * PAGE_SIZE < results.data.total ? (
              <button type="button" onClick={() => go({ trang: String(page + 1) })}>
                {t('home.next')} →
              </button>
            ) : null}
          </nav>
        ) : null}
      </section>
    </>
  );
}
