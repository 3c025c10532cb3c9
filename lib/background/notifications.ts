import type { PublicUser } from '../contract/api';
import type { ItemKey } from '../contract/item';
import type { Department, OrgConfig, SlaPolicy } from '../contract/org';
import type { Triage } from '../contract/triage';
import type { MessageKey, Translate, UiLanguage } from '../i18n';
import { approvalRows, type ApproverMark } from '../triage/approvals';
import { buildQueue, defaultScope, overdueCount } from '../triage/queue';

/**
 * Telling people (issue 11): browser notifications, each at most once per item and event, and the
 * toolbar icon's badge. The Notifier is generic: a feature describes what happened as `Notice`s (an id
 * that names the item and the event, and catalogue keys for the text); the Notifier shows each new one
 * once, in the user's language, unless they switched notifications off.
 */
export interface Notice {
  /** Unique per item and event ("assigned:x:1:<time>"): a notice with an id already shown is not shown again. */
  id: string;
  title: MessageKey;
  body: MessageKey;
  params?: Record<string, string | number>;
  /** The item it is about, if any (a click opens the queue). */
  itemKey?: ItemKey;
}

export interface NotifierDeps {
  /** Shows one browser notification. */
  show(id: string, title: string, message: string): Promise<void>;
  /** The user's preference (options page). */
  enabled(): Promise<boolean>;
  translator(): Promise<Translate>;
  /** The ids already shown (or passed over while switched off), kept across service-worker restarts. */
  loadShown(): Promise<string[]>;
  saveShown(ids: string[]): Promise<void>;
}

/** More new notices than this at once (a first sign-in, a morning's backlog) are summed up in one. */
export const MAX_AT_ONCE = 3;
/** Ids remembered: enough for every open item's events, bounded so the list never grows for ever. */
const REMEMBERED = 20_000;

export class Notifier {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: NotifierDeps) {}

  /** Shows the notices not shown before; returns the ids it showed. Calls are handled one after another. */
  notify(notices: readonly Notice[]): Promise<string[]> {
    const run = this.queue.then(() => this.run(notices));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async run(notices: readonly Notice[]): Promise<string[]> {
    if (notices.length === 0) return [];
    const shown = await this.deps.loadShown();
    const known = new Set(shown);
    const fresh = notices.filter((notice, index) => !known.has(notice.id) && notices.findIndex((n) => n.id === notice.id) === index);
    if (fresh.length === 0) return [];
    // Switched off: remembered all the same, so switching on again does not bring back old news.
    await this.deps.saveShown([...shown, ...fresh.map((n) => n.id)].slice(-REMEMBERED));
    if (!(await this.deps.enabled())) return [];
    const t = await this.deps.translator();
    const first = fresh.slice(0, MAX_AT_ONCE);
    for (const notice of first) await this.deps.show(notice.id, t(notice.title, notice.params), t(notice.body, notice.params));
    const rest = fresh.length - first.length;
    if (rest > 0) await this.deps.show(`summary:${fresh[MAX_AT_ONCE]!.id}`, t('notify.moreTitle'), t('notify.moreBody', { n: rest }));
    return first.map((notice) => notice.id);
  }
}

const EXCERPT = 120;
function excerpt(text: string): string {
  const squashed = text.replace(/\s+/g, ' ').trim();
  return squashed.length > EXCERPT ? `${squashed.slice(0, EXCERPT - 1)}…` : squashed;
}

/**
 * What the signed-in user must be told about the queue now: a department's users about a new assignment
 * to their department and an item due soon (SlaPolicy.dueSoonMinutes before the breach), moderators and
 * admins about breaches. Pure: called on every change of the rows and on the sync alarm.
 */
