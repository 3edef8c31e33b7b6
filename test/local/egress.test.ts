import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { egressAllows } from '../../src/local/egress';
import { FunctionRunner } from '../../src/local/function-runner';
import { startLocalPlatform, type LocalPlatform } from '../../src/local/platform';

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

  it('should let the app reach the Slack sandbox that SLACK_API_URL points at, the stand-in of slack.com', async () => {
    const response = await asTheApp(() => fetch(`${process.env['SLACK_API_URL'] ?? ''}auth.test`, { method: 'POST' }));

    expect(response.status).toBe(200);
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
