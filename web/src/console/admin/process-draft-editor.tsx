// A draft process definition edited: steps changed (unit, acting role, time allotment), added, removed and
// reordered; stages and parallel branches added; the server's check run (the allotments against the legal
// limit, and what else keeps it from publication); the draft published from a date — then it is immutable.
import { useEffect, useState, type FormEvent } from 'react';
import { api, unwrap, type ApiError, type ApiResponse } from '../../api/client';
import { formatDate, legalDateOf, translate, useI18n, type Translate } from '../../i18n/i18n';
import { ErrorMessage, SelectField, TextField } from '../../shell/parts';
import { addBranch, addStage, addStep, changeStep, moveStep, removeBranch, removeStage, removeStep, type Body, type Definition, type Step, type StepAt } from './process-body-edits';

type Check = ApiResponse<'/api/v1/process-definitions/{id}/check', 'get'>;
const KINDS = ['intake', 'process', 'decide', 'return'] as const;
const ROLES = ['desk_officer', 'specialist', 'leader'] as const;
const UNIT_KINDS = ['receiving_desk', 'applicant_commune', 'unit'] as const;
const ALLOTMENT_UNITS = ['working_hours', 'working_days'] as const;

interface UnitChoice {
  readonly code: string;
  readonly name: string;
}

function StepFields({ step, at, label, units, count, onChange, onMove, onRemove }: { step: Step; at: StepAt; label: string; units: readonly UnitChoice[]; count: number; onChange: (change: Partial<Step>) => void; onMove: (by: -1 | 1) => void; onRemove: () => void }) {
  const { t } = useI18n();
  const unitCode = step.unit.kind === 'unit' ? step.unit.unitCode : '';
  const choices = unitCode && !units.some((u) => u.code === unitCode) ? [{ code: unitCode, name: unitCode }, ...units] : units;
  return (
    <fieldset className="process-step">
      <legend>{label}</legend>
      <div className="step-grid">
        <TextField label={t('processAdmin.stepName')} required value={step.name.vi} onChange={(e) => onChange({ name: { ...step.name, vi: e.target.value } })} />
        <TextField label={t('processAdmin.stepNameEn')} lang="en" required value={step.name.en} onChange={(e) => onChange({ name: { ...step.name, en: e.target.value } })} />
        <SelectField label={t('processAdmin.kind')} value={step.kind} onChange={(e) => onChange({ kind: e.target.value as Step['kind'] })}>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`processAdmin.kind.${k}`)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('processAdmin.role')} value={step.role} onChange={(e) => onChange({ role: e.target.value as Step['role'] })}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`role.${r}`)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('processAdmin.unitKind')} value={step.unit.kind} onChange={(e) => onChange({ unit: e.target.value === 'unit' ? { kind: 'unit', unitCode: units[0]?.code ?? '' } : { kind: e.target.value as 'receiving_desk' } })}>
          {UNIT_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`processAdmin.unit.${k}`)}
            </option>
          ))}
        </SelectField>
        {step.unit.kind === 'unit' ? (
          <SelectField label={t('processAdmin.unitCol')} value={unitCode} onChange={(e) => onChange({ unit: { kind: 'unit', unitCode: e.target.value } })}>
            {choices.map((u) => (
              <option key={u.code} value={u.code}>
                {u.name} ({u.code})
              </option>
            ))}
          </SelectField>
        ) : null}
        <div className="inline-fields">
          <TextField label={t('processAdmin.allotment')} type="number" min={1} step={1} required value={String(step.allotment.amount)} onChange={(e) => onChange({ allotment: { ...step.allotment, amount: Math.round(Number(e.target.value)) } })} />
          <SelectField label={t('processAdmin.allotmentUnit')} value={step.allotment.unit} onChange={(e) => onChange({ allotment: { ...step.allotment, unit: e.target.value as Step['allotment']['unit'] } })}>
            {ALLOTMENT_UNITS.map((u) => (
              <option key={u} value={u}>
                {t(`timeUnit.${u}`)}
              </option>
            ))}
          </SelectField>
        </div>
      </div>
      <div className="actions step-actions">
        <button type="button" id={`step-${step.key}-up`} disabled={at.step === 0} onClick={() => onMove(-1)}>
          {t('processAdmin.up')}
          <span className="visually-hidden"> — {label}</span>
        </button>
        <button type="button" id={`step-${step.key}-down`} disabled={at.step === count - 1} onClick={() => onMove(1)}>
          {t('processAdmin.down')}
          <span className="visually-hidden"> — {label}</span>
        </button>
        <button type="button" className="button-danger" disabled={count === 1} onClick={onRemove}>
          {t('processAdmin.removeStep')}
          <span className="visually-hidden"> — {label}</span>
        </button>
      </div>
    </fieldset>
  );
}