export function queueNotices(
  triages: readonly Triage[],
  user: Pick<PublicUser, 'role' | 'departmentId' | 'name'>,
  { policy, now, departments, language }: { policy: SlaPolicy; now: Date; departments: readonly Department[]; language: UiLanguage },
): Notice[] {
  const { rows } = buildQueue(triages, { scope: defaultScope(user), status: 'active' }, { policy, now });
  const departmentName = (id: string | null) => departments.find((d) => d.id === id)?.name[language] ?? id ?? '';
  const notices: Notice[] = [];
  for (const { triage, sla } of rows) {
    const params = { author: triage.item.author.name, text: excerpt(triage.item.text), department: departmentName(triage.departmentId) };
    if (user.role === 'department') {
      if (triage.assignedAt && triage.assignedBy !== user.name) {
        notices.push({ id: `assigned:${triage.key}:${triage.assignedAt}`, title: 'notify.assignedTitle', body: 'notify.body', params, itemKey: triage.key });
      }
      if (sla.state === 'due-soon' && sla.stage) {
        const title = sla.stage === 'final' ? 'notify.dueSoonFinalTitle' : 'notify.dueSoonTitle';
        notices.push({ id: `due-soon:${triage.key}:${sla.stage}`, title, body: 'notify.body', params, itemKey: triage.key });
      }
    } else if ((user.role === 'moderator' || user.role === 'admin') && sla.state === 'overdue' && sla.stage) {
      const title = sla.stage === 'final' ? 'notify.overdueFinalTitle' : 'notify.overdueTitle';
      notices.push({ id: `overdue:${triage.key}:${sla.stage}`, title, body: 'notify.body', params, itemKey: triage.key });
    }
  }
  return notices;
}

/**
 * What the signed-in user must be told about approvals now (issue 12): an approver (or the delegate, while
 * the approver is away) about each request waiting for their decision, as their approvals view lists it;
 * whoever asked about the decision on their request. A decision older than an approval lasts is no news
 * (a first sign-in does not bring back last month's). Pure, like queueNotices.
 */
export function approvalNotices(
  triages: readonly Triage[],
  user: Pick<PublicUser, 'role' | 'email' | 'departmentId' | 'away' | 'name'>,
  { org, approvers, now, language }: { org: OrgConfig; approvers: ApproverMark[] | null; now: Date; language: UiLanguage },
): Notice[] {
  const departmentName = (id: string | null) => org.departments.find((d) => d.id === id)?.name[language] ?? id ?? '';
  const notices: Notice[] = [];
  if (user.role === 'approver') {
    for (const { triage, approval, department } of approvalRows([...triages], org, user, approvers, now).rows) {
      notices.push({
        id: `approval-requested:${approval.id}`,
        title: 'ap12.notify.requestTitle',
        body: 'ap12.notify.requestBody',
        params: { department: department.name[language], requester: approval.requestedBy, draft: excerpt(approval.text) },
        itemKey: triage.key,
      });
    }
  }
  const lasts = org.approvals.expiresMinutes * 60_000;
  for (const triage of triages) {
    // Rows stored before approvals existed have none.
    for (const approval of triage.approvals ?? []) {
      if (approval.requestedBy !== user.name || approval.state === 'requested' || !approval.decidedAt) continue;
      if (now.getTime() - Date.parse(approval.decidedAt) > lasts) continue;
      const approved = approval.state === 'approved';
      notices.push({
        id: `approval-decided:${approval.id}`,
        title: approved ? 'ap12.notify.approvedTitle' : 'ap12.notify.rejectedTitle',
        body: approval.note ? 'ap12.notify.decidedBodyNote' : 'ap12.notify.decidedBody',
        params: { department: departmentName(triage.departmentId), approver: approval.decidedBy ?? '', note: excerpt(approval.note ?? ''), draft: excerpt(approval.text) },
        itemKey: triage.key,
      });
    }
  }
  return notices;
}

/** The badge text: the signed-in user's overdue items ("" for none, "999+" past that). */
export function badgeText(
  triages: readonly Triage[],
  user: Pick<PublicUser, 'role' | 'departmentId'> | null,
  options: { policy: SlaPolicy; now: Date },
): string {
  const n = overdueCount(triages, user, options);
  return n === 0 ? '' : n > 999 ? '999+' : String(n);
}
