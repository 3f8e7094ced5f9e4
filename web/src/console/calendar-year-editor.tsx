// A year's list of days off, recorded by an administrator (the national calendar: system administrators)
// when the Ministry announces it: every weekday off and every make-up working Saturday with its reason, the
// announcements it follows, official or provisional. Each save is a new version; earlier ones are kept, and
// due dates already computed keep theirs.
import { useState, type FormEvent } from 'react';
import { api, unwrap, type ApiError } from '../api/client';
import { formatDate, formatDateTime, legalDateOf, useI18n } from '../i18n/i18n';
import { ErrorMessage, Loading, SelectField, TextField } from '../shell/parts';
import { useLoad } from '../shell/use-load';

const KINDS = ['holiday', 'compensatory_day_off', 'swapped_day_off', 'make_up_working_day'] as const;
type Kind = (typeof KINDS)[number];
interface Row {
  date: string;
  kind: Kind;
  vi: string;
  en: string;
}

export function CalendarYearEditor({ calendarId, year, onSaved }: { calendarId: string; year: number; onSaved: () => void }) {
  const { t } = useI18n();
  const list = useLoad(() => unwrap(api.GET('/api/v1/calendar/{id}/years/{year}', { params: { path: { id: calendarId, year } } })), [calendarId, year]);
  const versions = useLoad(() => unwrap(api.GET('/api/v1/calendar/{id}/years/{year}/versions', { params: { path: { id: calendarId, year } } })), [calendarId, year]);
  const [edit, setEdit] = useState<{ rows: Row[]; status: 'official' | 'provisional'; sources: string; note: string } | null>(null);
  const [error, setError] = useState<ApiError | undefined>();
  const [invalid, setInvalid] = useState<string | undefined>();
  const [notice, setNotice] = useState<string | null>(null);

  const start = () => {
    const l = list.data!;
    setEdit({ rows: l.entries.map((e) => ({ date: formatDate(e.date), kind: e.kind as Kind, vi: e.name.vi, en: e.name.en })), status: l.status, sources: l.sources.join('\n'), note: l.note ?? '' });
    setNotice(null);
  };
  const setRow = (i: number, change: Partial<Row>) => edit && setEdit({ ...edit, rows: edit.rows.map((r, j) => (j === i ? { ...r, ...change } : r)) });
  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!edit) return;
    const entries = edit.rows.map((r) => ({ date: legalDateOf(r.date), kind: r.kind, name: { vi: r.vi.trim(), en: r.en.trim() || r.vi.trim() } }));
    const bad = entries.findIndex((e) => e.date === null || !e.date.startsWith(`${year}-`));
    if (bad >= 0) return setInvalid(t('calendarAdmin.badDate', { n: bad + 1, year }));
    setInvalid(undefined);
    setError(undefined);
    try {
      const saved = await unwrap(
        api.PUT('/api/v1/calendar/{id}/years/{year}', {
          params: { path: { id: calendarId, year } },
          body: { status: edit.status, entries: entries.map((e) => ({ ...e, date: e.date! })), sources: edit.sources.split('\n').map((s) => s.trim()).filter(Boolean), note: edit.note.trim() || null },
        }),
      );
      setEdit(null);
      setNotice(t('calendarAdmin.saved', { version: saved.version ?? '' }));
      list.reload();
      versions.reload();
      onSaved();
    } catch (e) {
      setError(e as ApiError);
    }
  };

  return (
    <section className="panel">
      <h2>{t('calendarAdmin.heading', { year })}</h2>
      {notice ? (
        <p className="alert alert-success" role="status">
          {notice}
        </p>
      ) : null}
      <ErrorMessage error={list.error} />
      {list.data ? (
        <p>
          {list.data.version === null ? t('calendarAdmin.proposed') : t('calendarAdmin.recorded', { version: list.data.version, at: formatDateTime(list.data.recordedAt) })}
          {versions.data && versions.data.items.length > 1 ? ` ${t('calendarAdmin.versions', { n: versions.data.items.length })}` : ''}
        </p>
      ) : (
        <Loading />
      )}
      {!edit && list.data ? (
        <button type="button" onClick={start}>
          {t('calendarAdmin.edit', { year })}
        </button>
      ) : null}
      {edit ? (
        <form aria-label={t('calendarAdmin.edit', { year })} onSubmit={(e) => void save(e)}>
          <ErrorMessage error={error} />
          {invalid ? (
            <p className="alert alert-error" role="alert">
              {invalid}
            </p>
          ) : null}
          <SelectField label={t('calendarAdmin.status')} value={edit.status} onChange={(e) => setEdit({ ...edit, status: e.target.value as 'official' | 'provisional' })}>
            <option value="official">{t('calendarAdmin.official')}</option>
            <option value="provisional">{t('calendarAdmin.provisionalStatus')}</option>
          </SelectField>
          {edit.rows.map((row, i) => (
            <fieldset key={i}>
              <legend>{t('calendarAdmin.day', { n: i + 1 })}</legend>
              <div className="role-row day-row">
                <TextField label={t('calendar.date')} labelSuffix={String(i + 1)} hint="dd/mm/yyyy" inputMode="numeric" value={row.date} onChange={(e) => setRow(i, { date: e.target.value })} />
                <SelectField label={t('calendar.kind')} labelSuffix={String(i + 1)} value={row.kind} onChange={(e) => setRow(i, { kind: e.target.value as Kind })}>
                  {KINDS.map((k) => (
                    <option key={k} value={k}>
                      {t(`calendarAdmin.kind.${k}`)}
                    </option>
                  ))}
                </SelectField>
                <button type="button" className="button-danger" onClick={() => setEdit({ ...edit, rows: edit.rows.filter((_, j) => j !== i) })}>
                  {t('calendarAdmin.remove', { n: i + 1 })}
                </button>
              </div>
              <TextField label={t('calendarAdmin.reasonVi')} labelSuffix={String(i + 1)} value={row.vi} required onChange={(e) => setRow(i, { vi: e.target.value })} />
              <TextField label={t('calendarAdmin.reasonEn')} labelSuffix={String(i + 1)} value={row.en} onChange={(e) => setRow(i, { en: e.target.value })} />
            </fieldset>
          ))}
          <button type="button" onClick={() => setEdit({ ...edit, rows: [...edit.rows, { date: '', kind: 'holiday', vi: '', en: '' }] })}>
            {t('calendarAdmin.add')}
          </button>
          <div className="field">
            <label htmlFor="calendar-sources">{t('calendarAdmin.sources')}</label>
            <textarea id="calendar-sources" rows={3} value={edit.sources} onChange={(e) => setEdit({ ...edit, sources: e.target.value })} />
          </div>
          <TextField label={t('calendarAdmin.note')} value={edit.note} onChange={(e) => setEdit({ ...edit, note: e.target.value })} />
          <div className="actions">
            <button type="submit" className="button-primary">
              {t('calendarAdmin.save')}
            </button>
            <button type="button" onClick={() => setEdit(null)}>
              {t('staff.cancel')}
            </button>
          </div>
        </form>
      ) : null}
    </section>
  );
}
