// Small accessible building blocks shared by the portal and the console: page titles that move focus,
// labelled fields with their errors, alerts, loading and error states.
import { useEffect, useId, useRef, type InputHTMLAttributes, type ReactNode, type Ref, type SelectHTMLAttributes } from 'react';
import type { ApiError } from '../api/client';
import { useI18n } from '../i18n/i18n';

/** The page's h1; it sets the document title and takes focus after navigation so screen readers announce the new page. */
export function PageTitle({ children, title }: { children: ReactNode; title: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  const { t } = useI18n();
  useEffect(() => {
    document.title = `${title} — ${t('app.name')}`;
  }, [title, t]);
  useEffect(() => {
    if (document.activeElement === document.body || document.activeElement?.closest('nav, header')) ref.current?.focus();
  }, [title]);
  return (
    <h1 ref={ref} tabIndex={-1}>
      {children}
    </h1>
  );
}

export function ErrorMessage({ error }: { error: ApiError | undefined }) {
  const { t } = useI18n();
  if (!error) return null;
  const text = error.code === 'NETWORK' ? t('error.network') : error.message || t('error.unexpected');
  return (
    <div className="alert alert-error" role="alert">
      {text}
    </div>
  );
}

export function Loading() {
  const { t } = useI18n();
  return (
    <p className="muted" role="status">
      {t('common.loading')}
    </p>
  );
}

interface FieldProps extends InputHTMLAttributes<HTMLInputElement> {
  readonly label: string;
  readonly hint?: string;
  readonly error?: string | undefined;
  readonly ref?: Ref<HTMLInputElement>;
  /** Read by screen readers after the label, e.g. which document a repeated "Copies" field is for. */
  readonly labelSuffix?: string;
}

export function TextField({ label, labelSuffix, hint, error, id, ...input }: FieldProps) {
  const auto = useId();
  const fieldId = id ?? auto;
  const described = [hint ? `${fieldId}-hint` : '', error ? `${fieldId}-error` : ''].filter(Boolean).join(' ');
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={fieldId}>
        {label}
        {labelSuffix ? <span className="visually-hidden"> — {labelSuffix}</span> : null}
        {input.required ? <span aria-hidden="true"> *</span> : null}
      </label>
      {hint ? (
        <p className="hint" id={`${fieldId}-hint`}>
          {hint}
        </p>
      ) : null}
      <input id={fieldId} aria-invalid={error ? true : undefined} aria-describedby={described || undefined} {...input} />
      {error ? (
        <p className="field-error" id={`${fieldId}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

interface SelectProps extends SelectHTMLAttributes<HTMLSelectElement> {
  readonly label: string;
  readonly children: ReactNode;
  /** Read by screen readers after the label, e.g. which row of a repeated group the field is in. */
  readonly labelSuffix?: string;
}

export function SelectField({ label, labelSuffix, id, children, ...select }: SelectProps) {
  const auto = useId();
  const fieldId = id ?? auto;
  return (
    <div className="field">
      <label htmlFor={fieldId}>
        {label}
        {labelSuffix ? <span className="visually-hidden"> — {labelSuffix}</span> : null}
      </label>
      <select id={fieldId} {...select}>
        {children}
      </select>
    </div>
  );
}
