// The legal calendar of a year, read-only: the days that differ from an ordinary week (public holidays,
// days off in lieu, swapped days off, make-up working Saturdays), with their reasons and whether the list
// is the announced one or proposed from the Labour Code and the lunar calendar (provisional).
import { useState } from 'react';
import { api, unwrap } from '../api/client';
import { formatDate, useI18n, type Translate } from '../i18n/i18n';
import { ErrorMessage, Loading, PageTitle } from '../shell/parts';
import { useLoad } from '../shell/use-load';
import { CalendarYearEditor } from './calendar-year-editor';
import { useSession } from './session';

const WEEKDAYS = ['weekday.0', 'weekday.1', 'weekday.2', 'weekday.3', 'weekday.4', 'weekday.5', 'weekday.6'] as const;

function kindLabel(t: Translate, kind: string): string {
  switch (kind) {
    case 'holiday':
      return t('calendar.holiday');
    case 'compensatory_day_off':
      return t('calendar.compensatory');
    case 'swapped_day_off':
      return t('calendar.swapped');
    case 'make_up_working_day':
      return t('calendar.makeUp');
    default:
      return kind;
  }
}

export function CalendarPage() {
  const { t, lang } = useI18n();
  const { me } = useSession();
  const [year, setYear] = useState(() => Number(formatDate(new Date().toISOString()).slice(6)));
  const days = useLoad(() => unwrap(api.GET('/api/v1/calendar/{id}/days', { params: { path: { id: 'vn-public-servants' }, query: { from: `${year}-01-01`, to: `${year}-12-31` } } })), [year]);
  const items = days.data?.items ?? [];
  const special = items.filter((d) => d.kind !== 'weekday' && d.kind !== 'weekly_rest_day');
  const working = items.filter((d) => d.working).length;
  return (
    <>
      <PageTitle title={t('calendar.title')}>{t('calendar.title')}</PageTitle>
      <div className="actions">
        <button type="button" onClick={() => setYear(year - 1)}>
          ← {year - 1}
        </button>
        <h2 className="inline-heading" aria-live="polite">
          {t('calendar.year', { year })}
        </h2>
        <button type="button" onClick={() => setYear(year + 1)}>
          {year + 1} →
        </button>
      </div>
      <ErrorMessage error={days.error} />
      {days.loading && !days.data ? <Loading /> : null}
      {days.data ? (
        <>
          <p>{t('calendar.workingDays', { n: working })}</p>
          {special.some((d) => d.provisional) ? <p className="alert alert-warning">{t('calendar.provisional')}</p> : null}
          <div className="table-wrap" role="region" aria-label={t('calendar.year', { year })} tabIndex={0}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('calendar.date')}</th>
                  <th scope="col">{t('calendar.weekday')}</th>
                  <th scope="col">{t('calendar.kind')}</th>
                  <th scope="col">{t('calendar.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {special.map((d) => (
                  <tr key={d.date}>
                    <td>{formatDate(d.date)}</td>
                    <td>{t(WEEKDAYS[d.weekday] ?? 'weekday.0')}</td>
                    <td>
                      {kindLabel(t, d.kind)}
                      {d.provisional ? <span className="badge badge-due-soon">{t('calendar.provisionalBadge')}</span> : null}
                    </td>
                    <td>{d.name?.[lang] ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
      {me.isSystemAdmin ? <CalendarYearEditor calendarId="vn-public-servants" year={year} onSaved={() => days.reload()} /> : null}
    </>
  );
}
