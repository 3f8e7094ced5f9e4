// One unit chosen in the units tree: its facts, and the forms its administrators may use — edit the names
// and identifier, create a unit under it, move it under another parent from a date, delete it.
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { api, unwrap, type ApiError } from '../../api/client';
import { formatDate, legalDateOf, useI18n } from '../../i18n/i18n';
import { ErrorMessage, Loading, SelectField, TextField } from '../../shell/parts';
import { useLoad } from '../../shell/use-load';
import { UnitOfficeHours } from './unit-office-hours';
import type { Unit } from './units-admin-page';

export const UNIT_TYPES = ['province', 'department', 'agency', 'commune', 'one_stop_desk', 'district', 'ministry'] as const;
type UnitType = (typeof UNIT_TYPES)[number];

/** Runs one server call for a form: busy while it runs, the server's error kept to show. */
function useSubmit() {
  const [error, setError] = useState<ApiError | undefined>();
  const [busy, setBusy] = useState(false);
  const run = async (event: FormEvent | null, call: () => Promise<void>) => {
    event?.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await call();
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setBusy(false);
    }
  };
  return { error, busy, run };
}

function Section({ id, title, children, onSubmit }: { id: string; title: string; children: ReactNode; onSubmit: (e: FormEvent) => void }) {
  return (
    <form className="panel" aria-labelledby={id} onSubmit={onSubmit}>
      <h3 id={id}>{title}</h3>
      {children}
    </form>
  );
}

function EditUnitForm({ unit, onDone }: { unit: Unit; onDone: (message: string) => void }) {
  const { t } = useI18n();
  const [fields, setFields] = useState({ name: unit.name, shortName: unit.shortName ?? '', code: unit.code });
  const { error, busy, run } = useSubmit();
  const save = (e: FormEvent) =>
    void run(e, async () => {
      const saved = await unwrap(api.PATCH('/api/v1/units/{id}', { params: { path: { id: unit.id } }, body: { version: unit.version, name: fields.name.trim(), shortName: fields.shortName.trim() || null, code: fields.code.trim() } }));
      onDone(t('unitsAdmin.saved', { name: saved.name }));
    });
  return (
    <Section id="unit-edit-heading" title={t('unitsAdmin.editHeading')} onSubmit={save}>
      <ErrorMessage error={error} />
      <TextField label={t('unitsAdmin.name')} required value={fields.name} onChange={(e) => setFields({ ...fields, name: e.target.value })} />
      <TextField label={t('unitsAdmin.shortName')} value={fields.shortName} onChange={(e) => setFields({ ...fields, shortName: e.target.value })} />
      <TextField label={t('unitsAdmin.code')} hint={t('unitsAdmin.codeHint')} required value={fields.code} onChange={(e) => setFields({ ...fields, code: e.target.value.toUpperCase() })} />
      <div className="actions">
        <button type="submit" className="button-primary" disabled={busy}>
          {t('unitsAdmin.save')}
        </button>
      </div>
    </Section>
  );
}

/** A new unit under a parent, or (parent null: system administrators) a new root — a province or a ministry. */
export function CreateUnitForm({ parent, onDone }: { parent: Unit | null; onDone: (message: string, id: string) => void }) {
  const { t } = useI18n();
  const [fields, setFields] = useState({ name: '', code: '', type: (parent ? 'department' : 'province') as UnitType });
  const { error, busy, run } = useSubmit();
  const create = (e: FormEvent) =>
    void run(e, async () => {
      const created = await unwrap(api.POST('/api/v1/units', { body: { parentId: parent?.id ?? null, name: fields.name.trim(), code: fields.code.trim(), type: fields.type } }));
      onDone(t('unitsAdmin.created', { name: created.name }), created.id);
    });
  return (
    <Section id={parent ? 'unit-create-heading' : 'unit-root-heading'} title={parent ? t('unitsAdmin.createHeading', { name: parent.name }) : t('unitsAdmin.createRootHeading')} onSubmit={create}>
      <ErrorMessage error={error} />
      <TextField label={t('unitsAdmin.newName')} required value={fields.name} onChange={(e) => setFields({ ...fields, name: e.target.value })} />
      <TextField label={t('unitsAdmin.newCode')} hint={t('unitsAdmin.codeHint')} required value={fields.code} onChange={(e) => setFields({ ...fields, code: e.target.value.toUpperCase() })} />
      <SelectField label={t('unitsAdmin.type')} value={fields.type} onChange={(e) => setFields({ ...fields, type: e.target.value as UnitType })}>
        {UNIT_TYPES.map((type) => (
          <option key={type} value={type}>
            {t(`unitType.${type}`)}
          </option>
        ))}
      </SelectField>
      <div className="actions">
        <button type="submit" className="button-primary" disabled={busy}>
          {t('unitsAdmin.create')}
        </button>
      </div>
    </Section>
  );
}

