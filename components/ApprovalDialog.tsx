import { useLayoutEffect, useRef } from 'preact/hooks';
import type { GuardFinding } from '../lib/guard/protocol';
import { useI18n } from '../lib/i18n';
import { FindingEntry } from './GuardPanel';

/**
 * Where the draft stands: `ask` — it may be sent for approval; `pending` — this text already waits for the
 * approver; `rejected` — the approver rejected this text (with `note`); `expired` — its approval lapsed;
 * `new-post` — not a reply, so there is no item to ask on; `unassigned` — the comment has no department,
 * so there is no approver to ask yet (the server would refuse the request).
 */
/** `unidentified`: a reply whose comment Samvad could not tell, held because the policy may hold it. */
export type ApprovalDialogState = 'ask' | 'pending' | 'rejected' | 'expired' | 'new-post' | 'unassigned' | 'unidentified';

export interface ApprovalDialogProps {
  state: ApprovalDialogState;
  /** Why the policy asks for approval, one sentence each, already in the UI language. */
  reasons: string[];
  /** The draft's `block` findings, when they are among the reasons. */
  findings: GuardFinding[];
  /** The approver's note on a rejection. */
  note: string;
  /** Set after a failed attempt to send the request. */
  error: string;
  busy: boolean;
  onRequest: () => void;
  onCancel: () => void;
}

/**
 * Shown by the post gate when a reply needs an approver's release: a modal `<dialog>` that offers to send
 * this exact draft for approval, or to go back to it.
 */
export function ApprovalDialog({ state, reasons, findings, note, error, busy, onRequest, onCancel }: ApprovalDialogProps) {
  const { t } = useI18n();
  const dialogRef = useRef<HTMLDialogElement>(null);

  useLayoutEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  const canRequest = state === 'ask' || state === 'rejected' || state === 'expired';
  const standing =
    state === 'pending'
      ? t('approval.pending')
      : state === 'rejected'
        ? note
          ? t('approval.rejectedNote', { note })
          : t('approval.rejected')
        : state === 'expired'
          ? t('approval.expired')
          : state === 'new-post'
            ? t('approval.newPost')
            : state === 'unassigned'
              ? t('approval.unassigned')
              : state === 'unidentified'
                ? t('gate.approval.unidentified')
                : '';

  return (
    <dialog
      ref={dialogRef}
      class="block-dialog"
      data-samvad-approval=""
      data-state={state}
      aria-labelledby="samvad-approval-title"
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <h2 id="samvad-approval-title">{t('approval.title')}</h2>
      <p>{t('approval.intro')}</p>
      <ul class="reasons">
        {reasons.map((reason) => (
          <li key={reason}>{reason}</li>
        ))}
      </ul>
      {findings.length > 0 && (
        <ul class="findings">
          {findings.map((finding, index) => (
            <FindingEntry key={`${finding.ruleId}:${finding.start}:${index}`} finding={finding} />
          ))}
        </ul>
      )}
      {standing && (
        <p class="standing" data-approval-standing={state}>
          {standing}
        </p>
      )}
      {error && (
        <p class="error" role="alert" data-error="request">
          {error}
        </p>
      )}
      <div class="actions">
        <button type="button" data-action="cancel" autoFocus onClick={onCancel}>
          {t('approval.cancel')}
        </button>
        {canRequest && (
          <button type="button" data-action="request-approval" disabled={busy} onClick={onRequest}>
            {t('approval.request')}
          </button>
        )}
      </div>
    </dialog>
  );
}