type Problem = Check['problems'][number];
const PROBLEM_CODES = ['TOO_FEW_STAGES', 'BAD_KEY', 'DUPLICATE_KEY', 'NO_BRANCH', 'LEAD_BRANCH', 'NO_STEP', 'BAD_ALLOTMENT', 'INTAKE_NOT_FIRST', 'RETURN_NOT_LAST', 'DESK_STEP_ACTOR', 'DECISION_IN_PARALLEL', 'DECISION_NOT_LEADER', 'NO_UNIT_CODE', 'FIRST_STAGE_SHAPE', 'LAST_STAGE_SHAPE', 'DECISION_COUNT', 'ALLOTMENTS_EXCEED_LIMIT', 'ALLOTMENTS_MISMATCH', 'UNKNOWN_UNIT', 'UNIT_NOT_IN_FORCE'] as const;

/** Where a problem is, in the words of the form: "Bước 2.1", "Giai đoạn 3" (nothing for the whole process). */
function problemPlace(t: Translate, body: Body, path: string): string {
  const m = /^stages\.(\d+)(?:\.branches\.(\d+)(?:\.steps\.(\d+))?)?/.exec(path);
  if (!m) return '';
  const stage = Number(m[1]);
  if (m[3] === undefined) return t('processAdmin.stageOnly', { n: stage + 1 });
  const parallel = (body.stages[stage]?.branches.length ?? 1) > 1;
  return t('processAdmin.stepOnly', { n: `${stage + 1}.${parallel ? `${Number(m[2]) + 1}.` : ''}${Number(m[3]) + 1}` });
}

/** The problem in the page's language when its code is known, else the server's English message. */
function ProblemText({ problem, body }: { problem: Problem; body: Body }) {
  const { t } = useI18n();
  const place = problemPlace(t, body, problem.path);
  const known = (PROBLEM_CODES as readonly string[]).includes(problem.code);
  const params = Object.fromEntries(Object.entries(problem.params ?? {}).map(([k, v]) => [k, k === 'date' ? formatDate(String(v)) : v]));
  return (
    <>
      {place ? <strong>{place}: </strong> : null}
      {known ? t(`processProblem.${problem.code as (typeof PROBLEM_CODES)[number]}`, params) : <span lang="en">{problem.message}</span>}
    </>
  );
}

