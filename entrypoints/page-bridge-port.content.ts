import { defineContentScript } from 'wxt/utils/define-content-script';
import { connectPageBridge } from '../lib/editor/client';
import { SITE_MATCHES } from '../lib/sites';

// The isolated world's end of the private channel to the page-bridge script (lib/editor/protocol.ts):
// taken at document_start, before any of the site's scripts can interfere, for the content scripts
// that insert replies later.
export default defineContentScript({
  matches: SITE_MATCHES,
  runAt: 'document_start',
  main() {
    connectPageBridge(window);
  },
});
