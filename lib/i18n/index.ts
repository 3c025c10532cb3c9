import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { extensionDefaults } from '../defaults';
import type { MessageKey } from './messages/en';

export type UiLanguage = 'en' | 'hi';
export type LanguageSetting = UiLanguage | 'auto';
export type { MessageKey };

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** The UI language: the moderator's setting, else the browser's (Hindi for any hi-* locale). */
export function resolveLanguage(setting: LanguageSetting, browserLanguage: string): UiLanguage {
  if (setting !== 'auto') return setting;
  return browserLanguage.toLowerCase().startsWith('hi') ? 'hi' : 'en';
}

/** A message split at its `{name}` placeholders: text at even indices, names at odd ones. */
type CompiledMessage = string[];

export function createTranslator(language: UiLanguage): Translate {
  // The catalogues are installed defaults (lib/defaults.ts): content scripts get them from the background.
  const { catalogues } = extensionDefaults();
  const catalogue = catalogues[language];
  const english = catalogues.en;
  // Every toolbar formats its SLA sentence on each render: split each message once, not per call.
  const compiled = new Map<MessageKey, CompiledMessage>();
  return (key, params) => {
    const template = catalogue[key] ?? english[key];
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

/** Every tree provides its own translator; the default one is made on first use, once defaults are installed. */
let defaultTranslator: Translate | undefined;
export const I18nContext = createContext<{ language: UiLanguage; t: Translate }>({
  language: 'en',
  t: (key, params) => (defaultTranslator ??= createTranslator('en'))(key, params),
});

export function useI18n(): { language: UiLanguage; t: Translate } {
  return useContext(I18nContext);
}
