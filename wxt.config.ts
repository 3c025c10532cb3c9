import { fileURLToPath } from 'node:url';
import { defineConfig } from 'wxt';
import { SITE_MATCHES } from './lib/sites';

// Thin entrypoints in entrypoints/, logic in lib/. Explicit imports everywhere (no auto-imports)
// so every module says where its names come from.
export default defineConfig({
  imports: false,
  manifestVersion: 3,
  vite: () => ({
    esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
    resolve: {
      alias: [{ find: /^core-js\/modules\/.*$/, replacement: fileURLToPath(new URL('./lib/vendor/no-polyfill.js', import.meta.url)) }],
    },
  }),
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // notifications: new assignments, replies due soon and breaches (lib/background/notifications.ts).
    permissions: ['storage', 'alarms', 'unlimitedStorage', 'notifications'],
    // The sites, plus a team server on this machine; another server's origin is asked for at sign-in.
    host_permissions: [...SITE_MATCHES, 'http://127.0.0.1/*', 'http://localhost/*'],
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    // The framed field for internal text typed on the sites (lib/private-field). Chrome serves it only
    // at a per-session URL, so a site cannot probe for the extension with it; Firefox's extension URLs
    // carry a random per-install id anyway.
    web_accessible_resources: [
      { resources: ['private-field.html'], matches: SITE_MATCHES, ...(browser !== 'firefox' && { use_dynamic_url: true }) },
    ],
    // An office presets the team server by policy (lib/managed.ts); Chrome needs the schema of managed storage.
    ...(browser !== 'firefox' && { storage: { managed_schema: 'managed-schema.json' } }),
    ...(browser === 'firefox' && {
      browser_specific_settings: {
        gecko: {
          id: 'samvad@samvad.invalid',
          // Firefox's own consent for what goes to the team server (140 is the first release that reads it):
          // the sign-in, the comments triaged (text, author, link) and what moderators do with them.
          strict_min_version: '140.0',
          data_collection_permissions: { required: ['authenticationInfo', 'websiteContent', 'websiteActivity'] },
        },
        // Firefox for Android reads that consent from 142 on.
        gecko_android: { strict_min_version: '142.0' },
      },
    }),
  }),
});
