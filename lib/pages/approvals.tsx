import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { ApprovalsView } from '../../components/ApprovalsView';
import type { PublicUser } from '../contract/api';
import { isPlatformPermalink } from '../contract/item';
import type { OrgConfig } from '../contract/org';
import type { Triage } from '../contract/triage';
import { I18nContext } from '../i18n';
import { formatAgo } from '../i18n/format';
import { sendMessage, TriageList } from '../messaging';
import { watchOrgConfig } from '../settings';
import { QUEUE_PORT } from '../sites';
import type { Approver } from '../sync/engine';
import { approvalRows, type ApprovalRow } from '../triage/approvals';
import { serverNow } from '../triage/sla';
import { useLanguage } from './use-language';

/** How often the approvers' away marks are asked again (they are not rows: no change announces them). */
const APPROVERS_REFRESH_MS = 15_000;

/** The approvals view's page logic: mountable on its own (the side panel's view switch shows it). */
export function ApprovalsPage() {
  const { language, t } = useLanguage();
  const [org, setOrg] = useState<OrgConfig | null>(null);
  const [triages, setTriages] = useState<Triage[]>([]);
  const [user, setUser] = useState<PublicUser | null>(null);
  const [approvers, setApprovers] = useState<Approver[] | null>(null);
  // The server's clock: a request's expiry counts on it, whatever this browser's clock says.
  const [now, setNow] = useState(() => new Date());

  const refresh = () => {
    void sendMessage('listTriage', undefined).then((rows) => setTriages(TriageList.parse(rows)));
    void sendMessage('syncStatus', undefined).then((status) => {
      setNow(serverNow(status.clockOffsetMs));
      setUser(status.signedIn ? status.user : null);
    });
  };
  const refreshApprovers = () =>
    void sendMessage('listApprovers', undefined).then((answer) => {
      if (answer.ok) setApprovers(answer.approvers);
    });

  useEffect(() => {
    const unwatch = watchOrgConfig(setOrg);
    refresh();
    refreshApprovers();
    const approversTimer = setInterval(refreshApprovers, APPROVERS_REFRESH_MS);
    // The background announces changed rows on this port (as to the queue): the view reads again then, not on a timer.
    let port: ReturnType<typeof browser.runtime.connect> | null = null;
    let closed = false;
    const hold = () => {
      port = browser.runtime.connect({ name: QUEUE_PORT });
      port.onMessage.addListener(refresh);
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
      clearInterval(approversTimer);
      removeEventListener('focus', refresh);
    };
  }, []);

  if (!org) return null;
  const approver = user?.role === 'approver' ? user : null;
  const { rows, decidingFor } = approver ? approvalRows(triages, org, approver, approvers, now) : { rows: [], decidingFor: [] };

  const decide = async (row: ApprovalRow, decision: 'approved' | 'rejected', note: string): Promise<string | null> => {
    try {
      const op = { type: 'decideApproval' as const, approvalId: row.approval.id, decision, textHash: row.approval.textHash, ...(note ? { note } : {}) };
      const result = await sendMessage('mutate', { item: row.triage.item, op });
      refresh();
      return result.outcome === 'rejected' ? result.reason : null;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  };

  const setAway = async (away: boolean): Promise<string | null> => {
    const result = await sendMessage('setAway', away);
    refresh();
    refreshApprovers();
    return result.ok ? null : result.detail;
  };

  return (
    <I18nContext.Provider value={{ language, t }}>
      <ApprovalsView
        approver={approver ? { name: approver.name, away: approver.away === true } : null}
        rows={rows}
        decidingFor={decidingFor}
        ago={(iso) => formatAgo(new Date(iso), now, t)}
        onDecide={decide}
        onOpen={(triage) => {
          if (isPlatformPermalink(triage.item.platform, triage.item.permalink)) void browser.tabs.create({ url: triage.item.permalink });
        }}
        onAway={setAway}
      />
    </I18nContext.Provider>
  );
}
