import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { isPlatformPermalink } from '../lib/contract/item';
import type { Department } from '../lib/contract/org';
import { CLOSE_REASONS, type CloseReason, type MutationOp, type ReplyStage, type Triage } from '../lib/contract/triage';
import { useI18n } from '../lib/i18n';
import type { Deadlines, QueueAction } from '../lib/triage/queue';
import type { SlaStatus } from '../lib/triage/sla';
import { ItemHistory, type HistoryState } from './ItemHistory';

export interface QueueRowProps {
  triage: Triage;
  sla: SlaStatus;
  /** The clock sentence ("Final reply due in 2 h 5 min"). */
  slaText: string;
  deadlines: Deadlines;
  actions: readonly QueueAction[];
  departments: Department[];
  /** Why the last action on this row was not done (refused or in conflict), if it was not. */
  notice?: string;
  history?: HistoryState;
  /** The author of the item this one follows up, when known. */
  followUpOfAuthor?: string;
  formatTime: (at: Date) => string;
  onAction: (triage: Triage, op: MutationOp) => void;
  onOpen: (triage: Triage) => void;
  onToggleHistory: (key: string) => void;
}

type Form = 'reassign' | 'note' | 'close' | 'mark-replied' | null;

/** A numeric "handle" is a profile id the site shows instead of a name: the name says more. */
const isNumber = (handle: string) => /^@?\d+$/.test(handle);

/**
 * One item of the queue: what was said and by whom, where it stands, both deadlines, and the actions the
 * signed-in user may take. Comment text is rendered as text, never as HTML. Actions that need words
 * (a reassignment's note, a note, a reason, a reply's link) open a small form; Escape closes it,
 * Ctrl+Enter saves it.
 */
export function QueueRow(props: QueueRowProps) {
  const { triage, sla, slaText, deadlines, actions, departments, notice, history, followUpOfAuthor, formatTime } = props;
  const { language, t } = useI18n();
  const [form, setForm] = useState<Form>(null);
  const offers = (action: QueueAction) => actions.includes(action);
  const departmentName = (id: string | null) => (id === null ? t('queue.unassigned') : (departments.find((d) => d.id === id)?.name[language] ?? id));
  const act = (op: MutationOp) => {
    setForm(null);
    props.onAction(triage, op);
  };
  // A cancelled form gives the focus back to the button that opened it, not to the page.
  const actionsRef = useRef<HTMLDivElement>(null);
  const cancelForm = (opener: Exclude<Form, null>) => {
    setForm(null);
    actionsRef.current?.querySelector<HTMLElement>(`[data-action="${opener}"]`)?.focus();
  };
  const { author } = triage.item;
  const deadline = (at: Date | null, key: 'queue.interimDue' | 'queue.finalDue') =>
    t(key, { time: at ? formatTime(at) : t('queue.stageSettled') });
  return (
    <li
      data-queue-item={triage.key}
      data-sla={sla.state}
      data-stage={sla.stage ?? 'none'}
      data-department={triage.departmentId ?? ''}
      data-status={triage.status}
      class={`queue-row sla-${sla.state}`}
    >
      <div class="queue-head">
        <strong class="sla">{slaText}</strong> · <span class="queue-status">{t(`queue.status.${triage.status}`)}</span> ·{' '}
        <span class="queue-department">{departmentName(triage.departmentId)}</span> · <span>{t(`queue.platform.${triage.item.platform}`)}</span>
        {triage.flags.map((flag) => (
          <span class="flag" data-flag={flag} key={flag}>
            {' '}
            · {t(`flag.${flag}`)}
          </span>
        ))}
      </div>
      <div class="queue-deadlines muted">
        {deadline(deadlines.interim, 'queue.interimDue')} · {deadline(deadlines.final, 'queue.finalDue')}
      </div>
      <div class="queue-author">
        {author.name}
        {author.handle && !isNumber(author.handle) ? ` @${author.handle.replace(/^@/, '')}` : ''}
      </div>
      <p class="queue-text" lang={triage.item.lang}>
        {triage.item.text}
      </p>
      {(triage.followUpOf || triage.followUps.length > 0) && (
        <p class="muted queue-follow-ups">
          {triage.followUpOf && <span data-follow-up-of={triage.followUpOf}>{t('queue.followUpOf', { who: followUpOfAuthor ?? triage.followUpOf })} </span>}
          {triage.followUps.length > 0 && <span data-follow-ups={triage.followUps.length}>{t('queue.followUps', { n: triage.followUps.length })}</span>}
        </p>
      )}
      {triage.closed && (
        <p class="muted">
          {t('queue.closedBecause', { reason: t(`queue.closeReason.${triage.closed.reason}`) })}
          {triage.closed.note ? ` — ${triage.closed.note}` : ''}
        </p>
      )}
      {triage.notes.length > 0 && (
        <ul class="queue-notes">
          {triage.notes.map((note) => (
            <li key={note.id} data-note={note.id}>
              {note.text} <span class="muted">— {note.by}, {formatTime(new Date(note.at))}</span>
            </li>
          ))}
        </ul>
      )}
      {notice && (
        <p class="error" role="alert" data-queue-notice>
          {notice}
        </p>
      )}
      <div class="queue-actions" ref={actionsRef}>
        <button type="button" data-action="open-comment" onClick={() => props.onOpen(triage)}>
          {t('queue.openComment')}
        </button>
        {offers('accept') && (
          <button type="button" data-action="accept" onClick={() => act({ type: 'accept' })}>
            {t('queue.accept')}
          </button>
        )}
        {offers('reassign') && (
          <button type="button" data-action="reassign" aria-expanded={form === 'reassign'} onClick={() => setForm(form === 'reassign' ? null : 'reassign')}>
            {triage.departmentId === null ? t('queue.assign') : t('queue.reassign')}
          </button>
        )}
        {offers('unassign') && (
          <button type="button" data-action="unassign" onClick={() => act({ type: 'assign', departmentId: null, baseDepartmentId: triage.departmentId })}>
            {t('queue.unassign')}
          </button>
        )}
        {offers('note') && (
          <button type="button" data-action="note" aria-expanded={form === 'note'} onClick={() => setForm(form === 'note' ? null : 'note')}>
            {t('queue.note')}
          </button>
        )}
        {offers('close') && (
          <button type="button" data-action="close" aria-expanded={form === 'close'} onClick={() => setForm(form === 'close' ? null : 'close')}>
            {t('queue.close')}
          </button>
        )}
        {offers('reopen') && (
          <button type="button" data-action="reopen" onClick={() => act({ type: 'reopen' })}>
            {t('queue.reopen')}
          </button>
        )}
        {offers('mark-replied') && (
          <button
            type="button"
            data-action="mark-replied"
            aria-expanded={form === 'mark-replied'}
            onClick={() => setForm(form === 'mark-replied' ? null : 'mark-replied')}
          >
            {t('queue.markReplied')}
          </button>
        )}
        {offers('history') && (
          <button type="button" data-action="history" aria-expanded={history !== undefined} onClick={() => props.onToggleHistory(triage.key)}>
            {history ? t('queue.hideHistory') : t('queue.history')}
          </button>
        )}
      </div>
      {form && <ActionForm form={form} triage={triage} departments={departments} onCancel={() => cancelForm(form)} onSubmit={act} />}
      {history && <ItemHistory history={history} departments={departments} formatTime={formatTime} />}
    </li>
  );
}

