import { useState, type FormEvent } from 'react';
import { ApiError, api, unwrap } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { ErrorMessage, PageTitle, TextField } from '../shell/parts';

export function LoginPage({ onSignedIn }: { onSignedIn: () => void }) {
  const { t } = useI18n();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await unwrap(api.POST('/api/v1/auth/login', { body: { username: username.trim(), password } }));
      onSignedIn();
    } catch (e) {
      setError(e instanceof ApiError ? e : undefined);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="narrow">
      <PageTitle title={t('login.title')}>{t('login.title')}</PageTitle>
      <form className="card" onSubmit={submit}>
        <TextField label={t('login.username')} autoComplete="username" required value={username} onChange={(e) => setUsername(e.target.value)} autoFocus />
        <TextField label={t('login.password')} type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        <ErrorMessage error={error} />
        <button type="submit" className="button-primary" disabled={busy}>
          {t('login.submit')}
        </button>
      </form>
    </div>
  );
}
