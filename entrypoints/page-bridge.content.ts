import { defineContentScript } from 'wxt/utils/define-content-script';
import { installPageBridge } from '../lib/editor/page-bridge';
import { SITE_MATCHES } from '../lib/sites';

// The page-world half of inserting canned replies into the sites' editors (lib/editor/page-bridge.ts).
// It holds no extension data: it only types the text the content script hands it.
export default defineContentScript({
  matches: SITE_MATCHES,
  world: 'MAIN',
  runAt: 'document_start',
  main() {
    installPageBridge(document);
  },
});
