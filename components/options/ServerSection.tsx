import { useState } from 'preact/hooks';
import { useI18n } from '../../lib/i18n';
import type { SyncStatus } from '../../lib/sync/session';
import { SyncStatusLines } from '../SyncStatusLines';

interface Props {
  status: SyncStatus | null;
  /** Resolves to an error sentence, or null when signed in. */
  onSignIn: (serverUrl: string, email: string, password: string) => Promise<string | null>;
  onSignOut: () => void;
}

export function ServerSection({ status, onSignIn, onSignOut }: Props) {
  const { t } = useI18n();
  const [serverUrl, setServerUrl] = useState(status?.serverUrl ?? 'http://127.0.0.1:8787');
  const [email, setEmail] = useState(status?.user?.email ?? '');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(await onSignIn(serverUrl, email, password));
    setBusy(false);
    setPassword('');
  };

  const signedIn = status?.signedIn && status.user;
  return (
    <section id="server">
      <h2>{t('server.title')}</h2>
      {status && <SyncStatusLines status={status} />}
      {signedIn ? (
        <button type="button" data-action="sign-out" onClick={onSignOut}>
          {t('server.signOut')}
        </button>
      ) : (
        <form onSubmit={submit}>
          <p class="muted">{t('server.hint')}</p>
          <p>
            <label>
              {t('server.url')}{' '}
              <input name="serverUrl" type="url" required value={serverUrl} onInput={(e) => setServerUrl(e.currentTarget.value)} />
            </label>
          </p>
          <p>
            <label>
              {t('server.email')}{' '}
              <input name="email" type="email" required autocomplete="username" value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
            </label>
          </p>
          <p>
            <label>
              {t('server.password')}{' '}
              <input
                name="password"
                type="password"
                required
                autocomplete="current-password"
                value={password}
                onInput={(e) => setPassword(e.currentTarget.value)}
              />
            </label>
          </p>
          <button type="submit" data-action="sign-in" disabled={busy}>
            {busy ? t('server.signingIn') : t('server.signIn')}
          </button>
          {error && (
            <p class="error" role="alert">
              {error}
            </p>
          )}
        </form>
      )}
    </section>
  );
}
