import { defineContentScript } from 'wxt/utils/define-content-script';
import { installPageBridge } from '../lib/editor/page-bridge';
import { SITE_MATCHES } from '../lib/sites';

// The page-world half of inserting canned replies into the sites' editors (lib/editor/page-bridge.ts).
// It holds no extension data: it only types the text the content script hands it, on the private port it
// hands to the isolated world at document_start (entrypoints/page-bridge-port.content.ts).
export default defineContentScript({
  matches: SITE_MATCHES,
  world: 'MAIN',
  runAt: 'document_start',
  main() {
    installPageBridge(document);
  },
});
