import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import api, { route } from '@forge/api';
import type { LocalPlatform } from '../../../packages/forge-local/src/platform';
import { startLocalPlatform } from '../../../dev/koji-app';

const MANIFEST = path.resolve(__dirname, '..', '..', '..', 'manifest.yml');

/** A copy of manifest.yml without one scope, as a developer who forgot it would deploy. */
function manifestWithout(scope: string, dir: string): string {
  const text = readFileSync(MANIFEST, 'utf8');
  const line = `    - ${scope}\n`;
  if (!text.includes(line)) throw new Error(`manifest.yml does not list ${scope}`);
  const file = path.join(dir, 'manifest.yml');
  writeFileSync(file, text.replace(line, ''));
  return file;
}

/**
 * Forge gives the app's Jira calls only the scopes manifest.yml lists; Jira answers a call
 * that needs another one 403. The local platform does the same, from the one table of the
 * Jira calls the app makes (src/adapters/forge/jira-scopes.ts).
 */
describe('the Jira scopes the manifest grants', () => {
  let platform: LocalPlatform | undefined;
  let dir = '';

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'koji-scopes-'));
  });
  afterEach(async () => {
    await platform?.close();
    platform = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it('should answer a user search 200 with the manifest as it is', async () => {
    platform = await startLocalPlatform({ port: 0, dataDir: ':memory:' });

    const response = await api.asApp().requestJira(route`/rest/api/3/user/search?query=${'agent@example.com'}`);

    expect(response.status).toBe(200);
  });

  it('should answer a user search 403, naming the missing scope, once read:jira-user is gone from the manifest', async () => {
    platform = await startLocalPlatform({ port: 0, dataDir: ':memory:', manifestPath: manifestWithout('read:jira-user', dir) });

    const response = await api.asApp().requestJira(route`/rest/api/3/user/search?query=${'agent@example.com'}`);

    expect(response.status).toBe(403);
    expect(JSON.stringify(await response.json())).toContain('read:jira-user');
  });

  it('should answer creating a request 403 once write:servicedesk-request is gone, and create nothing', async () => {
    platform = await startLocalPlatform({ port: 0, dataDir: ':memory:', manifestPath: manifestWithout('write:servicedesk-request', dir) });

    const response = await api.asApp().requestJira(route`/rest/servicedeskapi/request`, { method: 'POST', body: JSON.stringify({ serviceDeskId: '1' }) });

    expect(response.status).toBe(403);
    expect(platform.jsm?.requests()).toEqual([]);
  });

  it('should fail loudly on a Jira call missing from the table, so a new call cannot slip in unlisted', async () => {
    platform = await startLocalPlatform({ port: 0, dataDir: ':memory:' });

    await expect(api.asApp().requestJira(route`/rest/api/3/project/${'SUP'}`)).rejects.toThrow(/GET \/rest\/api\/3\/project\/SUP[\s\S]*jira-scopes\.ts/);
  });
});