function CheckResult({ check, body }: { check: Check; body: Body }) {
  const { t } = useI18n();
  const limit = check.legalLimit;
  const matches = limit.noAppointmentDate || (limit.unit === 'calendar_days' ? check.totalHours <= limit.hours : check.totalHours === limit.hours);
  return (
    <div className={`alert ${check.problems.length === 0 ? 'alert-success' : 'alert-error'}`} role="status">
      <p className="alert-title">{t(check.problems.length === 0 ? 'processAdmin.checkOk' : 'processAdmin.checkProblems', { n: check.problems.length })}</p>
      <p>
        {t('processAdmin.sum', { hours: check.totalHours })} {t('processAdmin.limit', { amount: limit.amount, unit: t(`timeUnit.${limit.unit}`), hours: limit.hours })}{' '}
        <strong>{t(matches ? 'processAdmin.sumMatches' : 'processAdmin.sumMismatch')}</strong>
      </p>
      {check.problems.length > 0 ? (
        <ul>
          {check.problems.map((p, i) => (
            <li key={i}>
              <ProblemText problem={p} body={body} />
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export function ProcessDraftEditor({ draft, units, onSaved, onPublished, onDeleted }: { draft: Definition; units: readonly UnitChoice[]; onSaved: () => void; onPublished: (d: Definition) => void; onDeleted: () => void }) {
  const { t, lang } = useI18n();
  const [current, setCurrent] = useState(draft);
  const [body, setBody] = useState<Body>(draft.body);
  const [dirty, setDirty] = useState(false);
  const [check, setCheck] = useState<Check | null>(null);
  const [effective, setEffective] = useState('');
  const [dateError, setDateError] = useState<string | undefined>();
  const [error, setError] = useState<ApiError | undefined>();
  const [saved, setSaved] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const edit = (next: Body) => (setBody(next), setDirty(true), setCheck(null), setSaved(false));
  // A moved step keeps the keyboard focus on its button (or on the other one when it reached the end).
  const [moved, setMoved] = useState<{ key: string; by: -1 | 1 } | null>(null);
  useEffect(() => {
    if (!moved) return;
    const same = document.getElementById(`step-${moved.key}-${moved.by < 0 ? 'up' : 'down'}`) as HTMLButtonElement | null;
    const other = document.getElementById(`step-${moved.key}-${moved.by < 0 ? 'down' : 'up'}`) as HTMLButtonElement | null;
    (same && !same.disabled ? same : other)?.focus();
  }, [moved]);
  const both = (key: 'processAdmin.newStepName' | 'processAdmin.newBranchName' | 'processAdmin.newStageName') => ({ vi: translate('vi', key), en: translate('en', key) });
  const names = both('processAdmin.newStepName');

  const save = async (): Promise<Definition | null> => {
    setError(undefined);
    if (!dirty) return current;
    try {
      const next = await unwrap(api.PATCH('/api/v1/process-definitions/{id}', { params: { path: { id: current.id } }, body: { revision: current.revision, body } }));
      setCurrent(next);
      setDirty(false);
      onSaved();
      return next;
    } catch (e) {
      setError(e as ApiError);
      return null;
    }
  };
  const run = async (what: 'save' | 'check') => {
    const next = await save();
    if (!next) return;
    if (what === 'save') return setSaved(true);
    try {
      setCheck(await unwrap(api.GET('/api/v1/process-definitions/{id}/check', { params: { path: { id: next.id } } })));
    } catch (e) {
      setError(e as ApiError);
    }
  };
  const publish = async (event: FormEvent) => {
    event.preventDefault();
    const from = effective.trim() ? legalDateOf(effective) : undefined;
    if (from === null) return setDateError(t('validation.date'));
    setDateError(undefined);
    const next = await save();
    if (!next) return;
    try {
      onPublished(await unwrap(api.POST('/api/v1/process-definitions/{id}/publish', { params: { path: { id: next.id } }, body: { revision: next.revision, ...(from ? { effectiveFrom: from } : {}) } })));
    } catch (e) {
      setError(e as ApiError);
      // Refused for its content: the check lists what to fix, in the page's language.
      if ((e as ApiError).code === 'PROCESS_DEFINITION_INVALID') setCheck(await unwrap(api.GET('/api/v1/process-definitions/{id}/check', { params: { path: { id: next.id } } })).catch(() => null));
    }
  };
  const remove = async () => {
    try {
      await unwrap(api.DELETE('/api/v1/process-definitions/{id}', { params: { path: { id: current.id } } }));
      onDeleted();
    } catch (e) {
      setError(e as ApiError);
    }
  };

  return (
    <form className="panel process-draft" aria-labelledby="process-draft-heading" onSubmit={(e) => void publish(e)}>
      <h2 id="process-draft-heading">{t('processAdmin.draftHeading', { version: current.version })}</h2>
      <p className="muted">{t('processAdmin.draftLead')}</p>
      {body.stages.map((stage, si) => (
        <fieldset key={stage.key} className="process-stage">
          <legend>{t('processAdmin.stageN', { n: si + 1, name: stage.name[lang] })}</legend>
          {stage.branches.map((branch, bi) => {
            const steps = branch.steps.map((step, ti) => {
              const at = { stage: si, branch: bi, step: ti };
              const label = t('processAdmin.stepLabel', { n: `${si + 1}.${stage.branches.length > 1 ? `${bi + 1}.` : ''}${ti + 1}`, name: step.name[lang] });
              return <StepFields key={step.key} step={step} at={at} label={label} units={units} count={branch.steps.length} onChange={(c) => edit(changeStep(body, at, c))} onMove={(by) => (edit(moveStep(body, at, by)), setMoved({ key: step.key, by }))} onRemove={() => edit(removeStep(body, at))} />;
            });
            const addHere = (
              <button type="button" onClick={() => edit(addStep(body, si, bi, names))}>
                {t('processAdmin.addStep')}
                <span className="visually-hidden"> — {stage.branches.length > 1 ? branch.name[lang] : stage.name[lang]}</span>
              </button>
            );
            return stage.branches.length > 1 ? (
              <fieldset key={branch.key} className="process-branch">
                <legend>{t('processAdmin.branchN', { name: branch.name[lang], lead: branch.lead ? t('processAdmin.leadAgency') : t('processAdmin.notLead') })}</legend>
                {steps}
                <div className="actions">
                  {addHere}
                  <button type="button" className="button-danger" onClick={() => edit(removeBranch(body, si, bi))}>
                    {t('processAdmin.removeBranch', { name: branch.name[lang] })}
                  </button>
                </div>
              </fieldset>
            ) : (
              <div key={branch.key}>
                {steps}
                <div className="actions">{addHere}</div>
              </div>
            );
          })}
          {si > 0 && si < body.stages.length - 1 ? (
            <div className="actions">
              <button type="button" onClick={() => edit(addBranch(body, si, { branch: both('processAdmin.newBranchName'), step: names }))}>
                {t('processAdmin.addBranch', { n: si + 1 })}
              </button>
              <button type="button" className="button-danger" onClick={() => edit(removeStage(body, si))}>
                {t('processAdmin.removeStage', { n: si + 1 })}
              </button>
            </div>
          ) : null}
        </fieldset>
      ))}
      <div className="actions">
        <button type="button" onClick={() => edit(addStage(body, { stage: both('processAdmin.newStageName'), step: names }))}>
          {t('processAdmin.addStage')}
        </button>
      </div>
      <ErrorMessage error={error} />
      {saved ? (
        <p className="alert alert-success" role="status">
          {t('processAdmin.saved')}
        </p>
      ) : null}
      {check ? <CheckResult check={check} body={body} /> : null}
      <div className="actions">
        <button type="button" onClick={() => void run('save')}>
          {t('processAdmin.save')}
        </button>
        <button type="button" onClick={() => void run('check')}>
          {t('processAdmin.check')}
        </button>
        <button type="button" className="button-danger" onClick={() => setConfirmDelete(true)}>
          {t('processAdmin.deleteDraft')}
        </button>
      </div>
      {confirmDelete ? (
        <div className="actions" role="group" aria-label={t('processAdmin.confirmDelete', { version: current.version })}>
          <p>{t('processAdmin.confirmDelete', { version: current.version })}</p>
          <button type="button" className="button-danger" onClick={() => void remove()}>
            {t('unitsAdmin.confirmDeleteYes')}
          </button>
          <button type="button" onClick={() => setConfirmDelete(false)}>
            {t('staff.cancel')}
          </button>
        </div>
      ) : null}
      <TextField label={t('processAdmin.effectiveFrom')} hint={t('processAdmin.effectiveHint')} inputMode="numeric" value={effective} error={dateError} onChange={(e) => setEffective(e.target.value)} />
      <p className="alert alert-warning">{t('processAdmin.publishWarning')}</p>
      <div className="actions">
        <button type="submit" className="button-primary">
          {t('processAdmin.publish')}
        </button>
      </div>
    </form>
  );
}

export function publishedMessage(t: ReturnType<typeof useI18n>['t'], d: Definition): string {
  return t('processAdmin.published', { version: d.version, date: formatDate(d.effectiveFrom) });
}