interface ActionFormProps {
  form: Exclude<Form, null>;
  triage: Triage;
  departments: Department[];
  onCancel: () => void;
  onSubmit: (op: MutationOp) => void;
}

function ActionForm({ form, triage, departments, onCancel, onSubmit }: ActionFormProps) {
  const { language, t } = useI18n();
  const others = departments.filter((d) => d.id !== triage.departmentId);
  const [department, setDepartment] = useState(others[0]?.id ?? '');
  const [note, setNote] = useState('');
  const [reason, setReason] = useState<CloseReason>('spam');
  const [stage, setStage] = useState<ReplyStage>(triage.replies.some((r) => r.stage === 'interim' && r.source !== 'composer') ? 'final' : 'interim');
  const [link, setLink] = useState('');
  const [error, setError] = useState('');

  const submit = () => {
    const text = note.trim();
    if (form === 'reassign') {
      if (!department) return;
      onSubmit({ type: 'assign', departmentId: department, baseDepartmentId: triage.departmentId, ...(text ? { note: text } : {}) });
    } else if (form === 'note') {
      if (!text) return setError(t('queue.noteRequired'));
      onSubmit({ type: 'note', text });
    } else if (form === 'close') {
      onSubmit({ type: 'close', reason, ...(text ? { note: text } : {}) });
    } else {
      const permalink = link.trim();
      if (!isPlatformPermalink(triage.item.platform, permalink)) return setError(t('queue.badLink', { platform: t(`queue.platform.${triage.item.platform}`) }));
      onSubmit({ type: 'recordReply', stage, text, source: 'manual', permalink });
    }
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      onCancel();
    } else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      submit();
    }
  };
  // The first field takes the focus, so a keyboard user types straight away.
  const formRef = useRef<HTMLFormElement>(null);
  useLayoutEffect(() => formRef.current?.querySelector<HTMLElement>('select, input, textarea')?.focus(), []);
  return (
    <form
      ref={formRef}
      noValidate
      class="queue-form"
      data-form={form}
      onKeyDown={onKeyDown}
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      {form === 'reassign' && (
        <>
          <label>
            {t('queue.department')}{' '}
            <select name="department" value={department} onChange={(event) => setDepartment(event.currentTarget.value)}>
              {others.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name[language]}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('queue.reassignNote')}
            <textarea name="note" rows={2} value={note} onInput={(event) => setNote(event.currentTarget.value)} />
          </label>
        </>
      )}
      {form === 'note' && (
        <label>
          {t('queue.noteLabel')}
          <textarea name="note" rows={3} value={note} onInput={(event) => setNote(event.currentTarget.value)} />
        </label>
      )}
      {form === 'close' && (
        <>
          <label>
            {t('queue.closeReason')}{' '}
            <select name="close-reason" value={reason} onChange={(event) => setReason(event.currentTarget.value as CloseReason)}>
              {CLOSE_REASONS.map((r) => (
                <option key={r} value={r}>
                  {t(`queue.closeReason.${r}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('queue.closeNote')}
            <textarea name="reason" rows={2} value={note} onInput={(event) => setNote(event.currentTarget.value)} />
          </label>
        </>
      )}
      {form === 'mark-replied' && (
        <>
          <label>
            {t('queue.replyStage')}{' '}
            <select name="stage" value={stage} onChange={(event) => setStage(event.currentTarget.value as ReplyStage)}>
              <option value="interim">{t('queue.stage.interim')}</option>
              <option value="final">{t('queue.stage.final')}</option>
            </select>
          </label>
          <label>
            {t('queue.replyLink')}
            <input name="permalink" type="url" value={link} onInput={(event) => setLink(event.currentTarget.value)} />
          </label>
          <label>
            {t('queue.replyText')}
            <textarea name="reply-text" rows={2} value={note} onInput={(event) => setNote(event.currentTarget.value)} />
          </label>
        </>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" data-action="confirm">
        {t('queue.confirm')}
      </button>{' '}
      <button type="button" data-action="cancel" onClick={onCancel}>
        {t('queue.cancel')}
      </button>
    </form>
  );
}
