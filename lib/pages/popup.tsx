import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { I18nContext } from '../i18n';
import { SyncStatusLines } from '../../components/SyncStatusLines';
import { sendMessage } from '../messaging';
import type { SyncStatus } from '../sync/session';
import { openQueuePanel } from './open-panel';
import { useLanguage } from './use-language';

export function PopupPage() {
  const { language, t } = useLanguage();
  const [count, setCount] = useState<number | null>(null);
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [windowId, setWindowId] = useState<number | undefined>(undefined);
  useEffect(() => {
    void browser.windows.getCurrent().then((current) => setWindowId(current.id));
    void sendMessage('countTriaged', undefined).then(setCount);
    void sendMessage('syncStatus', undefined).then(setStatus);
  }, []);
  return (
    <I18nContext.Provider value={{ language, t }}>
      <h1>{t('popup.title')}</h1>
      {status?.serverUrl ? <SyncStatusLines status={status} /> : <p class="muted">{t('popup.localOnly')}</p>}
      {count !== null && <p data-triaged-count={count}>{t('popup.items', { n: count })}</p>}
      <button type="button" data-action="open-queue" onClick={() => void openQueuePanel(windowId).then(() => window.close())}>
        {t('popup.openQueue')}
      </button>{' '}
      <button type="button" onClick={() => void browser.runtime.openOptionsPage()}>
        {t('popup.openOptions')}
      </button>
    </I18nContext.Provider>
  );
}
