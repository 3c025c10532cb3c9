import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { GuardFinding } from '../lib/guard/protocol';
import { useI18n } from '../lib/i18n';
import type { PrivateField } from '../lib/private-field/host';
import { FindingEntry } from './GuardPanel';
import { PrivateTextField } from './PrivateTextField';

export interface GuardBlockDialogProps {
  /** The findings that hold the post back (severity `block`). */
  findings: GuardFinding[];
  /** Whether an override is recorded on a comment (a reply), or the draft is a new post. */
  recordsOnItem: boolean;
  /** Set after a failed attempt to record the override. */
  error: string;
  busy: boolean;
  onOverride: (reason: string) => void;
  onCancel: () => void;
}

/**
 * Shown when posting is held back: a modal `<dialog>` (top layer, the page behind it inert) offering
 * to go back to the draft, or to post anyway with a written reason.
 */
export function GuardBlockDialog({ findings, recordsOnItem, error, busy, onOverride, onCancel }: GuardBlockDialogProps) {
  const { t } = useI18n();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const reasonRef = useRef<PrivateField | null>(null);
  const [reason, setReason] = useState('');
  const [missingReason, setMissingReason] = useState(false);

  // Opened in the same task as the render, so the dialog is never seen closed.
  useLayoutEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  const override = async () => {
    const typed = (await reasonRef.current?.read()) ?? reason;
    if (typed.trim() === '') {
      setMissingReason(true);
      reasonRef.current?.focus();
      return;
    }
    onOverride(typed.trim());
  };

  return (
    <dialog
      ref={dialogRef}
      class="block-dialog"
      data-samvad-block=""
      aria-labelledby="samvad-block-title"
      // Escape closes a modal dialog: that is a cancel.
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <h2 id="samvad-block-title">{t('guard.block.title')}</h2>
      <p>{t(recordsOnItem ? 'guard.block.intro' : 'guard.block.introNewPost')}</p>
      <ul class="findings">
        {findings.map((finding, index) => (
          <FindingEntry key={`${finding.ruleId}:${finding.start}:${index}`} finding={finding} />
        ))}
      </ul>
      {/* The reason is internal: typed in a frame whose keys the site cannot hear. */}
      <div class="reason">
        <span aria-hidden="true">{t('guard.block.reason')}</span>
        <PrivateTextField
          name="reason"
          label={t('guard.block.reason')}
          rows={3}
          invalid={missingReason}
          fieldRef={reasonRef}
          onInput={(value) => {
            setReason(value);
            setMissingReason(false);
          }}
          onSubmit={() => void override()}
          onCancel={onCancel}
        />
      </div>
      {missingReason && (
        <p class="error" role="alert" data-error="reason">
          {t('guard.block.reasonRequired')}
        </p>
      )}
      {error && (
        <p class="error" role="alert" data-error="record">
          {error}
        </p>
      )}
      <div class="actions">
        <button type="button" data-action="cancel" autoFocus onClick={onCancel}>
          {t('guard.block.cancel')}
        </button>
        <button type="button" data-action="override" class="danger" disabled={busy} onClick={() => void override()}>
          {t('guard.block.override')}
        </button>
      </div>
    </dialog>
  );
}
