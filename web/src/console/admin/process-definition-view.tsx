// A process definition read-only: each stage with its branches (parallel ones marked, the lead named) and
// each step's unit, acting role and time allotment.
import { useI18n, type Translate } from '../../i18n/i18n';
import type { Body, Step } from './process-body-edits';

export function stepUnitLabel(t: Translate, unit: Step['unit'], unitName: (code: string) => string | undefined): string {
  if (unit.kind === 'unit') return `${unitName(unit.unitCode) ?? unit.unitCode} (${unit.unitCode})`;
  return t(`processAdmin.unit.${unit.kind}`);
}

export function ProcessDefinitionView({ body, unitName }: { body: Body; unitName: (code: string) => string | undefined }) {
  const { t, lang } = useI18n();
  return (
    <>
      {body.stages.map((stage, si) => (
        <section key={stage.key} className="process-stage" aria-labelledby={`stage-${stage.key}`}>
          <h3 id={`stage-${stage.key}`}>{t('processAdmin.stageN', { n: si + 1, name: stage.name[lang] })}</h3>
          {stage.branches.length > 1 ? <p className="muted">{t('processAdmin.parallel', { n: stage.branches.length })}</p> : null}
          {stage.branches.map((branch) => (
            <div key={branch.key} className="table-wrap" role="region" tabIndex={0} aria-label={t('processAdmin.branchLabel', { stage: si + 1, name: branch.name[lang] })}>
              <table>
                {stage.branches.length > 1 ? (
                  <caption>
                    {branch.name[lang]}
                    {branch.lead ? ` — ${t('processAdmin.leadAgency')}` : ''}
                  </caption>
                ) : null}
                <thead>
                  <tr>
                    <th scope="col">{t('processAdmin.step')}</th>
                    <th scope="col">{t('processAdmin.unitCol')}</th>
                    <th scope="col">{t('processAdmin.role')}</th>
                    <th scope="col">{t('processAdmin.allotment')}</th>
                  </tr>
                </thead>
                <tbody>
                  {branch.steps.map((step) => (
                    <tr key={step.key}>
                      <th scope="row">
                        {step.name[lang]}
                        <span className="unit-meta">{t(`processAdmin.kind.${step.kind}`)}</span>
                      </th>
                      <td>{stepUnitLabel(t, step.unit, unitName)}</td>
                      <td>{t(`role.${step.role}`)}</td>
                      <td className="nowrap">
                        {step.allotment.amount} {t(`timeUnit.${step.allotment.unit}`)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ))}
        </section>
      ))}
    </>
  );
}
