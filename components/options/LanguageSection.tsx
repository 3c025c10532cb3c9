import type { LanguageSetting } from '../../lib/i18n';
import { useI18n } from '../../lib/i18n';

interface Props {
  value: LanguageSetting;
  onChange: (value: LanguageSetting) => void;
}

export function LanguageSection({ value, onChange }: Props) {
  const { t } = useI18n();
  return (
    <section>
      <h2>{t('options.language')}</h2>
      <select
        id="ui-language"
        aria-label={t('options.language')}
        value={value}
        onChange={(event) => onChange((event.target as HTMLSelectElement).value as LanguageSetting)}
      >
        <option value="auto">{t('options.languageAuto')}</option>
        <option value="en">{t('options.languageEn')}</option>
        <option value="hi">{t('options.languageHi')}</option>
      </select>
    </section>
  );
}
