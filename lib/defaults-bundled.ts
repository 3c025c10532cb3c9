import { DEFAULT_CANNED_LIBRARY } from './canned/default-library';
import { installDefaults, type ExtensionDefaults } from './defaults';
import { en } from './i18n/messages/en';
import { hi } from './i18n/messages/hi';
import { DEMO_ORG } from './org/demo-org';

/** The defaults themselves, for the background (which serves them to content scripts) and the extension's pages. */
export const BUNDLED_DEFAULTS: ExtensionDefaults = {
  catalogues: { en, hi },
  demoOrg: DEMO_ORG,
  cannedLibrary: DEFAULT_CANNED_LIBRARY,
};

installDefaults(BUNDLED_DEFAULTS);
