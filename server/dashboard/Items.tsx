import { useEffect, useState } from 'preact/hooks';
import type { AuditEvent } from '../../lib/contract/api';
import { isPlatformPermalink, type PlatformId } from '../../lib/contract/item';
import type { OrgConfig } from '../../lib/contract/org';
import type { ItemDetailResponse, ItemRow, ThreadItem } from '../../lib/contract/reports';
import { useI18n, type MessageKey, type Translate } from '../../lib/i18n';
import { reasonOf, type DashboardApi, type ReportFilters } from './api';

const STATUS_KEYS: Record<string, MessageKey> = {
  open: 'dashboard.statusOpen',
  accepted: 'dashboard.statusAccepted',
  replied: 'dashboard.statusReplied',
  closed: 'dashboard.statusClosed',
};
const SOURCE_KEYS: Record<string, MessageKey> = { seen: 'dashboard.sourceSeen', manual: 'dashboard.sourceManual', composer: 'dashboard.sourceComposer' };
const THREAD_KEYS: Record<ThreadItem['relation'], MessageKey> = { parent: 'dash13.threadParent', sibling: 'dash13.threadSibling', reply: 'dash13.threadReply' };

const outcome = (t: Translate, met: boolean | null) => (met === null ? t('dashboard.pending') : met ? t('dashboard.met') : t('dashboard.missed'));

function useTime(org: OrgConfig) {
  const { language, t } = useI18n();
  const format = new Intl.DateTimeFormat(language === 'hi' ? 'hi-IN' : 'en-IN', { dateStyle: 'medium', timeStyle: 'short', timeZone: org.sla.timeZone });
  return (iso: string | null | undefined) => (iso ? format.format(new Date(iso)) : t('dashboard.nobody'));
}

/** A link to the platform, only when it is an https link on the platform's own hosts (lib/contract/item). */
function PlatformLink({ platform, href, label }: { platform: PlatformId; href: string | undefined; label: string }) {
  const { t } = useI18n();
  if (!href || !isPlatformPermalink(platform, href)) return <span class="muted">{t('dashboard.unsafeLink')}</span>;
  return (
    <a href={href} target="_blank" rel="noopener noreferrer" data-permalink>
      {label}
    </a>
  );
}

export function ItemsView(props: { api: DashboardApi; org: OrgConfig; filters: ReportFilters; openItem: string | null; onOpen: (key: string | null) => void }) {
  return props.openItem ? <ItemView {...props} itemKey={props.openItem} /> : <ItemList {...props} />;
}

