import { useEffect, useMemo, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { HistoryState } from '../../components/ItemHistory';
import { PAGE_SIZE, Queue } from '../../components/Queue';
import { isPlatformPermalink } from '../contract/item';
import type { OrgConfig } from '../contract/org';
import type { MutationOp, Triage } from '../contract/triage';
import { I18nContext, type MessageKey, type Translate } from '../i18n';
import { formatSla } from '../i18n/format';
import { sendMessage } from '../messaging';
import { orgConfigItem, readOrgConfig } from '../settings';
import type { ItemNotice } from '../sync/engine';
import type { SyncStatus } from '../sync/session';
import { serverNow } from '../triage/sla';
import { DEFAULT_FILTERS, defaultScope, queueSla, type QueueFilters, type QueueView } from '../triage/queue';
import { ApprovalsPage } from './approvals';
import { useQueueView } from './queue-view';
import { useLanguage } from './use-language';

/** The panel's views, side by side: the queue, and the requests waiting for an approver (an approver's panel opens on them). */
export type PanelView = 'queue' | 'approvals';
const VIEWS: ReadonlyArray<{ id: PanelView; label: MessageKey }> = [
  { id: 'queue', label: 'queue.viewQueue' },
  { id: 'approvals', label: 'queue.viewApprovals' },
];

/** Due states change with time alone: the clock sentences are worked out again this often (the rows are not re-read). */
const CLOCK_TICK_MS = 30_000;

function noticeText(notice: Pick<ItemNotice, 'kind' | 'reason'>, t: Translate): string {
  return notice.kind === 'conflict' ? t('queue.conflict', { reason: notice.reason }) : t('queue.refused', { reason: notice.reason });
}

/** The queue page: Chrome's side panel, Firefox's sidebar, or a tab. */
export function QueuePage() {
  const { language, t } = useLanguage();
  const [org, setOrg] = useState<OrgConfig | null>(null);
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [filters, setFiltersState] = useState<QueueFilters>(DEFAULT_FILTERS);
  const [limit, setLimit] = useState(PAGE_SIZE);
  const setFilters = (next: QueueFilters) => {
    setLimit(PAGE_SIZE);
    setFiltersState(next);
  };
  const [view, setView] = useState<PanelView>('queue');
  const [notices, setNotices] = useState<ReadonlyMap<string, string>>(new Map());
  const [histories, setHistories] = useState<ReadonlyMap<string, HistoryState>>(new Map());
  const [tick, setTick] = useState(0);

  const setNotice = (key: string, text: string | null) =>
    setNotices((current) => {
      if ((current.get(key) ?? null) === text) return current;
      const next = new Map(current);
      if (text === null) next.delete(key);
      else next.set(key, text);
      return next;
    });

  const loadHistory = (key: string) =>
    void sendMessage('itemHistory', key).then((answer) =>
      setHistories((current) => {
        if (!current.has(key)) return current;
        const state: HistoryState = answer.ok
          ? { state: 'loaded', events: answer.events }
          : answer.error === 'signed-out'
            ? { state: 'signed-out' }
            : { state: 'failed', reason: answer.detail };
        return new Map(current).set(key, state);
      }),
    );

  const live = useQueueView(filters, limit, tick, {
    onNotice: (notice) => setNotice(notice.key, noticeText(notice, t)),
    // An open history follows its item's changes.
    onChanged: (keys) => keys.forEach((key) => histories.has(key) && loadHistory(key)),
  });

  useEffect(() => {
    void readOrgConfig().then(setOrg);
    const unwatch = orgConfigItem.watch(() => void readOrgConfig().then(setOrg));
    void sendMessage('syncStatus', undefined).then((current) => {
      setStatus(current);
      // A department's One-Point Contact starts on their own department's queue.
      const scope = defaultScope(current.user);
      if (scope.kind !== 'all') setFiltersState((f) => ({ ...f, scope }));
      if (current.user?.role === 'approver') setView('approvals');
    });
    const timer = setInterval(() => {
      setTick((n) => n + 1);
      // The server clock's offset moves when this computer's clock is set: the deadlines follow it.
      void sendMessage('syncStatus', undefined).then(setStatus, () => undefined);
    }, CLOCK_TICK_MS);
    return () => {
      unwatch();
      clearInterval(timer);
    };
  }, []);
  useEffect(() => {
    document.title = t('queue.title');
  }, [language]);

  const now = useMemo(() => serverNow(status?.clockOffsetMs), [tick, live.answer, status]);
  const formatter = useMemo(
    () =>
      new Intl.DateTimeFormat(language === 'hi' ? 'hi-IN' : 'en-IN', {
        timeZone: org?.sla.timeZone,
        day: 'numeric',
        month: 'short',
        hour: '2-digit',
        minute: '2-digit',
      }),
    [language, org?.sla.timeZone],
  );
  // The background sorted and counted the view; the clocks of the rows drawn are worked out here, on this page's clock.
  const queue = useMemo<QueueView | null>(
    () =>
      org && live.answer
        ? { rows: live.answer.rows.map((triage) => ({ triage, sla: queueSla(triage, org.sla, now) })), counts: live.answer.counts }
        : null,
    [live.answer, org, now],
  );
  if (!org || !queue) return null;

  const user = status?.signedIn && status.user ? status.user : null;
  const onAction = (triage: Triage, op: MutationOp) => {
    setNotice(triage.key, null);
    void sendMessage('mutate', { item: triage.item, op }).then((outcome) => {
      live.refresh();
      if (outcome.outcome !== 'applied') setNotice(triage.key, noticeText({ kind: outcome.outcome, reason: outcome.reason }, t));
    });
  };
  const onToggleHistory = (key: string) => {
    if (histories.has(key)) {
      const next = new Map(histories);
      next.delete(key);
      setHistories(next);
      return;
    }
    setHistories(new Map(histories).set(key, { state: 'loading' }));
    loadHistory(key);
  };
  const onOpen = (triage: Triage) => {
    if (isPlatformPermalink(triage.item.platform, triage.item.permalink)) void browser.tabs.create({ url: triage.item.permalink });
  };

  return (
    <I18nContext.Provider value={{ language, t }}>
      <header class="panel-head">
        <h1>{t('queue.title')}</h1>
        <nav class="panel-views" aria-label={t('queue.views')}>
          {VIEWS.map(({ id, label }) => (
            <button key={id} type="button" data-queue-view={id} aria-pressed={view === id} onClick={() => setView(id)}>
              {t(label)}
            </button>
          ))}
        </nav>
        {user ? (
          <p class="muted">{t('queue.user', { name: user.name, role: t(`role.${user.role}`) })}</p>
        ) : (
          status && <p class="muted">{t('queue.signedOut')}</p>
        )}
      </header>
      {view === 'queue' && (
        <Queue
          view={queue}
          filters={filters}
          onFilters={setFilters}
          departments={org.departments}
          policy={org.sla}
          user={user}
          slaText={(row) => formatSla(row.sla, now, t)}
          formatTime={(at) => formatter.format(at)}
          notices={notices}
          histories={histories}
          authorOf={(key) => live.answer?.followUpAuthors[key]}
          onShowMore={() => setLimit(limit + PAGE_SIZE)}
          onAction={onAction}
          onOpen={onOpen}
          onToggleHistory={onToggleHistory}
        />
      )}
      {view === 'approvals' && <ApprovalsPage />}
    </I18nContext.Provider>
  );
}
