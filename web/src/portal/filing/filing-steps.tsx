// The steps of online filing, each a fieldset of labelled controls with its own errors.
import type { components } from '../../api/client';
import { formatFileSize, useI18n } from '../../i18n/i18n';
import { TextField } from '../../shell/parts';
import type { Unit } from '../desks';
import { deliveryLabel, timeLimitLabel } from '../labels';
import { ComponentFiles } from './component-files';
import type { CitizenFile, Delivery, FilingForm, StoredDraft } from './filing-draft';

type Version = components['schemas']['ProcedureVersion'];
export type Errors = Partial<Record<keyof FilingForm | 'components', string>>;
type Change = (patch: Partial<FilingForm>) => void;

export function CaseStep({ procedure, desks, form, onChange, locked, errors }: { procedure: Version; desks: Unit[]; form: FilingForm; onChange: Change; locked: boolean; errors: Errors }) {
  const { t } = useI18n();
  return (
    <>
      <fieldset disabled={locked}>
        <legend>{t('filing.chooseCase')}</legend>
        {procedure.cases.map((c) => (
          <div className="choice" key={c.code}>
            <input type="radio" id={`case-${c.code}`} name="case" value={c.code} checked={form.caseCode === c.code} onChange={() => onChange({ caseCode: c.code })} />
            <label htmlFor={`case-${c.code}`}>
              {c.name} <span className="meta">({timeLimitLabel(t, c.timeLimit, c.noAppointmentDate)})</span>
            </label>
          </div>
        ))}
        {errors.caseCode ? <p className="field-error">{errors.caseCode}</p> : null}
      </fieldset>
      <div className={`field${errors.receivingUnitId ? ' field-invalid' : ''}`}>
        <label htmlFor="desk">{t('filing.desk')}</label>
        <select id="desk" value={form.receivingUnitId} disabled={locked} onChange={(e) => onChange({ receivingUnitId: e.target.value })} aria-invalid={errors.receivingUnitId ? true : undefined} aria-describedby={errors.receivingUnitId ? 'desk-error' : undefined}>
          <option value="">{t('filing.chooseDesk')}</option>
          {desks.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </select>
        {errors.receivingUnitId ? (
          <p className="field-error" id="desk-error">
            {errors.receivingUnitId}
          </p>
        ) : null}
      </div>
      {locked ? <p className="hint">{t('filing.lockedCase')}</p> : null}
    </>
  );
}

export function ApplicantStep({ form, onChange, errors }: { form: FilingForm; onChange: Change; errors: Errors }) {
  const { t } = useI18n();
  return (
    <fieldset>
      <legend>{t('filing.applicant')}</legend>
      <TextField label={t('field.fullName')} required autoComplete="name" value={form.name} onChange={(e) => onChange({ name: e.target.value })} error={errors.name} />
      <TextField label={t('field.idNumber')} hint={t('field.idNumberHint')} required inputMode="numeric" maxLength={12} autoComplete="off" value={form.idNumber} onChange={(e) => onChange({ idNumber: e.target.value.replace(/\D/g, '') })} error={errors.idNumber} />
      <TextField label={t('field.phone')} hint={t('field.phoneHint')} required type="tel" autoComplete="tel" value={form.phone} onChange={(e) => onChange({ phone: e.target.value.replace(/[^\d+]/g, '') })} error={errors.phone} />
      <TextField label={t('field.email')} type="email" autoComplete="email" value={form.email} onChange={(e) => onChange({ email: e.target.value })} error={errors.email} />
      <TextField label={t('field.address')} autoComplete="street-address" value={form.address} onChange={(e) => onChange({ address: e.target.value })} />
      <div className="field">
        <label htmlFor="subject">{t('field.subject')}</label>
        <p className="hint" id="subject-hint">
          {t('field.subjectHint')}
        </p>
        <textarea id="subject" rows={3} maxLength={2000} aria-describedby="subject-hint" value={form.subject} onChange={(e) => onChange({ subject: e.target.value })} />
      </div>
    </fieldset>
  );
}

/** The citizen's uploaded files, as the page keeps them: the list, added to and removed from. */
export interface FilesState {
  readonly draft: StoredDraft;
  readonly items: readonly CitizenFile[];
  readonly onAdded: (file: CitizenFile) => void;
  readonly onRemoved: (fileId: string) => void;
}

export function DocumentsStep({ caseInfo, form, onChange, errors, files }: { caseInfo: Version['cases'][number]; form: FilingForm; onChange: Change; errors: Errors; files: FilesState | null }) {
  const { t } = useI18n();
  const set = (code: string, key: 'originals' | 'copies', value: number) => {
    const current = form.components[code] ?? { originals: 0, copies: 0 };
    onChange({ components: { ...form.components, [code]: { ...current, [key]: Math.max(0, Math.min(50, Number.isFinite(value) ? value : 0)) } } });
  };
  return (
    <fieldset>
      <legend>{t('filing.documents')}</legend>
      <p className="hint">{t('filing.documentsHint')}</p>
      <p className="hint">{t('upload.intro')}</p>
      {errors.components ? (
        <p className="field-error" role="alert">
          {errors.components}
        </p>
      ) : null}
      <ol className="components">
        {caseInfo.components.map((c) => {
          const value = form.components[c.code] ?? { originals: 0, copies: 0 };
          return (
            <li key={c.code} className="component-row">
              <p>
                {c.name} {c.mandatory ? <span className="meta">({t('filing.required')})</span> : <span className="meta">({t('procedure.optional')})</span>}
              </p>
              <div className="inline-fields">
                <TextField label={t('filing.originals')} labelSuffix={c.name} type="number" min={0} max={50} value={value.originals} onChange={(e) => set(c.code, 'originals', e.target.valueAsNumber)} />
                <TextField label={t('filing.copies')} labelSuffix={c.name} type="number" min={0} max={50} value={value.copies} onChange={(e) => set(c.code, 'copies', e.target.valueAsNumber)} />
              </div>
              {files ? <ComponentFiles draft={files.draft} componentCode={c.code} componentName={c.name} files={files.items.filter((f) => f.componentCode === c.code)} onAdded={files.onAdded} onRemoved={files.onRemoved} /> : null}
            </li>
          );
        })}
      </ol>
    </fieldset>
  );
}

const DELIVERIES: Delivery[] = ['counter', 'post', 'electronic'];

export function DeliveryStep({ form, onChange }: { form: FilingForm; onChange: Change }) {
  const { t } = useI18n();
  return (
    <fieldset>
      <legend>{t('filing.delivery')}</legend>
      {DELIVERIES.map((d) => (
        <div className="choice" key={d}>
          <input type="radio" id={`delivery-${d}`} name="delivery" value={d} checked={form.resultDelivery === d} onChange={() => onChange({ resultDelivery: d })} />
          <label htmlFor={`delivery-${d}`}>
            {deliveryLabel(t, d)}
            <span className="hint-inline"> — {t(`delivery.${d}Hint`)}</span>
          </label>
        </div>
      ))}
    </fieldset>
  );
}

export function ReviewStep({ procedure, desks, form, files }: { procedure: Version; desks: Unit[]; form: FilingForm; files: readonly CitizenFile[] }) {
  const { t, lang } = useI18n();
  const caseInfo = procedure.cases.find((c) => c.code === form.caseCode);
  const rows: Array<[string, string]> = [
    [t('filing.procedure'), procedure.name],
    [t('filing.case'), caseInfo?.name ?? form.caseCode],
    [t('filing.desk'), desks.find((d) => d.id === form.receivingUnitId)?.name ?? ''],
    [t('field.fullName'), form.name],
    [t('field.idNumber'), form.idNumber],
    [t('field.phone'), form.phone],
    [t('field.email'), form.email || '—'],
    [t('field.address'), form.address || '—'],
    [t('field.subject'), form.subject || '—'],
    [t('filing.delivery'), deliveryLabel(t, form.resultDelivery)],
  ];
  return (
    <>
      <dl className="review">
        {rows.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      <h3>{t('filing.documents')}</h3>
      <ul>
        {(caseInfo?.components ?? []).map((c) => {
          const value = form.components[c.code] ?? { originals: 0, copies: 0 };
          const own = files.filter((f) => f.componentCode === c.code);
          return (
            <li key={c.code}>
              {c.name}: {t('procedure.copies', { originals: value.originals, copies: value.copies })}
              {own.length > 0 ? (
                <ul className="file-list" aria-label={t('upload.filesOf', { name: c.name })}>
                  {own.map((f) => (
                    <li key={f.id}>
                      <span className="file-name">{f.fileName}</span> <span className="meta">({formatFileSize(f.size, lang)})</span>
                    </li>
                  ))}
                </ul>
              ) : (
                <span className="meta"> — {t('upload.none')}</span>
              )}
            </li>
          );
        })}
      </ul>
    </>
  );
}