function ItemList({ api, org, filters, onOpen }: { api: DashboardApi; org: OrgConfig; filters: ReportFilters; onOpen: (key: string) => void }) {
  const { language, t } = useI18n();
  const time = useTime(org);
  const [rows, setRows] = useState<ItemRow[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const load = async (after: string | null) => {
    try {
      const page = await api.items(filters, after);
      setRows((current) => [...(after && current ? current : []), ...page.items]);
      setNext(page.next);
      setProblem(null);
    } catch (error) {
      setProblem(t('dashboard.failed', { reason: await reasonOf(error) }));
    }
  };
  useEffect(() => void load(null), [api, filters.from, filters.to, filters.department, filters.platform]);
  const departmentName = (id: string | null) => (id ? (org.departments.find((d) => d.id === id)?.name[language] ?? id) : t('dashboard.notAssigned'));

  if (problem) return <p class="error" role="alert">{problem}</p>;
  if (!rows) return <p class="muted">{t('dashboard.loading')}</p>;
  if (rows.length === 0) return <p class="muted">{t('dashboard.noItems')}</p>;
  return (
    <section>
      <table data-table="items">
        <thead>
          <tr>
            <th>{t('dashboard.commentAt')}</th>
            <th>{t('dashboard.comment')}</th>
            <th>{t('dashboard.department')}</th>
            <th>{t('dashboard.status')}</th>
            <th>{t('dashboard.interimMet')}</th>
            <th>{t('dashboard.finalMet')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key} data-item={row.key}>
              <td>{time(row.commentAt)}</td>
              <td class="comment-cell">
                <span class="muted">{row.author}</span> {row.text}
              </td>
              <td>{departmentName(row.departmentId)}</td>
              <td>{t(STATUS_KEYS[row.status] ?? 'dashboard.statusOpen')}</td>
              <td>{outcome(t, row.interimMet)}</td>
              <td>{outcome(t, row.finalMet)}</td>
              <td>
                <button type="button" data-action="open-item" onClick={() => onOpen(row.key)}>
                  {t('dashboard.openItem')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {next && (
        <button type="button" data-action="more-items" onClick={() => void load(next)}>
          {t('dashboard.more')}
        </button>
      )}
    </section>
  );
}

/** What a history event did, in a line: the op and its fields (assign → the department, flag → which and on/off…). */
function describeEvent(event: AuditEvent): string {
  const op = event.detail.op as ({ type?: string } & Record<string, unknown>) | undefined;
  if (!op) return event.kind;
  const { type, text, ...rest } = op;
  const fields = Object.entries(rest)
    .filter(([, value]) => value !== undefined && value !== null)
    .map(([name, value]) => `${name}: ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`);
  const excerpt = typeof text === 'string' ? [`“${text.length > 140 ? `${text.slice(0, 140)}…` : text}”`] : [];
  return [type ?? event.kind, ...fields, ...excerpt].join(' · ');
}

function ItemView({ api, org, itemKey, onOpen }: { api: DashboardApi; org: OrgConfig; itemKey: string; onOpen: (key: string | null) => void }) {
  const { language, t } = useI18n();
  const time = useTime(org);
  const [detail, setDetail] = useState<ItemDetailResponse | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    setDetail(null);
    api.item(itemKey).then(setDetail, async (error: unknown) => setProblem(t('dashboard.failed', { reason: await reasonOf(error) })));
  }, [api, itemKey]);
  const back = (
    <button type="button" data-action="back" onClick={() => onOpen(null)}>
      {t('dashboard.back')}
    </button>
  );
  if (problem) return <section>{back}<p class="error" role="alert">{problem}</p></section>;
  if (!detail) return <p class="muted">{t('dashboard.loading')}</p>;
  const { triage, history } = detail;
  const names = new Map(detail.actors.map((a) => [a.id, a.name]));
  const who = (id: string | undefined) => (id ? (names.get(id) ?? id) : t('dashboard.nobody'));
  const department = triage.departmentId ? (org.departments.find((d) => d.id === triage.departmentId)?.name[language] ?? triage.departmentId) : t('dashboard.notAssigned');
  const platform = triage.item.platform;

  return (
    <section class="item-view" data-item-view={triage.key}>
      {back}
      <h2>{t('dashboard.itemTitle', { key: triage.key })}</h2>
      <blockquote class="comment">
        <p class="muted">
          {triage.item.author.name} {triage.item.author.handle} · {time(triage.item.createdAt)}
        </p>
        <p class="comment-text">{triage.item.text}</p>
        <PlatformLink platform={platform} href={triage.item.permalink} label={t('dashboard.openOnPlatform')} />
      </blockquote>
      <p>
        {department} · {t(STATUS_KEYS[triage.status] ?? 'dashboard.statusOpen')} ·{' '}
        {t('dashboard.due', { interim: time(triage.due?.interimAt), final: time(triage.due?.finalAt) })}
      </p>

      <h3>{t('dash13.thread')}</h3>
      {detail.thread.length === 0 ? (
        <p class="muted">{t('dashboard.none')}</p>
      ) : (
        <ul data-table="thread">
          {detail.thread.map((other) => (
            <li key={other.key} data-thread-item={other.key} data-relation={other.relation}>
              <span class="muted">{t(THREAD_KEYS[other.relation])}</span> · {other.author} · {time(other.createdAt)}:{' '}
              <span class="comment-text">{other.text}</span>{' '}
              <button type="button" class="link" data-action="open-thread-item" onClick={() => onOpen(other.key)}>
                {other.key}
              </button>
            </li>
          ))}
        </ul>
      )}

      {(triage.followUpOf || triage.followUps.length > 0) && (
        <>
          <h3>{t('dashboard.followUps')}</h3>
          <ul>
            {triage.followUpOf && (
              <li>
                {t('dashboard.followUpOf')}:{' '}
                <button type="button" class="link" data-follow-up={triage.followUpOf} onClick={() => onOpen(triage.followUpOf!)}>
                  {triage.followUpOf}
                </button>
              </li>
            )}
            {triage.followUps.map((key) => (
              <li>
                <button type="button" class="link" data-follow-up={key} onClick={() => onOpen(key)}>
                  {key}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}

      <h3>{t('dashboard.replies')}</h3>
      {triage.replies.length === 0 ? (
        <p class="muted">{t('dashboard.none')}</p>
      ) : (
        <table data-table="replies">
          <thead>
            <tr>
              <th>{t('dashboard.when')}</th>
              <th>{t('dashboard.what')}</th>
              <th>{t('dashboard.proof')}</th>
            </tr>
          </thead>
          <tbody>
            {triage.replies.map((reply) => (
              <tr data-reply={reply.stage} data-source={reply.source}>
                <td>{time(reply.postedAt ?? reply.at)}</td>
                <td>
                  <strong>{t(reply.stage === 'interim' ? 'dashboard.stageInterim' : 'dashboard.stageFinal')}</strong> <span class="comment-text">{reply.text}</span>
                </td>
                <td>
                  {t(SOURCE_KEYS[reply.source] ?? 'dashboard.sourceComposer')} {reply.handle}{' '}
                  {reply.permalink && <PlatformLink platform={platform} href={reply.permalink} label={reply.replyId ?? t('dashboard.openOnPlatform')} />}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h3>{t('dashboard.itemApprovals')}</h3>
      {triage.approvals.length === 0 ? (
        <p class="muted">{t('dashboard.none')}</p>
      ) : (
        <table data-table="approvals">
          <thead>
            <tr>
              <th>{t('dashboard.status')}</th>
              <th>{t('dashboard.what')}</th>
              <th>{t('dashboard.requested')}</th>
              <th>{t('dashboard.approved')}</th>
            </tr>
          </thead>
          <tbody>
            {triage.approvals.map((approval) => (
              <tr data-approval={approval.id} data-state={approval.state}>
                <td>{t(approval.state === 'approved' ? 'dashboard.approved' : approval.state === 'rejected' ? 'dashboard.rejected' : 'dashboard.requested')}</td>
                <td class="comment-text">
                  {approval.text}
                  {approval.findings.length > 0 && <span class="muted"> · {approval.findings.map((f) => f.ruleId).join(', ')}</span>}
                  {approval.note && <span class="muted"> · {approval.note}</span>}
                </td>
                <td>
                  {who(approval.requestedBy)} · {time(approval.requestedAt)}
                </td>
                <td>{approval.decidedAt ? `${who(approval.decidedBy)} · ${time(approval.decidedAt)}` : t('dashboard.nobody')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h3>{t('dashboard.history')}</h3>
      <table data-table="history">
        <thead>
          <tr>
            <th>{t('dashboard.when')}</th>
            <th>{t('dashboard.who')}</th>
            <th>{t('dashboard.what')}</th>
            <th>{t('dashboard.install')}</th>
          </tr>
        </thead>
        <tbody>
          {history.map((event) => (
            <tr data-history-event={event.id} data-kind={(event.detail.op as { type?: string } | undefined)?.type ?? event.kind}>
              <td>{time(event.at)}</td>
              <td>{event.actor?.name ?? t('dashboard.nobody')}</td>
              <td class="comment-text">{describeEvent(event)}</td>
              <td>
                <code>{event.clientId ?? t('dashboard.nobody')}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
