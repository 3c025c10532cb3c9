import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { en, type MessageKey } from './messages/en';
import { hi } from './messages/hi';

export type UiLanguage = 'en' | 'hi';
export type LanguageSetting = UiLanguage | 'auto';
export type { MessageKey };

const catalogues: Record<UiLanguage, Record<MessageKey, string>> = { en, hi };

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** The UI language: the moderator's setting, else the browser's (Hindi for any hi-* locale). */
export function resolveLanguage(setting: LanguageSetting, browserLanguage: string): UiLanguage {
  if (setting !== 'auto') return setting;
  return browserLanguage.toLowerCase().startsWith('hi') ? 'hi' : 'en';
}

export function createTranslator(language: UiLanguage): Translate {
  const catalogue = catalogues[language];
  return (key, params) => {
    const template = catalogue[key] ?? en[key];
    if (!params) return template;
    return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
  };
}

export const I18nContext = createContext<{ language: UiLanguage; t: Translate }>({
  language: 'en',
  t: createTranslator('en'),
});

export function useI18n(): { language: UiLanguage; t: Translate } {
  return useContext(I18nContext);
}
