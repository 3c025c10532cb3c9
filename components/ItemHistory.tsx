import type { AuditEvent } from '../lib/contract/api';
import type { Department } from '../lib/contract/org';
import { MutationOp } from '../lib/contract/triage';
import { useI18n, type Translate, type UiLanguage } from '../lib/i18n';

/** An item's history as the side panel holds it: loading, loaded, or why it is not there. */
export type HistoryState =
  | { state: 'loading' }
  | { state: 'loaded'; events: AuditEvent[] }
  | { state: 'failed'; reason: string }
  | { state: 'signed-out' };

interface ItemHistoryProps {
  history: HistoryState;
  departments: Department[];
  formatTime: (at: Date) => string;
}

/** What one event did, in words; `kind` is the op's type (`assign`, `note`, `override`, …) or the audit kind. */
export function describeEvent(
  event: AuditEvent,
  t: Translate,
  language: UiLanguage,
  departments: readonly Department[],
): { kind: string; what: string } {
  const parsed = MutationOp.safeParse(event.detail.op);
  if (event.kind !== 'mutation' || !parsed.success) {
    const kind = typeof (event.detail.op as { type?: unknown } | undefined)?.type === 'string' ? String((event.detail.op as { type: string }).type) : event.kind;
    return { kind, what: t('history.other', { kind }) };
  }
  const op = parsed.data;
  const withNote = (what: string, note: string | undefined) => (note ? t('history.withNote', { what, note }) : what);
  const departmentName = (id: string) => departments.find((d) => d.id === id)?.name[language] ?? id;
  switch (op.type) {
    case 'see':
      return { kind: op.type, what: t('history.see') };
    case 'track':
      return { kind: op.type, what: t(op.on ? 'history.trackOn' : 'history.trackOff') };
    case 'assign':
      return {
        kind: op.type,
        what: withNote(op.departmentId === null ? t('history.unassign') : t('history.assign', { department: departmentName(op.departmentId) }), op.note),
      };
    case 'accept':
      return { kind: op.type, what: t('history.accept') };
    case 'note':
      return { kind: op.type, what: t('history.note', { text: op.text }) };
    case 'close':
      return { kind: op.type, what: withNote(t('history.close', { reason: t(`queue.closeReason.${op.reason}`) }), op.note) };
    case 'reopen':
      return { kind: op.type, what: t('history.reopen') };
    case 'flag':
      return { kind: op.type, what: t(op.on ? 'history.flagOn' : 'history.flagOff', { flag: t(`flag.${op.flag}`) }) };
    case 'useCanned':
      return { kind: op.type, what: t('history.useCanned', { id: op.cannedId }) };
    case 'recordReply': {
      const source = t(`history.source.${op.source ?? 'composer'}`);
      return { kind: op.type, what: t(op.stage === 'final' ? 'history.reply.final' : 'history.reply.interim', { source, text: op.text }) };
    }
    case 'override':
      return { kind: op.type, what: t('history.override', { rules: op.ruleIds.join(', '), reason: op.reason }) };
    case 'linkFollowUp':
      return { kind: op.type, what: t('history.linkFollowUp', { key: op.of }) };
    case 'requestApproval':
      return { kind: op.type, what: t('history.requestApproval') };
    case 'decideApproval':
      return { kind: op.type, what: withNote(t(op.decision === 'approved' ? 'history.approved' : 'history.rejected'), op.note) };
  }
}

/** Every assignment, flag, note, reply, override (with its reason) and approval of an item, with who and when. */
export function ItemHistory({ history, departments, formatTime }: ItemHistoryProps) {
  const { language, t } = useI18n();
  if (history.state === 'loading') return <p class="muted history">{t('history.loading')}</p>;
  if (history.state === 'signed-out') return <p class="muted history">{t('history.signedOut')}</p>;
  if (history.state === 'failed') return <p class="error history">{t('history.failed', { reason: history.reason })}</p>;
  if (history.events.length === 0) return <p class="muted history">{t('history.empty')}</p>;
  return (
    <ol class="history" aria-label={t('history.title')}>
      {history.events.map((event) => {
        const { kind, what } = describeEvent(event, t, language, departments);
        return (
          <li key={event.id} data-history-event={event.id} data-kind={kind}>
            {t('history.line', { time: formatTime(new Date(event.at)), who: event.actor?.name ?? t('history.someone'), what })}
          </li>
        );
      })}
    </ol>
  );
}
