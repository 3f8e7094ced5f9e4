// The signed-in staff member's own account (tài khoản của tôi): change the password (current, new, the new
// one again; the server's refusals shown at the field they concern) and sign out on every device.
import { useState, type FormEvent } from 'react';
import { ApiError, api, unwrap } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { ErrorMessage, PageTitle, TextField } from '../shell/parts';
import { useSession } from './session';

const MIN_LENGTH = 10;

type Field = 'currentPassword' | 'newPassword' | 'confirm';

function PasswordForm() {
  const { t } = useI18n();
  const [values, setValues] = useState<Record<Field, string>>({ currentPassword: '', newPassword: '', confirm: '' });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [failure, setFailure] = useState<ApiError>();
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const field = (name: Field) => ({ value: values[name], error: errors[name], onChange: (e: { target: { value: string } }) => setValues({ ...values, [name]: e.target.value }) });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(false);
    setFailure(undefined);
    const found: Partial<Record<Field, string>> = {};
    if (!values.currentPassword) found.currentPassword = t('account.required');
    if (values.newPassword.length < MIN_LENGTH) found.newPassword = t('account.tooShort');
    else if (values.newPassword !== values.confirm) found.confirm = t('account.mismatch');
    setErrors(found);
    if (Object.keys(found).length > 0) {
      requestAnimationFrame(() => document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    setBusy(true);
    try {
      await unwrap(api.POST('/api/v1/auth/password', { body: { currentPassword: values.currentPassword, newPassword: values.newPassword } }));
      setValues({ currentPassword: '', newPassword: '', confirm: '' });
      setDone(true);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      // The server's words, at the field they are about when it says which.
      if (error.code === 'INVALID_CREDENTIALS') setErrors({ currentPassword: t('account.wrongCurrent') }); // the server's words are about signing in
      else if (error.code === 'WEAK_PASSWORD') setErrors({ newPassword: error.message });
      else setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="panel" aria-labelledby="password-heading" onSubmit={(e) => void submit(e)} noValidate>
      <h2 id="password-heading">{t('account.passwordHeading')}</h2>
      {done ? (
        <p className="alert alert-success" role="status">
          {t('account.passwordChanged')}
        </p>
      ) : null}
      <ErrorMessage error={failure} />
      <TextField label={t('account.currentPassword')} type="password" autoComplete="current-password" required {...field('currentPassword')} />
      <TextField label={t('account.newPassword')} hint={t('account.newPasswordHint')} type="password" autoComplete="new-password" required minLength={MIN_LENGTH} {...field('newPassword')} />
      <TextField label={t('account.confirmPassword')} type="password" autoComplete="new-password" required {...field('confirm')} />
      <div className="actions">
        <button type="submit" className="button-primary" disabled={busy}>
          {t('account.changePassword')}
        </button>
      </div>
    </form>
  );
}

export function AccountPage() {
  const { t } = useI18n();
  const { me, signOut } = useSession();
  const [failure, setFailure] = useState<ApiError>();
  const [busy, setBusy] = useState(false);

  const signOutEverywhere = async () => {
    setBusy(true);
    setFailure(undefined);
    try {
      await unwrap(api.POST('/api/v1/auth/logout-all', {}));
      signOut();
    } catch (error) {
      setFailure(error instanceof ApiError ? error : undefined);
      setBusy(false);
    }
  };

  return (
    <div className="narrow">
      <PageTitle title={t('account.title')}>{t('account.title')}</PageTitle>
      <p className="muted">
        {me.fullName} ({me.username}) — {t('account.lead')}
      </p>
      <PasswordForm />
      <section className="panel" aria-labelledby="everywhere-heading">
        <h2 id="everywhere-heading">{t('account.everywhereHeading')}</h2>
        <p>{t('account.everywhereText')}</p>
        <ErrorMessage error={failure} />
        <button type="button" className="button-danger" onClick={() => void signOutEverywhere()} disabled={busy}>
          {t('account.signOutEverywhere')}
        </button>
      </section>
    </div>
  );
}
