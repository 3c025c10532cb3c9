import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { createTranslator, resolveLanguage, type LanguageSetting, type Translate, type UiLanguage } from '../i18n';
import { readLanguageSetting, uiLanguageItem } from '../settings';

/** The language setting and the translator for an extension page, following changes live. */
export function useLanguage(): { setting: LanguageSetting; language: UiLanguage; t: Translate } {
  const [setting, setSetting] = useState<LanguageSetting>('auto');
  useEffect(() => {
    void readLanguageSetting().then(setSetting);
    return uiLanguageItem.watch(() => void readLanguageSetting().then(setSetting));
  }, []);
  const language = resolveLanguage(setting, browser.i18n.getUILanguage());
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  return { setting, language, t: createTranslator(language) };
}
