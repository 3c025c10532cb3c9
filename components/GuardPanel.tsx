import type { GuardFinding } from '../lib/guard/protocol';
import { useI18n } from '../lib/i18n';

export interface GuardPanelProps {
  findings: GuardFinding[];
  /** Why the draft could not be checked (the background did not answer); empty when it was. */
  unavailable: string;
  /** Why the post gate held the last post unchecked (a check did not answer in time); empty when it did not. */
  held?: string;
}

/** The findings for one composer's draft, worst first; nothing at all for a clean draft. */
export function GuardPanel({ findings, unavailable, held = '' }: GuardPanelProps) {
  const { t } = useI18n();
  if (!findings.length && !unavailable && !held) return null;
  return (
    <section class="panel" aria-label={t('guard.title')} aria-live="polite">
      {held && (
        <p class="unavailable" role="alert" data-samvad-held="">
          {held}
        </p>
      )}
      {unavailable && !held && (
        <p class="unavailable" data-samvad-unchecked="">
          {t('guard.unavailable', { reason: unavailable })}
        </p>
      )}
      {findings.length > 0 && (
        <ul class="findings">
          {findings.map((finding, index) => (
            <FindingEntry key={`${finding.ruleId}:${finding.start}:${index}`} finding={finding} />
          ))}
        </ul>
      )}
    </section>
  );
}

export function FindingEntry({ finding }: { finding: GuardFinding }) {
  const { t } = useI18n();
  return (
    <li
      class={`finding severity-${finding.severity}`}
      data-finding=""
      data-rule={finding.ruleId}
      data-category={finding.category}
      data-severity={finding.severity}
    >
      <span class="severity">{t(`guard.severity.${finding.severity}`)}</span>{' '}
      <span class="message">{finding.message}</span>
      {finding.scope === 'comment' ? (
        <span class="excerpt">{finding.excerpt ? t('guard.inComment', { excerpt: finding.excerpt }) : t('guard.commentFlagged')}</span>
      ) : (
        finding.excerpt && <q class="excerpt">{finding.excerpt}</q>
      )}
      {finding.suggestion && <span class="suggestion">{t('guard.suggestion', { suggestion: finding.suggestion })}</span>}
      <span class="source">{t('guard.source', { source: finding.source })}</span>
    </li>
  );
}
