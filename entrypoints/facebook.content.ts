import { defineContentScript } from 'wxt/utils/define-content-script';
import { startFeatures } from '../lib/content/features';
import { facebookPlatform } from '../lib/platforms/facebook';
import { FACEBOOK_MATCHES } from '../lib/sites';

export default defineContentScript({
  matches: FACEBOOK_MATCHES,
  runAt: 'document_idle',
  main: (ctx) => startFeatures(facebookPlatform, ctx),
});
