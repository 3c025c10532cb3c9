import type { CannedLibrary } from './canned/schema';
import type { OrgConfig } from './contract/org';
import type { MessageKey } from './i18n/messages/en';

export type UiCatalogue = Record<MessageKey, string>;

/**
 * What the extension ships as defaults: the UI's message catalogues, the demo organisation and the
 * default canned library. The background and the extension's pages bundle them (lib/defaults-bundled.ts);
 * content scripts ask the background for them once per page, which keeps about 20 KB gzipped (a third of
 * the budget) out of each site's bundle.
 */
export interface ExtensionDefaults {
  catalogues: { en: UiCatalogue; hi: UiCatalogue };
  demoOrg: OrgConfig;
  cannedLibrary: CannedLibrary;
}

let installed: ExtensionDefaults | undefined;

export function installDefaults(defaults: ExtensionDefaults): void {
  installed = defaults;
}

export function extensionDefaults(): ExtensionDefaults {
  if (!installed) throw new Error('extension defaults used before they were installed (lib/defaults.ts)');
  return installed;
}
