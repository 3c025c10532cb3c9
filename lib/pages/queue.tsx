import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { Queue } from '../../components/Queue';
import type { OrgConfig } from '../contract/org';
import type { Triage } from '../contract/triage';
import { I18nContext } from '../i18n';
import { formatSla } from '../i18n/format';
import { sendMessage, TriageList } from '../messaging';
import { orgConfigItem, readOrgConfig } from '../settings';
import { QUEUE_PORT } from '../sites';
import { buildQueue, type QueueScope } from '../triage/queue';
import { useLanguage } from './use-language';

/** How often the queue re-reads the store: pulls from the team server land there at any time. */
const REFRESH_MS = 5_000;

/** The queue page (Chrome's side panel, Firefox's sidebar, or a tab from the popup). */
export function QueuePage() {
  const { language, t } = useLanguage();
  const [org, setOrg] = useState<OrgConfig | null>(null);
  const [triages, setTriages] = useState<Triage[]>([]);
  const [scope, setScope] = useState<QueueScope>({ kind: 'all' });
  const [includeReplied, setIncludeReplied] = useState(false);
  const [now, setNow] = useState(() => new Date());

  useEffect(() => {
    void readOrgConfig().then(setOrg);
    const unwatch = orgConfigItem.watch(() => void readOrgConfig().then(setOrg));
    // A department's One-Point Contact starts on their own department's queue.
    void sendMessage('syncStatus', undefined).then((status) => {
      if (status.user?.departmentId) setScope({ kind: 'department', departmentId: status.user.departmentId });
    });
    const refresh = () => {
      setNow(new Date());
      void sendMessage('listTriage', undefined).then((rows) => setTriages(TriageList.parse(rows)));
    };
    refresh();
    const timer = setInterval(refresh, REFRESH_MS);
    // Held open while the page is, so the background keeps live updates from the team server
    // coming; re-opened if the background restarts.
    let port: ReturnType<typeof browser.runtime.connect> | null = null;
    let closed = false;
    const hold = () => {
      port = browser.runtime.connect({ name: QUEUE_PORT });
      port.onDisconnect.addListener(() => {
        if (!closed) setTimeout(hold, 1_000);
      });
    };
    hold();
    addEventListener('focus', refresh);
    return () => {
      closed = true;
      port?.disconnect();
      unwatch();
      clearInterval(timer);
      removeEventListener('focus', refresh);
    };
  }, []);
  useEffect(() => {
    document.title = t('queue.title');
  }, [language]);

  if (!org) return null;
  const rows = buildQueue(triages, scope, { includeReplied, policy: org.sla, now });
  return (
    <I18nContext.Provider value={{ language, t }}>
      <h1>{t('queue.title')}</h1>
      <Queue
        rows={rows}
        departments={org.departments}
        scope={scope}
        onScope={setScope}
        includeReplied={includeReplied}
        onIncludeReplied={setIncludeReplied}
        slaText={(row) => formatSla(row.sla, now, t)}
        onOpen={(permalink) => void browser.tabs.create({ url: permalink })}
      />
    </I18nContext.Provider>
  );
}
