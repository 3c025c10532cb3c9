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

/** A message split at its `{name}` placeholders: text at even indices, names at odd ones. */
type CompiledMessage = string[];

export function createTranslator(language: UiLanguage): Translate {
  const catalogue = catalogues[language];
  // Every toolbar formats its SLA sentence on each render: split each message once, not per call.
  const compiled = new Map<MessageKey, CompiledMessage>();
  return (key, params) => {
    const template = catalogue[key] ?? en[key];
    if (!params) return template;
    let parts = compiled.get(key);
    if (!parts) {
      parts = template.split(/\{(\w+)\}/);
      compiled.set(key, parts);
    }
    let text = '';
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i]!;
      text += i % 2 === 0 ? part : part in params ? String(params[part]) : `{${part}}`;
    }
    return text;
  };
}

export const I18nContext = createContext<{ language: UiLanguage; t: Translate }>({
  language: 'en',
  t: createTranslator('en'),
});

export function useI18n(): { language: UiLanguage; t: Translate } {
  return useContext(I18nContext);
}
