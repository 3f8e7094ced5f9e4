// Process definitions (quy trình nội bộ) of a procedure case, for the province's administrators: the
// version in force with its steps, every version, a new draft made from a published version, the draft
// edited, checked against the legal limit and published. The procedure and case are in the address
// (?thu-tuc=1.001193&truong-hop=TH1), so the catalogue pages can link here.
import { useState } from 'react';
import { useLocation, useSearch } from 'wouter';
import { api, unwrap, type ApiError } from '../../api/client';
import { formatDate, useI18n } from '../../i18n/i18n';
import { ErrorMessage, Loading, PageTitle, SelectField } from '../../shell/parts';
import { useLoad } from '../../shell/use-load';
import type { Definition } from './process-body-edits';
import { ProcedureFinder } from '../procedure-finder';
import { ProcessDefinitionView } from './process-definition-view';
import { ProcessDraftEditor, publishedMessage } from './process-draft-editor';

function CaseDefinitions({ code, caseCode }: { code: string; caseCode: string }) {
  const { t } = useI18n();
  const versions = useLoad(() => unwrap(api.GET('/api/v1/process-definitions/versions', { params: { query: { procedureCode: code, caseCode } } })), [code, caseCode]);
  const inForce = useLoad(() => unwrap(api.GET('/api/v1/process-definitions/in-force', { params: { query: { procedureCode: code, caseCode } } })).catch(() => null), [code, caseCode]);
  const units = useLoad(() => unwrap(api.GET('/api/v1/units', { params: { query: { limit: 500, offset: 0 } } })), []);
  const [chosen, setChosen] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | undefined>();
  const unitChoices = (units.data?.items ?? []).map((u) => ({ code: u.code, name: u.name })).sort((a, b) => a.name.localeCompare(b.name, 'vi'));
  const unitName = (c: string) => unitChoices.find((u) => u.code === c)?.name;
  if (!versions.data) return versions.error ? <ErrorMessage error={versions.error} /> : <Loading />;
  const items = [...versions.data.items].sort((a, b) => b.version - a.version);
  const draft = items.find((d) => d.status === 'draft');
  const shown: Definition | undefined = items.find((d) => d.id === chosen) ?? draft ?? inForce.data ?? items[0];
  const reload = (select: string | null, message: string | null) => (setChosen(select), setNotice(message), versions.reload(), inForce.reload());

  const startDraft = async (from: Definition) => {
    setError(undefined);
    try {
      const created = await unwrap(api.POST('/api/v1/process-definitions', { body: { procedureCode: code, caseCode, name: from.name, body: from.body } }));
      reload(created.id, null);
    } catch (e) {
      setError(e as ApiError);
    }
  };

  return (
    <>
      {notice ? (
        <p className="alert alert-success" role="status">
          {notice}
        </p>
      ) : null}
      <ErrorMessage error={error} />
      <p>{inForce.data ? t('processAdmin.inForce', { version: inForce.data.version, date: formatDate(inForce.data.effectiveFrom) }) : t('processAdmin.noneInForce')}</p>
      <div className="table-wrap" role="region" aria-label={t('processAdmin.versionsLabel')} tabIndex={0}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('processAdmin.version')}</th>
              <th scope="col">{t('processAdmin.status')}</th>
              <th scope="col">{t('processAdmin.period')}</th>
              <th scope="col">{t('processAdmin.total')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('staff.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((d) => (
              <tr key={d.id} aria-current={d.id === shown?.id ? 'true' : undefined}>
                <th scope="row">{d.version}</th>
                <td>{t(d.status === 'draft' ? 'processAdmin.statusDraft' : d.id === inForce.data?.id ? 'processAdmin.statusInForce' : 'processAdmin.statusPublished')}</td>
                <td className="nowrap">{d.effectiveFrom ? `${formatDate(d.effectiveFrom)} – ${d.effectiveTo ? formatDate(d.effectiveTo) : '…'}` : '—'}</td>
                <td className="nowrap">{t('processAdmin.hours', { hours: d.totalHours })}</td>
                <td>
                  <button type="button" disabled={d.id === shown?.id} onClick={() => (setChosen(d.id), setNotice(null))}>
                    {t('processAdmin.show', { version: d.version })}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {shown && shown.status === 'draft' ? (
        <ProcessDraftEditor key={shown.id} draft={shown} units={unitChoices} onSaved={() => versions.reload()} onPublished={(d) => reload(d.id, publishedMessage(t, d))} onDeleted={() => reload(null, t('processAdmin.draftDeleted'))} />
      ) : null}
      {shown && shown.status === 'published' ? (
        <section className="panel" aria-labelledby="process-version-heading">
          <h2 id="process-version-heading">{t('processAdmin.versionHeading', { version: shown.version })}</h2>
          <p className="alert alert-warning">{t('processAdmin.immutable')}</p>
          <p>{t('processAdmin.hoursTotal', { hours: shown.totalHours })}</p>
          <ProcessDefinitionView body={shown.body} unitName={unitName} />
          {!draft ? (
            <div className="actions">
              <button type="button" className="button-primary" onClick={() => void startDraft(shown)}>
                {t('processAdmin.newDraft', { version: shown.version })}
              </button>
            </div>
          ) : null}
        </section>
      ) : null}
    </>
  );
}

export function ProcessDefinitionsPage() {
  const { t } = useI18n();
  const [location, navigate] = useLocation();
  const params = new URLSearchParams(useSearch());
  const code = params.get('thu-tuc') ?? '';
  const procedure = useLoad(() => (code ? unwrap(api.GET('/api/v1/procedures/{code}', { params: { path: { code }, query: {} } })) : Promise.resolve(null)), [code]);
  const cases = procedure.data?.cases ?? [];
  const caseCode = params.get('truong-hop') ?? cases[0]?.code ?? '';
  const go = (next: { code: string; caseCode?: string }) => navigate(`${location}?thu-tuc=${encodeURIComponent(next.code)}${next.caseCode ? `&truong-hop=${encodeURIComponent(next.caseCode)}` : ''}`);

  return (
    <>
      <PageTitle title={t('processAdmin.title')}>{t('processAdmin.title')}</PageTitle>
      <p className="muted">{t('processAdmin.lead')}</p>
      <h2>{t('processAdmin.findHeading')}</h2>
      <ProcedureFinder label={t('processAdmin.findHeading')} actionLabel={(code) => t('processAdmin.choose', { code })} onChoose={(c) => go({ code: c })} closeOnChoose />
      <ErrorMessage error={procedure.error} />
      {procedure.data ? (
        <section aria-labelledby="process-procedure-heading">
          <h2 id="process-procedure-heading">
            {procedure.data.code} — {procedure.data.name}
          </h2>
          <SelectField label={t('processAdmin.case')} value={caseCode} onChange={(e) => go({ code, caseCode: e.target.value })}>
            {cases.map((c) => (
              <option key={c.code} value={c.code}>
                {c.code}: {c.name} ({c.timeLimit.amount} {t(`timeUnit.${c.timeLimit.unit}`)})
              </option>
            ))}
          </SelectField>
          {caseCode ? <CaseDefinitions key={`${code}/${caseCode}`} code={code} caseCode={caseCode} /> : null}
        </section>
      ) : null}
    </>
  );
}