function MoveUnitForm({ unit, units, onDone }: { unit: Unit; units: readonly Unit[]; onDone: (message: string) => void }) {
  const { t } = useI18n();
  // Not under itself nor under one of its own sub-units.
  const below = new Set([unit.id]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const u of units) {
      if (u.parentId && below.has(u.parentId) && !below.has(u.id)) {
        below.add(u.id);
        grew = true;
      }
    }
  }
  const choices = units.filter((u) => !below.has(u.id)).sort((a, b) => a.name.localeCompare(b.name, 'vi'));
  const [parentId, setParentId] = useState(unit.parentId ?? choices[0]?.id ?? '');
  const [from, setFrom] = useState('');
  const [dateError, setDateError] = useState<string | undefined>();
  const { error, busy, run } = useSubmit();
  const move = (e: FormEvent) => {
    e.preventDefault();
    const effectiveFrom = legalDateOf(from);
    if (!effectiveFrom) return setDateError(t('validation.date'));
    setDateError(undefined);
    void run(null, async () => {
      await unwrap(api.POST('/api/v1/units/{id}/move', { params: { path: { id: unit.id } }, body: { parentId, effectiveFrom } }));
      onDone(t('unitsAdmin.moved', { name: unit.name, parent: choices.find((c) => c.id === parentId)?.name ?? '', date: formatDate(effectiveFrom) }));
    });
  };
  return (
    <Section id="unit-move-heading" title={t('unitsAdmin.moveHeading')} onSubmit={move}>
      <ErrorMessage error={error} />
      <SelectField label={t('unitsAdmin.newParent')} value={parentId} onChange={(e) => setParentId(e.target.value)}>
        {choices.map((u) => (
          <option key={u.id} value={u.id}>
            {u.name}
          </option>
        ))}
      </SelectField>
      <TextField label={t('unitsAdmin.moveFrom')} hint={t('unitsAdmin.moveFromHint')} required inputMode="numeric" value={from} error={dateError} onChange={(e) => setFrom(e.target.value)} />
      <div className="actions">
        <button type="submit" disabled={busy}>
          {t('unitsAdmin.move')}
        </button>
      </div>
    </Section>
  );
}

function DeleteUnit({ unit, onDone }: { unit: Unit; onDone: (message: string) => void }) {
  const { t } = useI18n();
  const [confirming, setConfirming] = useState(false);
  const { error, busy, run } = useSubmit();
  const remove = () =>
    void run(null, async () => {
      setConfirming(false);
      await unwrap(api.DELETE('/api/v1/units/{id}', { params: { path: { id: unit.id } } }));
      onDone(t('unitsAdmin.deleted', { name: unit.name }));
    });
  return (
    <section className="panel" aria-labelledby="unit-delete-heading">
      <h3 id="unit-delete-heading">{t('unitsAdmin.deleteHeading')}</h3>
      <p className="muted">{t('unitsAdmin.deleteLead')}</p>
      <ErrorMessage error={error} />
      {confirming ? (
        <div className="actions" role="group" aria-label={t('unitsAdmin.confirmDelete', { name: unit.name })}>
          <p>{t('unitsAdmin.confirmDelete', { name: unit.name })}</p>
          <button type="button" className="button-danger" disabled={busy} onClick={remove}>
            {t('unitsAdmin.confirmDeleteYes')}
          </button>
          <button type="button" onClick={() => setConfirming(false)}>
            {t('staff.cancel')}
          </button>
        </div>
      ) : (
        <button type="button" className="button-danger" onClick={() => setConfirming(true)}>
          {t('unitsAdmin.delete')}
        </button>
      )}
    </section>
  );
}

export function UnitPanel({ id, units, onDone }: { id: string; units: readonly Unit[]; onDone: (message: string, select: string | null) => void }) {
  const { t } = useI18n();
  const detail = useLoad(() => unwrap(api.GET('/api/v1/units/{id}', { params: { path: { id }, query: {} } })), [id]);
  const unit = detail.data;
  // The chosen unit's heading takes focus (and scrolls into view below a long tree on a phone).
  const heading = useRef<HTMLHeadingElement>(null);
  const loaded = unit !== undefined;
  useEffect(() => {
    if (loaded) heading.current?.focus();
  }, [loaded]);
  if (!unit) return detail.error ? <ErrorMessage error={detail.error} /> : <Loading />;
  const parent = units.find((u) => u.id === unit.parentId);
  const can = unit.permissions;
  return (
    <section aria-labelledby="unit-heading" className="unit-panel">
      <h2 id="unit-heading" ref={heading} tabIndex={-1}>
        {unit.name}
      </h2>
      <dl className="facts">
        <div>
          <dt>{t('unitsAdmin.code')}</dt>
          <dd>{unit.code}</dd>
        </div>
        <div>
          <dt>{t('unitsAdmin.type')}</dt>
          <dd>{t(`unitType.${unit.type}`)}</dd>
        </div>
        <div>
          <dt>{t('unitsAdmin.parent')}</dt>
          <dd>{parent?.name ?? t('unitsAdmin.noParent')}</dd>
        </div>
        <div>
          <dt>{t('unitsAdmin.validFrom')}</dt>
          <dd>{formatDate(unit.validFrom)}</dd>
        </div>
      </dl>
      {!can.update && !can.createChild && !can.move ? <p className="muted">{t('unitsAdmin.readOnly')}</p> : null}
      {can.update ? <EditUnitForm unit={unit} onDone={(message) => onDone(message, unit.id)} /> : null}
      {can.createChild ? <CreateUnitForm parent={unit} onDone={(message, created) => onDone(message, created)} /> : null}
      <UnitOfficeHours unit={unit} canEdit={can.update} onDone={(message) => onDone(message, unit.id)} />
      {can.move ? <MoveUnitForm unit={unit} units={units} onDone={(message) => onDone(message, unit.id)} /> : null}
      {can.update ? <DeleteUnit unit={unit} onDone={(message) => onDone(message, null)} /> : null}
    </section>
  );
}
