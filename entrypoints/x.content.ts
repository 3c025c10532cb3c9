import { defineContentScript } from 'wxt/utils/define-content-script';
import { startFeatures } from '../lib/content/features';
import { xPlatform } from '../lib/platforms/x';
import { X_MATCHES } from '../lib/sites';

export default defineContentScript({
  matches: X_MATCHES,
  runAt: 'document_idle',
  main: (ctx) => startFeatures(xPlatform, ctx),
});
