import { useState } from 'preact/hooks';
import { RetentionPolicy, describeIssues, type OrgConfig } from '../../lib/contract/org';
import { useI18n } from '../../lib/i18n';

export interface RetentionSectionProps {
  org: OrgConfig;
  /** Stores the organisation with the new retention (undefined: keep everything); rejects with the reason it could not. */
  onSave: (retention: OrgConfig['retention']) => Promise<void>;
}

/** MeitY framework (data retention and archiving): after how many days unchanged items are archived and removed. */
export function RetentionSection({ org, onSave }: RetentionSectionProps) {
  const { t } = useI18n();
  const [days, setDays] = useState(org.retention ? String(org.retention.removeAfterDays) : '');
  const [status, setStatus] = useState('');
  const submit = async (event: Event) => {
    event.preventDefault();
    let retention: OrgConfig['retention'];
    if (days.trim() !== '') {
      const parsed = RetentionPolicy.safeParse({ removeAfterDays: Number(days) });
      if (!parsed.success) {
        setStatus(t('retention.invalid', { reason: describeIssues(parsed.error).join('; ') }));
        return;
      }
      retention = parsed.data;
    }
    try {
      await onSave(retention);
      setStatus(t('departments.saved'));
    } catch (error) {
      setStatus(t('departments.saveFailed', { reason: error instanceof Error ? error.message : String(error) }));
    }
  };
  return (
    <section id="retention">
      <h2>{t('retention.title')}</h2>
      <p class="muted">{t('retention.hint')}</p>
      <form data-form="retention" onSubmit={(event) => void submit(event)} noValidate>
        <label>
          {t('retention.days')} <input name="removeAfterDays" type="number" min={30} value={days} onInput={(e) => setDays(e.currentTarget.value)} />
        </label>{' '}
        <button type="submit" data-action="save-retention">
          {t('retention.save')}
        </button>
      </form>
      {status && (
        <p role="status" class="muted">
          {status}
        </p>
      )}
    </section>
  );
}
