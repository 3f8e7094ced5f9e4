// Finding a procedure by name or code (diacritics optional) and acting on one: the catalogue administrators'
// "new draft from…" and the process-definition page's "choose". The list closes once one is chosen, if asked.
import { useState } from 'react';
import { api, unwrap } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { ErrorMessage, TextField } from '../shell/parts';
import { useLoad } from '../shell/use-load';

export function ProcedureFinder({ label, actionLabel, onChoose, closeOnChoose = false }: { label: string; actionLabel: (code: string) => string; onChoose: (code: string) => void; closeOnChoose?: boolean }) {
  const { t } = useI18n();
  const [query, setQuery] = useState('');
  const [search, setSearch] = useState('');
  const found = useLoad(() => (search ? unwrap(api.GET('/api/v1/procedures', { params: { query: { q: search, limit: 10, offset: 0 } } })) : Promise.resolve(null)), [search]);
  return (
    <>
      <form className="find-by-code" role="search" aria-label={label} onSubmit={(e) => (e.preventDefault(), setSearch(query.trim()))}>
        <TextField label={t('catalogAdmin.search')} value={query} onChange={(e) => setQuery(e.target.value)} />
        <button type="submit">{t('home.searchButton')}</button>
      </form>
      <ErrorMessage error={found.error} />
      {found.data ? (
        <ul className="plain-list">
          {found.data.items.map((p) => (
            <li key={p.code} className="list-row">
              <span>
                {p.code} — {p.name}
              </span>
              <button type="button" onClick={() => (closeOnChoose && setSearch(''), onChoose(p.code))}>
                {actionLabel(p.code)}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
