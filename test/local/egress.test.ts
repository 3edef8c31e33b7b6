import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { egressAllows, routedUrl } from '../../packages/forge-local/src/egress';
import { TEAMS_SANDBOX } from '../../packages/forge-local/src/teams';
import { FunctionRunner } from '../../packages/forge-local/src/function-runner';
import type { LocalPlatform } from '../../packages/forge-local/src/platform';
import { startLocalPlatform } from '../../dev/koji-app';

/**
 * Forge lets a function fetch only the hosts manifest.yml declares under
 * permissions.external.fetch.backend; the local platform refuses the rest the same way,
 * so an undeclared host fails on this machine before it fails on a real site.
 */
describe('egress from the app, as Forge allows it', () => {
  let platform: LocalPlatform;
  // Reachable from here, yet declared nowhere: 127.0.0.2 is not one of the loopback names that stand in for declared hosts.
  const elsewhere: Server = createServer((_req, res) => res.end('reached'));
  let elsewhereUrl = '';

  beforeAll(async () => {
    platform = await startLocalPlatform({ port: 0, dataDir: ':memory:' });
    await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.2', resolve));
    elsewhereUrl = `http://127.0.0.2:${(elsewhere.address() as AddressInfo).port}/data`;
  });
  afterAll(async () => {
    await platform.close();
    await new Promise<void>((resolve) => elsewhere.close(() => resolve()));
  });

  /** Runs `work` as a function of the app: one invocation, as the platform runs the manifest's handlers. */
  function asTheApp<T>(work: () => Promise<T>): Promise<T> {
    const runner = new FunctionRunner({ ...platform.manifest, functions: new Map([['probe', 'index.probe']]) }, { probe: work });
    return runner.invoke('probe', []) as Promise<T>;
  }

  it('should refuse a fetch from the app to an undeclared host with an error naming the host and the manifest key', async () => {
    const refused = asTheApp(() => fetch('https://api.undeclared.example/v1/things?token=secret'));

    await expect(refused).rejects.toThrow(/api\.undeclared\.example[\s\S]*permissions\.external\.fetch\.backend/);
    await expect(refused).rejects.not.toThrow(/secret/);
  });

  it('should refuse the app a reachable host on this machine that no address declares', async () => {
    await expect(asTheApp(() => fetch(elsewhereUrl))).rejects.toThrow(/127\.0\.0\.2[\s\S]*permissions\.external\.fetch\.backend/);
  });

  it('should not check the fetches made outside the app, such as the test’s own', async () => {
    expect(await (await fetch(elsewhereUrl)).text()).toBe('reached');
  });

  it('should let the app reach slack.com, which the Slack sandbox answers for', async () => {
    const response = await asTheApp(() => fetch('https://slack.com/api/auth.test', { method: 'POST' }));

    expect(response.status).toBe(200);
  });

  it('should answer the app’s call to Bot Framework’s real OpenID metadata from the Teams sandbox', async () => {
    const metadata = await asTheApp(async () => (await fetch('https://login.botframework.com/v1/.well-known/openidconfiguration')).json());

    expect(metadata).toMatchObject({ jwks_uri: platform.teams!.endpoints.jwksUrl });
  });

  it('should answer the app’s token request to Microsoft’s real login from the Teams sandbox', async () => {
    const response = await asTheApp(() =>
      fetch(`https://login.microsoftonline.com/${TEAMS_SANDBOX.tenantId}/oauth2/v2.0/token`, {
        method: 'POST',
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: TEAMS_SANDBOX.appId, client_secret: TEAMS_SANDBOX.appPassword, scope: 'https://api.botframework.com/.default' }),
      }),
    );

    expect(response.status).toBe(200);
  });

  it('should still refuse a host that only begins like a real one the sandboxes answer for', async () => {
    await expect(asTheApp(() => fetch('https://login.microsoftonline.com.evil.example/t/oauth2/v2.0/token'))).rejects.toThrow(/permissions\.external\.fetch\.backend/);
  });
});

describe('where the app’s calls to real endpoints go on this machine', () => {
  const routes = [{ from: 'https://slack.com/api/', to: 'http://localhost:8080/slack/api/' }];

  it.each([
    ['https://slack.com/api/chat.postMessage', 'http://localhost:8080/slack/api/chat.postMessage'],
    ['https://slack.com/apis', undefined],
    ['https://files.slack.com/api/x', undefined],
  ])('%s → %s', (url, routed) => {
    expect(routedUrl(routes, url)).toBe(routed);
  });
});

describe('which addresses a manifest’s egress list allows', () => {
  const declared = ['slack.com', '*.trafficmanager.net', 'https://login.microsoftonline.com'];

  it.each([
    ['https://slack.com/api/chat.postMessage', true],
    ['https://SLACK.com/api/auth.test', true],
    ['https://files.slack.com/upload', false],
    ['https://smba.trafficmanager.net/emea/v3/conversations', true],
    ['https://trafficmanager.net/', false],
    ['https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token', true],
    ['https://slack.com.evil.example/api', false],
    ['http://localhost:8080/slack/api/auth.test', true],
    ['http://127.0.0.1:56150/v3/conversations', true],
    ['http://[::1]:9/x', true],
  ])('%s → %s', (url, allowed) => {
    expect(egressAllows(declared, new URL(url))).toBe(allowed);
  });

  it('should allow every host when the manifest declares `*`', () => {
    expect(egressAllows(['*'], new URL('https://anything.example/'))).toBe(true);
  });
});
