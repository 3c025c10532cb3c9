import type { Triage } from '../lib/contract/triage';
import { useState } from 'preact/hooks';
import type { Department } from '../lib/contract/org';
import { useI18n } from '../lib/i18n';
import type { ApprovalRow } from '../lib/triage/approvals';

export type { ApprovalRow };

export interface ApprovalsViewProps {
  /** The signed-in approver; null when nobody is signed in as an approver. */
  approver: { name: string; away: boolean } | null;
  rows: ApprovalRow[];
  /** The departments whose requests this approver decides now. */
  decidingFor: Department[];
  /** "5 min ago" for a request's time. */
  ago: (iso: string) => string;
  /** Sends the decision (through the outbox); resolves with why it was refused, or null. */
  onDecide: (row: ApprovalRow, decision: 'approved' | 'rejected', note: string) => Promise<string | null>;
  onOpen: (triage: Triage) => void;
  /** Marks the approver away (true) or back (false); resolves with why it failed, or null. */
  onAway: (away: boolean) => Promise<string | null>;
}

/**
 * The approver's view of the side panel (BIS circular: content released only after the Activity Head,
 * or the department head when they are unavailable, approves it): each waiting request with the
 * comment, the exact draft and its guideline findings, approved or rejected with a note. Comment and
 * draft are shown as text only.
 */
export function ApprovalsView({ approver, rows, decidingFor, ago, onDecide, onOpen, onAway }: ApprovalsViewProps) {
  const { language, t } = useI18n();
  const [awayProblem, setAwayProblem] = useState('');
  if (!approver) {
    return (
      <section class="approvals">
        <p class="muted">{t('approvals.notApprover')}</p>
      </section>
    );
  }
  const toggleAway = async () => {
    const problem = await onAway(!approver.away);
    setAwayProblem(problem ? t('approvals.awayFailed', { reason: problem }) : '');
  };
  return (
    <section class="approvals">
      <p class="approvals-away" data-away={String(approver.away)}>
        {approver.away ? t('approvals.awayNow') : t('approvals.presentNow')}{' '}
        <button type="button" data-action={approver.away ? 'mark-back' : 'mark-away'} onClick={() => void toggleAway()}>
          {approver.away ? t('approvals.markBack') : t('approvals.markAway')}
        </button>
      </p>
      {awayProblem && (
        <p class="error" role="alert">
          {awayProblem}
        </p>
      )}
      <p class="muted">
        {decidingFor.length
          ? t('approvals.departments', { departments: decidingFor.map((d) => d.name[language]).join(', ') })
          : t('approvals.noDepartments')}
      </p>
      <p class="muted" data-approvals-count={rows.length}>
        {rows.length ? t('approvals.count', { n: rows.length }) : t('approvals.empty')}
      </p>
      {rows.length > 0 && (
        <ol class="queue-rows">
          {rows.map((row) => (
            <ApprovalRequest key={row.approval.id} row={row} ago={ago} onDecide={onDecide} onOpen={onOpen} />
          ))}
        </ol>
      )}
    </section>
  );
}

function ApprovalRequest({
  row,
  ago,
  onDecide,
  onOpen,
}: {
  row: ApprovalRow;
  ago: (iso: string) => string;
  onDecide: ApprovalsViewProps['onDecide'];
  onOpen: (triage: Triage) => void;
}) {
  const { language, t } = useI18n();
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState('');
  const [sending, setSending] = useState(false);
  const { triage, approval, department, asDelegateFor } = row;
  const decide = async (decision: 'approved' | 'rejected') => {
    if (decision === 'rejected' && note.trim() === '') {
      setProblem(t('approvals.noteRequired'));
      return;
    }
    setSending(true);
    const refused = await onDecide(row, decision, note.trim());
    setSending(false);
    setProblem(refused ? t('approvals.decideFailed', { reason: refused }) : '');
  };
  return (
    <li class="queue-row approval-row" data-queue-item={triage.key} data-approval-id={approval.id} data-department={department.id}>
      <div class="queue-head">
        <strong>{t('approvals.department', { department: department.name[language] })}</strong>
        {triage.flags.length > 0 && <span> · {t('approvals.flags', { flags: triage.flags.map((f) => t(`flag.${f}`)).join(', ') })}</span>}
      </div>
      <div class="muted">{t('approvals.requestedBy', { name: approval.requestedBy, ago: ago(approval.requestedAt) })}</div>
      {asDelegateFor && <div class="muted">{t('approvals.asDelegate', { approver: asDelegateFor })}</div>}
      <h3>{t('approvals.comment', { author: triage.item.author.name })}</h3>
      <p class="queue-text" lang={triage.item.lang} data-approval-part="comment">
        {triage.item.text}
      </p>
      <h3>{t('approvals.draft')}</h3>
      <p class="queue-text approval-draft" data-approval-part="draft">
        {approval.text}
      </p>
      <h3>{t('approvals.findings')}</h3>
      {approval.findings.length === 0 ? (
        <p class="muted">{t('approvals.noFindings')}</p>
      ) : (
        <ul>
          {approval.findings.map((finding, i) => (
            <li key={`${finding.ruleId}-${i}`} data-finding data-rule={finding.ruleId} data-category={finding.category} data-severity={finding.severity}>
              {t('approvals.finding', { severity: t(`guard.severity.${finding.severity}`), category: finding.category, rule: finding.ruleId })}
            </li>
          ))}
        </ul>
      )}
      <label style={{ display: 'block' }}>
        {t('approvals.note')}
        <textarea
          name="note"
          rows={2}
          style={{ display: 'block', width: '100%', boxSizing: 'border-box' }}
          value={note}
          aria-invalid={problem !== '' && note.trim() === '' ? 'true' : undefined}
          aria-describedby={problem ? `approval-problem-${approval.id}` : undefined}
          onInput={(event) => setNote(event.currentTarget.value)}
        />
      </label>
      {problem && (
        <p class="error" role="alert" id={`approval-problem-${approval.id}`}>
          {problem}
        </p>
      )}
      <button type="button" data-action="approve" disabled={sending} onClick={() => void decide('approved')}>
        {t('approvals.approve')}
      </button>{' '}
      <button type="button" data-action="reject" disabled={sending} onClick={() => void decide('rejected')}>
        {t('approvals.reject')}
      </button>{' '}
      <button type="button" data-action="open-comment" onClick={() => onOpen(triage)}>
        {t('approvals.openComment')}
      </button>
    </li>
  );
}
