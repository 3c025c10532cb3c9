import { useI18n } from '../../lib/i18n';

interface Props {
  enabled: boolean;
  onChange: (enabled: boolean) => void;
}

/** Whether the browser shows Samvad's notifications (the toolbar icon's count of overdue items stays). */
export function NotificationsSection({ enabled, onChange }: Props) {
  const { t } = useI18n();
  return (
    <section>
      <h2>{t('notify.setting')}</h2>
      <label>
        <input type="checkbox" name="notifications" checked={enabled} onChange={(event) => onChange(event.currentTarget.checked)} />{' '}
        {t('notify.settingLabel')}
      </label>
    </section>
  );
}
