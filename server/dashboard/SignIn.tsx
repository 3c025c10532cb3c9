import { useState } from 'preact/hooks';
import { useI18n } from '../../lib/i18n';

/** The same fields and buttons as the extension's options page (DESIGN.md test hooks), without a server address: this is the server. */
export function SignIn({ onSignIn }: { onSignIn: (email: string, password: string) => Promise<string | null> }) {
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    const failed = await onSignIn(email, password);
    setBusy(false);
    setProblem(failed);
    if (!failed) setPassword('');
  };
  return (
    <form class="sign-in" onSubmit={(e) => void submit(e)}>
      <h2>{t('dashboard.signInTitle')}</h2>
      <p>
        <label>
          {t('server.email')} <input name="email" type="email" autocomplete="username" required value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
        </label>
      </p>
      <p>
        <label>
          {t('server.password')}{' '}
          <input name="password" type="password" autocomplete="current-password" required value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
        </label>
      </p>
      <button type="submit" data-action="sign-in" disabled={busy}>
        {busy ? t('server.signingIn') : t('server.signIn')}
      </button>
      {problem && (
        <p class="error" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}
