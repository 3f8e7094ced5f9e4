// A unit's office hours (giờ làm việc): the schedules with the day each starts, and a new schedule from a day
// on (today or later: the hours of past days stay as they were, since legal deadlines were counted on them).
import { useState, type FormEvent } from 'react';
import { api, unwrap, type ApiError } from '../../api/client';
import { formatDate, legalDateOf, useI18n } from '../../i18n/i18n';
import { ErrorMessage, TextField } from '../../shell/parts';
import { useLoad } from '../../shell/use-load';
import type { Unit } from './units-admin-page';

type Session = Unit['officeHours'][number];
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

export function UnitOfficeHours({ unit, canEdit, onDone }: { unit: Unit; canEdit: boolean; onDone: (message: string) => void }) {
  const { t } = useI18n();
  const history = useLoad(() => unwrap(api.GET('/api/v1/units/{id}/office-hours', { params: { path: { id: unit.id } } })), [unit.id, unit.version]);
  const [sessions, setSessions] = useState<Session[]>(unit.officeHours);
  const [from, setFrom] = useState('');
  const [invalid, setInvalid] = useState<string | undefined>();
  const [error, setError] = useState<ApiError | undefined>();
  const set = (i: number, change: Partial<Session>) => setSessions(sessions.map((s, j) => (j === i ? { ...s, ...change } : s)));
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const officeHoursFrom = from.trim() ? legalDateOf(from) : undefined;
    if (officeHoursFrom === null) return setInvalid(t('validation.date'));
    if (sessions.some((s) => !HHMM.test(s.start) || !HHMM.test(s.end))) return setInvalid(t('unitsAdmin.hoursFormat'));
    setInvalid(undefined);
    setError(undefined);
    try {
      await unwrap(api.PATCH('/api/v1/units/{id}', { params: { path: { id: unit.id } }, body: { version: unit.version, officeHours: sessions, ...(officeHoursFrom ? { officeHoursFrom } : {}) } }));
      onDone(t('unitsAdmin.hoursSaved', { name: unit.name }));
    } catch (e) {
      setError(e as ApiError);
    }
  };
  const list = (items: readonly Session[]) => items.map((s) => `${s.start}–${s.end}`).join(', ');
  return (
    <section className="panel" aria-labelledby="unit-hours-heading">
      <h3 id="unit-hours-heading">{t('unitsAdmin.hoursHeading')}</h3>
      <ErrorMessage error={history.error} />
      <ul className="plain-list">
        {(history.data?.items ?? []).map((h) => (
          <li key={h.validFrom}>{t('unitsAdmin.hoursFrom', { date: formatDate(h.validFrom), hours: list(h.sessions) })}</li>
        ))}
      </ul>
      {canEdit ? (
        <form aria-labelledby="unit-hours-edit" onSubmit={(e) => void save(e)}>
          <h4 id="unit-hours-edit">{t('unitsAdmin.hoursNew')}</h4>
          <ErrorMessage error={error} />
          {invalid ? (
            <p className="field-error" role="alert">
              {invalid}
            </p>
          ) : null}
          {sessions.map((s, i) => (
            <div className="hours-row" key={i}>
              <TextField label={t('unitsAdmin.hoursStart')} labelSuffix={String(i + 1)} inputMode="numeric" placeholder="07:00" value={s.start} onChange={(e) => set(i, { start: e.target.value.trim() })} />
              <TextField label={t('unitsAdmin.hoursEnd')} labelSuffix={String(i + 1)} inputMode="numeric" placeholder="11:30" value={s.end} onChange={(e) => set(i, { end: e.target.value.trim() })} />
              <button type="button" className="button-danger" disabled={sessions.length === 1} onClick={() => setSessions(sessions.filter((_, j) => j !== i))}>
                {t('unitsAdmin.hoursRemove', { n: i + 1 })}
              </button>
            </div>
          ))}
          <button type="button" disabled={sessions.length >= 4} onClick={() => setSessions([...sessions, { start: '13:30', end: '17:00' }])}>
            {t('unitsAdmin.hoursAdd')}
          </button>
          <TextField label={t('unitsAdmin.hoursFromDate')} hint={t('unitsAdmin.hoursFromHint')} inputMode="numeric" value={from} onChange={(e) => setFrom(e.target.value)} />
          <div className="actions">
            <button type="submit">{t('unitsAdmin.hoursSave')}</button>
          </div>
        </form>
      ) : null}
    </section>
  );
}
