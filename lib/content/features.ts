import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { installDefaults } from '../defaults';
import { sendMessage } from '../messaging';
import { startGuard } from '../guard/start';
import { startApprovals } from './approvals';
import type { Platform } from '../platforms/types';
import { startPresence } from './presence';
import { startProofOfPosting } from './proof';
import { startTriageUi } from './triage-ui';

/**
 * Every content-script feature, in start order. Each gets the site's adapter and the script's
 * context, and tears itself down with `ctx` (and on soft navigation, with its own page signal).
 * Every post action goes through the page's one post gate (lib/gate), whose checks run in their own order
 * (guard, approval, reply recording) whichever feature registers first.
 */
const FEATURES: Array<(platform: Platform, ctx: ContentScriptContext) => unknown> = [startGuard, startApprovals, startTriageUi, startProofOfPosting, startPresence];

export async function startFeatures(platform: Platform, ctx: ContentScriptContext): Promise<void> {
  // The catalogues and defaults come from the background (they would weigh a third of the bundle).
  installDefaults(await sendMessage('extensionDefaults', undefined));
  // One feature failing to start must not keep the others from the page.
  for (const start of FEATURES) {
    Promise.resolve()
      .then(() => start(platform, ctx))
      .catch((error: unknown) => console.error('[samvad] a feature failed to start', error));
  }
}
