import type { PlatformId } from '../lib/contract/item';
import type { Department, SlaPolicy } from '../lib/contract/org';
import { FLAGS, type Flag, type MutationOp, type ReplyStage, type Triage } from '../lib/contract/triage';
import { useI18n } from '../lib/i18n';
import type { Acting } from '../lib/triage/permissions';
import { deadlines, queueActions, type QueueFilters, type QueueRow as Row, type QueueScope, type QueueView, type StatusFilter } from '../lib/triage/queue';
import type { HistoryState } from './ItemHistory';
import { QueueRow } from './QueueRow';

/** Rows drawn at first and per "show more": a queue of thousands is read from the top, most urgent first. */
export const PAGE_SIZE = 50;

interface QueueProps {
  /** The rows drawn (the first of the view) and the counts of the whole view. */
  view: QueueView;
  onShowMore: () => void;
  filters: QueueFilters;
  onFilters: (filters: QueueFilters) => void;
  departments: Department[];
  policy: SlaPolicy;
  /** Who is signed in (null: this browser's own queue, no team server). */
  user: Acting | null;
  /** The SLA sentence of a row ("Final reply due in 2 h 5 min"). */
  slaText: (row: Row) => string;
  formatTime: (at: Date) => string;
  notices: ReadonlyMap<string, string>;
  histories: ReadonlyMap<string, HistoryState>;
  /** Authors of items, by key, for "follow-up of …". */
  authorOf: (key: string) => string | undefined;
  onAction: (triage: Triage, op: MutationOp) => void;
  onOpen: (triage: Triage) => void;
  onToggleHistory: (key: string) => void;
}

const scopeValue = (scope: QueueScope) => (scope.kind === 'department' ? `department:${scope.departmentId}` : scope.kind);

function parseScope(value: string): QueueScope {
  if (value.startsWith('department:')) return { kind: 'department', departmentId: value.slice('department:'.length) };
  return value === 'unassigned' ? { kind: 'unassigned' } : { kind: 'all' };
}

const STATUS_FILTERS: StatusFilter[] = ['active', 'open', 'accepted', 'replied', 'closed', 'any'];
const PLATFORMS: PlatformId[] = ['x', 'facebook'];

/** The triage queue: what waits for a reply, most urgent first, with filters, search and counts. */
export function Queue(props: QueueProps) {
  const { view, filters, onFilters, departments, policy, user } = props;
  const { language, t } = useI18n();
  const set = (change: Partial<QueueFilters>) => onFilters({ ...filters, ...change });
  // A department user sees only their department's items: the server sends no others.
  const ownDepartmentOnly = user?.role === 'department';
  const { counts } = view;
  const { rows } = view;
  return (
    <section class="queue">
      <form class="queue-controls" aria-label={t('queue.filters')} onSubmit={(event) => event.preventDefault()}>
        <label>
          {t('queue.scope')}{' '}
          <select
            id="queue-scope"
            name="scope"
            value={scopeValue(filters.scope)}
            disabled={ownDepartmentOnly}
            onChange={(event) => set({ scope: parseScope(event.currentTarget.value) })}
          >
            <option value="all">{t('queue.all')}</option>
            <option value="unassigned">{t('queue.unassigned')}</option>
            {departments.map((d) => (
              <option key={d.id} value={`department:${d.id}`}>
                {d.name[language]}
              </option>
            ))}
          </select>
        </label>{' '}
        <label>
          {t('queue.status')}{' '}
          <select name="status" value={filters.status} onChange={(event) => set({ status: event.currentTarget.value as StatusFilter })}>
            {STATUS_FILTERS.map((status) => (
              <option key={status} value={status}>
                {status === 'active' ? t('queue.statusActive') : status === 'any' ? t('queue.statusAny') : t(`queue.status.${status}`)}
              </option>
            ))}
          </select>
        </label>{' '}
        <label>
          {t('queue.platform')}{' '}
          <select
            name="platform"
            value={filters.platform ?? ''}
            onChange={(event) => set({ platform: (event.currentTarget.value || undefined) as PlatformId | undefined })}
          >
            <option value="">{t('queue.platformAny')}</option>
            {PLATFORMS.map((platform) => (
              <option key={platform} value={platform}>
                {t(`queue.platform.${platform}`)}
              </option>
            ))}
          </select>
        </label>{' '}
        <label>
          {t('queue.flag')}{' '}
          <select name="flag" value={filters.flag ?? ''} onChange={(event) => set({ flag: (event.currentTarget.value || undefined) as Flag | undefined })}>
            <option value="">{t('queue.flagAny')}</option>
            {FLAGS.map((flag) => (
              <option key={flag} value={flag}>
                {t(`flag.${flag}`)}
              </option>
            ))}
          </select>
        </label>{' '}
        <label>
          {t('queue.stage')}{' '}
          <select
            name="stage"
            value={filters.stage ?? ''}
            onChange={(event) => set({ stage: (event.currentTarget.value || undefined) as ReplyStage | undefined })}
          >
            <option value="">{t('queue.stageAny')}</option>
            <option value="interim">{t('queue.stage.interim')}</option>
            <option value="final">{t('queue.stage.final')}</option>
          </select>
        </label>{' '}
        <label>
          {t('queue.search')}{' '}
          <input
            type="search"
            name="search"
            placeholder={t('queue.searchPlaceholder')}
            value={filters.search ?? ''}
            onInput={(event) => set({ search: event.currentTarget.value })}
          />
        </label>
      </form>
      <p class="queue-counts">
        <span data-queue-count={counts.shown}>{t('queue.count', { n: counts.shown })}</span> ·{' '}
        <span class="sla-overdue" data-count-sla="overdue" data-value={counts.bySla.overdue}>
          {t('queue.countOverdue', { n: counts.bySla.overdue })}
        </span>{' '}
        ·{' '}
        <span data-count-sla="due-soon" data-value={counts.bySla['due-soon']}>
          {t('queue.countDueSoon', { n: counts.bySla['due-soon'] })}
        </span>{' '}
        · <span class="muted">{t('queue.countStatus', counts.byStatus)}</span>
      </p>
      {rows.length === 0 ? (
        <p class="muted">{t('queue.empty')}</p>
      ) : (
        <ol class="queue-rows">
          {rows.map((row) => (
            <QueueRow
              key={row.triage.key}
              triage={row.triage}
              sla={row.sla}
              slaText={props.slaText(row)}
              deadlines={deadlines(row.triage, policy)}
              actions={queueActions(row.triage, user)}
              departments={departments}
              notice={props.notices.get(row.triage.key)}
              history={props.histories.get(row.triage.key)}
              followUpOfAuthor={row.triage.followUpOf ? props.authorOf(row.triage.followUpOf) : undefined}
              formatTime={props.formatTime}
              onAction={props.onAction}
              onOpen={props.onOpen}
              onToggleHistory={props.onToggleHistory}
            />
          ))}
        </ol>
      )}
      {counts.shown > rows.length && (
        <button type="button" data-action="show-more" onClick={props.onShowMore}>
          {t('queue.showMore', { n: Math.min(PAGE_SIZE, counts.shown - rows.length) })}
        </button>
      )}
    </section>
  );
}
