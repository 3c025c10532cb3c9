import { useI18n } from '../lib/i18n';
import type { SyncStatus } from '../lib/sync/session';

/** Who is signed in where, when the last sync was, and what is still unsent (popup and options page). */
export function SyncStatusLines({ status }: { status: SyncStatus }) {
  const { language, t } = useI18n();
  const time = status.lastSyncAt
    ? new Date(status.lastSyncAt).toLocaleString(language === 'hi' ? 'hi-IN' : 'en-IN')
    : t('server.never');
  return (
    <div class="sync-status" data-signed-in={status.signedIn} data-pending={status.pending}>
      {status.user && status.serverUrl && status.signedIn && (
        <p>{t('server.signedInAs', { name: status.user.name, role: t(`role.${status.user.role}`), server: status.serverUrl })}</p>
      )}
      {status.expired && <p class="error">{t('server.expired')}</p>}
      {status.serverUrl && <p>{t('server.lastSync', { time })}</p>}
      {status.serverUrl && <p>{status.connected ? t('server.connected') : t('server.disconnected')}</p>}
      <p>{t('server.pending', { n: status.pending })}</p>
      {status.setAside > 0 && (
        <p class="error" data-set-aside={status.setAside}>
          {t('server.setAside', { n: status.setAside })}
        </p>
      )}
      {status.unsentByOthers.map(({ user, count }) => (
        <p key={user.id} data-unsent-by={user.id}>
          {t('server.unsentByOther', { name: user.name, n: count })}
        </p>
      ))}
      {status.lastError && <p class="error">{t('server.lastError', { reason: status.lastError })}</p>}
    </div>
  );
}
