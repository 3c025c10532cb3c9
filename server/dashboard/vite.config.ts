import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The team dashboard: a Preact app built into dist/dashboard, which the server serves at `/`.
// Only files (no inline script or style), so the server's CSP (script-src 'self'; style-src 'self') admits it.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  publicDir: false,
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: fileURLToPath(new URL('../../dist/dashboard', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    // No inline module-preload polyfill; modern browsers need none.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    reportCompressedSize: false,
    // One bundle: the options components bring the rules engine and canned-reply templates (about 590 KB, 150 KB gzipped).
    chunkSizeWarningLimit: 1000,
  },
  logLevel: 'warn',
});
