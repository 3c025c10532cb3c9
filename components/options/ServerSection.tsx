import { useState } from 'preact/hooks';
import { useI18n } from '../../lib/i18n';
import type { SyncStatus } from '../../lib/sync/session';
import { SyncStatusLines } from '../SyncStatusLines';

interface Props {
  status: SyncStatus | null;
  /** Resolves to an error sentence, or null when signed in. */
  onSignIn: (serverUrl: string, email: string, password: string) => Promise<string | null>;
  onSignOut: () => void;
  /** Drops another user's unsent actions. */
  onDiscardUnsent: (userId: string) => void;
  /** Downloads every unsent and set-aside action. */
  onExportUnsent: () => void;
  /** The team server the office's IT section set by policy: signed in to, never changed here. */
  presetServerUrl?: string | undefined;
}

export function ServerSection({ status, onSignIn, onSignOut, onDiscardUnsent, onExportUnsent, presetServerUrl }: Props) {
  const { t } = useI18n();
  const [serverUrl, setServerUrl] = useState(presetServerUrl ?? status?.serverUrl ?? 'http://127.0.0.1:8787');
  const [email, setEmail] = useState(status?.user?.email ?? '');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** Sign-out was asked for while actions wait: the warning is showing. */
  const [confirmingSignOut, setConfirmingSignOut] = useState(false);
  /** Another user's unsent actions the moderator chose to keep for later (asked once per sign-in). */
  const [kept, setKept] = useState<string[]>([]);

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
      {signedIn &&
        status.unsentByOthers
          .filter(({ user }) => !kept.includes(user.id))
          .map(({ user }) => (
            <div
              key={user.id}
              class="notice"
              role="alertdialog"
              aria-labelledby={`others-unsent-title-${user.id}`}
              aria-describedby={`others-unsent-help-${user.id}`}
              data-others-unsent={user.id}
            >
              <h3 id={`others-unsent-title-${user.id}`}>{t('server.othersUnsentTitle')}</h3>
              <p id={`others-unsent-help-${user.id}`}>{t('server.othersUnsentHelp', { name: user.name })}</p>
              <button type="button" data-action="keep-unsent" onClick={() => setKept([...kept, user.id])}>
                {t('server.keepUnsent')}
              </button>{' '}
              <button type="button" data-action="export-unsent" onClick={onExportUnsent}>
                {t('server.exportUnsent')}
              </button>{' '}
              <button type="button" class="danger" data-action="discard-unsent" onClick={() => onDiscardUnsent(user.id)}>
                {t('server.discardUnsent')}
              </button>
            </div>
          ))}
      {status && status.setAside > 0 && (
        <button type="button" data-action="export-unsent" onClick={onExportUnsent}>
          {t('server.exportUnsent')}
        </button>
      )}
      {signedIn && confirmingSignOut ? (
        <div role="alert" data-sign-out-warning>
          <p>{t('server.signOutWarning', { n: status.pending })}</p>
          <button type="button" data-action="confirm-sign-out" onClick={() => (setConfirmingSignOut(false), onSignOut())}>
            {t('server.signOutAnyway')}
          </button>{' '}
          <button type="button" data-action="cancel-sign-out" onClick={() => setConfirmingSignOut(false)}>
            {t('server.cancel')}
          </button>
        </div>
      ) : signedIn ? (
        // Unsent actions are warned about first: they would wait until this user signs in again.
        <button type="button" data-action="sign-out" onClick={() => (status.pending > 0 ? setConfirmingSignOut(true) : onSignOut())}>
          {t('server.signOut')}
        </button>
      ) : (
        <form onSubmit={submit}>
          <p class="muted">{t('server.hint')}</p>
          <p>
            <label>
              {t('server.url')}{' '}
              <input
                name="serverUrl"
                type="url"
                required
                readOnly={presetServerUrl !== undefined}
                aria-describedby={presetServerUrl !== undefined ? 'server-preset' : undefined}
                value={serverUrl}
                onInput={(e) => setServerUrl(e.currentTarget.value)}
              />
            </label>
          </p>
          {presetServerUrl !== undefined && (
            <p class="muted" id="server-preset" data-server-preset="">
              {t('server.presetByPolicy')}
            </p>
          )}
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
