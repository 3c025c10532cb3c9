import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SECURITY_HEADERS } from '../../server/app';
import { startTestServer } from './server-harness';

const built = mkdtempSync(join(tmpdir(), 'samvad-dashboard-'));
mkdirSync(join(built, 'assets'));
writeFileSync(join(built, 'index.html'), '<!doctype html><script type="module" src="/assets/index-1.js"></script><div id="app"></div>');
writeFileSync(join(built, 'assets', 'index-1.js'), 'console.log(1);');
afterAll(() => rmSync(built, { recursive: true, force: true }));

describe('the dashboard at /', () => {
  it("serves the built files under the CSP that admits only the server's own scripts and styles", async () => {
    const server = await startTestServer('pglite', { dashboardDir: built });
    try {
      const page = await server.app.inject({ method: 'GET', url: '/' });
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-type']).toContain('text/html');
      expect(page.headers['content-security-policy']).toBe(SECURITY_HEADERS['content-security-policy']);
      expect(page.headers['content-security-policy']).toContain("script-src 'self'; style-src 'self'");
      expect(page.headers['x-frame-options']).toBe('DENY');
      const script = await server.app.inject({ method: 'GET', url: '/assets/index-1.js' });
      expect(script.statusCode).toBe(200);
      expect(script.headers['content-type']).toContain('javascript');
      const missing = await server.app.inject({ method: 'GET', url: '/assets/none.js' });
      expect(missing.statusCode).toBe(404);
      expect(missing.json().statusCode).toBe(404);
      // The API keeps its routes.
      expect((await server.app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('says how to build it when it is not built', async () => {
    const server = await startTestServer('pglite', { dashboardDir: join(built, 'absent') });
    try {
      const page = await server.app.inject({ method: 'GET', url: '/' });
      expect(page.statusCode).toBe(503);
      expect(page.body).toContain('npm run build:dashboard');
    } finally {
      await server.close();
    }
  });
});
