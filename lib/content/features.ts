import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { startGuard } from '../guard/start';
import type { Platform } from '../platforms/types';
import { startProofOfPosting } from './proof';
import { startTriageUi } from './triage-ui';

/**
 * Every content-script feature, in start order. Each gets the site's adapter and the script's
 * context, and tears itself down with `ctx` (and on soft navigation, with its own page signal).
 * The guard starts first so that its hold on the post action runs before anything that watches posts.
 */
const FEATURES: Array<(platform: Platform, ctx: ContentScriptContext) => unknown> = [startGuard, startTriageUi, startProofOfPosting];

export function startFeatures(platform: Platform, ctx: ContentScriptContext): void {
  // One feature failing to start must not keep the others from the page.
  for (const start of FEATURES) {
    Promise.resolve()
      .then(() => start(platform, ctx))
      .catch((error: unknown) => console.error('[samvad] a feature failed to start', error));
  }
}
