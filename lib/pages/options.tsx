import { useEffect, useState } from 'preact/hooks';
import { AdminSections } from '../../components/options/AdminSections';
import { LanguageSection } from '../../components/options/LanguageSection';
import { NotificationsSection } from '../../components/options/NotificationsSection';
import { ServerSection } from '../../components/options/ServerSection';
import type { AdminSource } from '../admin/source';
import { browser } from 'wxt/browser';
import { sendMessage } from '../messaging';
import type { SyncStatus } from '../sync/session';
import type { OrgConfig } from '../contract/org';
import { I18nContext } from '../i18n';
import { notificationsEnabledItem, orgConfigItem, readNotificationsEnabled, readOrgConfig, uiLanguageItem } from '../settings';
import { watchManagedPolicy, type ManagedPolicy } from '../managed';
import { downloadTextFile } from './download';
import { useLanguage } from './use-language';

export function OptionsPage() {
  const { setting, language, t } = useLanguage();
  const [org, setOrg] = useState<OrgConfig | null>(null);
  useEffect(() => {
    void readOrgConfig().then(setOrg);
    return orgConfigItem.watch(() => void readOrgConfig().then(setOrg));
  }, []);
  useEffect(() => {
    document.title = t('options.title');
  }, [language]);
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [policy, setPolicy] = useState<ManagedPolicy | null>(null);
  useEffect(() => watchManagedPolicy(setPolicy), []);
  const [notificationsOn, setNotificationsOn] = useState(true);
  useEffect(() => {
    void readNotificationsEnabled().then(setNotificationsOn);
    return notificationsEnabledItem.watch(() => void readNotificationsEnabled().then(setNotificationsOn));
  }, []);
  useEffect(() => {
    const refresh = () => void sendMessage('syncStatus', undefined).then(setStatus);
    refresh();
    const timer = setInterval(refresh, 5_000);
    return () => clearInterval(timer);
  }, []);

  // Through the background: to the team server when signed in as an administrator, else this browser's copy.
  const saveOrg = async (next: OrgConfig): Promise<void> => {
    const result = await sendMessage('saveOrg', next);
    if (!result.ok) throw new Error(result.error === 'forbidden' ? t('org.saveForbidden') : t('org.saveFailed', { reason: result.detail }));
  };

  // The administration sections read and write through the background (the dashboard's source is fetch).
  const adminSource: AdminSource = { saveOrg, manageUsers: (request) => sendMessage('manageUsers', request) };

  const signIn = async (serverUrl: string, email: string, password: string): Promise<string | null> => {
    let url: URL;
    try {
      url = new URL(serverUrl);
    } catch {
      return t('server.failed', { reason: serverUrl });
    }
    const { origin } = url;
    // A server other than this machine needs a host permission, asked for on this click. The pattern
    // names no port (a match pattern covers every port): Firefox does not count `http://127.0.0.1/*`,
    // granted at install, as covering `http://127.0.0.1:8080/*`, and would ask again.
    const granted = await browser.permissions.request({ origins: [`${url.protocol}//${url.hostname}/*`] }).catch(() => false);
    if (!granted) return t('server.permissionDenied', { origin });
    const result = await sendMessage('signIn', { serverUrl, email, password });
    if (!result.ok) return t('server.failed', { reason: result.error });
    setStatus(result.status);
    return null;
  };

  return (
    <I18nContext.Provider value={{ language, t }}>
      <h1>{t('options.title')}</h1>
      <LanguageSection value={setting} onChange={(value) => void uiLanguageItem.setValue(value)} />
      <NotificationsSection enabled={notificationsOn} onChange={(on) => void notificationsEnabledItem.setValue(on)} />
      <ServerSection
        key={`${status?.serverUrl ?? 'none'} ${policy?.serverUrl ?? ''}`}
        status={status}
        presetServerUrl={policy?.serverUrl}
        onSignIn={signIn}
        onSignOut={() => void sendMessage('signOut', undefined).then(setStatus)}
        onDiscardUnsent={(userId) => void sendMessage('discardUnsent', userId).then(setStatus)}
        onExportUnsent={() => void sendMessage('exportUnsent', undefined).then((json) => downloadTextFile('samvad-unsent-actions.json', json))}
      />
      {org && (
        <AdminSections
          org={org}
          source={adminSource}
          isAdmin={Boolean(status?.signedIn && status.user?.role === 'admin')}
          editable
          usersKey={status?.serverUrl ?? undefined}
          onExportCanned={(json) => downloadTextFile('samvad-canned-replies.json', json)}
        />
      )}
    </I18nContext.Provider>
  );
}
