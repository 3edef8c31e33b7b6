import { request } from 'node:http';
import type { LocalPlatform } from '../../../packages/forge-local/src/platform';
import { startLocalPlatform } from '../../../dev/koji-app';
import { PLAYGROUND_MESSAGES_PATH, TEAMS_PLAYGROUND, refuseUnlessLocal, toPlaygroundTenant } from '../../../packages/forge-local/src/playground';
import { TEAMS_SANDBOX } from '../../../packages/forge-local/src/teams';
import { localPlatformClient } from '../support/local-platform-client';
import { PLAYGROUND_DEFAULTS, PLAYGROUND_HEADERS, playgroundInstall, playgroundMembersAdded, playgroundMessage } from './support/playground-activities';

describe('filing a Playground activity under the playground tenant', () => {
  it('should replace the tenant and the Playground’s bot id with Koji’s, keeping the person', () => {
    const mapped = toPlaygroundTenant(playgroundMessage('hello'));

    expect(mapped).toMatchObject({
      ok: true,
      activity: {
        type: 'message',
        text: 'hello',
        channelId: 'msteams',
        serviceUrl: PLAYGROUND_DEFAULTS.serviceUrl,
        from: PLAYGROUND_DEFAULTS.user,
        recipient: { id: TEAMS_PLAYGROUND.botId, name: 'Koji' },
        conversation: { conversationType: 'personal', tenantId: TEAMS_PLAYGROUND.tenantId },
        channelData: { tenant: { id: TEAMS_PLAYGROUND.tenantId } },
      },
    });
  });

  it('should name Koji’s bot among the members added and in mentions', () => {
    const added = toPlaygroundTenant(playgroundMembersAdded());
    const mention = toPlaygroundTenant({
      ...playgroundMessage('<at>Test Bot</at> help'),
      entities: [{ type: 'mention', text: '<at>Test Bot</at>', mentioned: { id: PLAYGROUND_DEFAULTS.botId, name: 'Test Bot' } }],
    });

    expect(added.ok && added.activity['membersAdded']).toEqual([{ id: 'user-id-0', aadObjectId: PLAYGROUND_DEFAULTS.user.aadObjectId }, { id: TEAMS_PLAYGROUND.botId }]);
    expect(mention.ok && mention.activity['entities']).toEqual([{ type: 'mention', text: '<at>Test Bot</at>', mentioned: { id: TEAMS_PLAYGROUND.botId, name: 'Test Bot' } }]);
  });

  it('should file an activity that claims another tenant under the playground tenant all the same', () => {
    const tom = TEAMS_SANDBOX.people[0]!;
    const mapped = toPlaygroundTenant(playgroundMessage('#on', { tenantId: TEAMS_SANDBOX.tenantId, from: { id: tom.id, name: tom.name } }));

    expect(mapped.ok && mapped.activity.conversation.tenantId).toBe(TEAMS_PLAYGROUND.tenantId);
    expect(mapped.ok && mapped.activity['channelData']).toEqual({ tenant: { id: TEAMS_PLAYGROUND.tenantId } });
  });

  it.each([
    ['a serviceUrl off this machine', playgroundMessage('hi', { serviceUrl: 'https://smba.trafficmanager.net/emea/' }), 'serviceUrl'],
    ['a serviceUrl that only looks local', playgroundMessage('hi', { serviceUrl: 'http://localhost.attacker.example/_connector' }), 'serviceUrl'],
    ['another channel', { ...playgroundMessage('hi'), channelId: 'webchat' }, '--channel-id msteams'],
    ['no recipient', { ...playgroundMessage('hi'), recipient: undefined }, 'recipient'],
    ['not an object', ['hi'], 'not an activity'],
  ])('should refuse %s', (_what, body, reason) => {
    const mapped = toPlaygroundTenant(body);

    expect(mapped.ok).toBe(false);
    expect(!mapped.ok && mapped.reason).toContain(reason);
  });
});

describe('who may use the bridge', () => {
  const local = { headers: { host: 'localhost:8080', 'content-type': 'application/json' }, socket: { remoteAddress: '127.0.0.1' } };
  const from = (change: { headers?: Record<string, string>; remoteAddress?: string }) =>
    ({ headers: { ...local.headers, ...change.headers }, socket: { remoteAddress: change.remoteAddress ?? '127.0.0.1' } }) as unknown as Parameters<typeof refuseUnlessLocal>[0];

  it('should let a program on this machine in, over IPv4 and IPv6', () => {
    expect(refuseUnlessLocal(from({}))).toBeUndefined();
    expect(refuseUnlessLocal(from({ remoteAddress: '::1', headers: { host: '[::1]:8080' } }))).toBeUndefined();
    expect(refuseUnlessLocal(from({ headers: { host: '127.0.0.1:8080' } }))).toBeUndefined();
  });

  it.each([
    ['another machine', { remoteAddress: '192.168.1.20' }, 'from this machine'],
    ['a name that is not localhost (DNS rebinding)', { headers: { host: 'koji.attacker.example:8080' } }, 'addressed to localhost'],
    ['a tunnel or proxy (X-Forwarded-For)', { headers: { 'x-forwarded-for': '203.0.113.9' } }, 'proxy or tunnel'],
    ['a tunnel or proxy (Forwarded)', { headers: { forwarded: 'for=203.0.113.9' } }, 'proxy or tunnel'],
    ['a web page (Origin)', { headers: { origin: 'https://attacker.example' } }, 'web pages'],
  ])('should refuse %s', (_what, change, reason) => {
    expect(refuseUnlessLocal(from(change))).toContain(reason);
  });
});

describe('the bridge on the local platform', () => {
  let platform: LocalPlatform;
  const bridgeUrl = () => `${platform.url}${PLAYGROUND_MESSAGES_PATH}`;
  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(bridgeUrl(), { method: 'POST', headers: { ...PLAYGROUND_HEADERS, ...headers }, body: JSON.stringify(body) });

  const { admin } = localPlatformClient(() => platform);

  beforeEach(async () => {
    platform = await startLocalPlatform({ port: 0, dataDir: ':memory:' });
  });
  afterEach(() => platform.close());

  it('should answer the Playground’s wait for its endpoint', async () => {
    expect((await fetch(bridgeUrl(), { method: 'HEAD' })).status).toBe(200);
  });

  it('should connect the playground tenant, sign the install and have the web trigger accept it', async () => {
    expect(await admin('tenants/list')).toMatchObject({ ok: true, data: { tenants: [] } });

    const install = await post(playgroundInstall());
    const update = await post(playgroundMembersAdded());

    expect([install.status, update.status]).toEqual([200, 200]);
    expect(await admin('tenants/list')).toMatchObject({
      data: { tenants: [{ channel: 'teams', tenantId: TEAMS_PLAYGROUND.tenantId, name: 'Agents Playground', appId: TEAMS_PLAYGROUND.appId }] },
    });
    const people = await admin('tenant-users/list', { channel: 'teams', tenantId: TEAMS_PLAYGROUND.tenantId });
    expect(people.data?.['users']).toEqual([expect.objectContaining({ userId: 'user-id-0', role: 'none' })]);
    expect(platform.playground!.forwarded.map((f) => f.status)).toEqual([200, 200]);
  });

  it('should keep someone who claims a sandbox person in the playground tenant', async () => {
    const tom = TEAMS_SANDBOX.people[0]!;
    await admin('tenants/connect', { channel: 'teams', tenantId: TEAMS_SANDBOX.tenantId, name: 'Koji Sandbox', appId: TEAMS_SANDBOX.appId, appPassword: TEAMS_SANDBOX.appPassword });

    expect((await post(playgroundInstall({ tenantId: TEAMS_SANDBOX.tenantId, from: { id: tom.id, aadObjectId: tom.aadObjectId } }))).status).toBe(200);

    const sandboxPeople = await admin('tenant-users/list', { channel: 'teams', tenantId: TEAMS_SANDBOX.tenantId });
    const playgroundPeople = await admin('tenant-users/list', { channel: 'teams', tenantId: TEAMS_PLAYGROUND.tenantId });
    // Nobody of the sandbox tenant wrote through its own bot: it is still waiting, and nobody landed in it.
    expect(sandboxPeople).toMatchObject({ ok: false, error: { message: expect.stringContaining('waiting for its first message') } });
    expect(playgroundPeople.data?.['users']).toEqual([expect.objectContaining({ userId: tom.id })]);
  });

  it.each([
    ['from a web page', { origin: 'http://evil.example' }, 403],
    ['through a tunnel', { 'x-forwarded-for': '203.0.113.9' }, 403],
    ['as a form a page could send without asking', { 'content-type': 'text/plain' }, 415],
  ])('should refuse an activity %s, forwarding nothing', async (_what, headers, status) => {
    expect((await post(playgroundMessage('hello'), headers)).status).toBe(status);
    expect(platform.playground!.forwarded).toEqual([]);
    expect(await admin('tenants/list')).toMatchObject({ data: { tenants: [] } });
  });

  it('should refuse a request addressed to another host name', async () => {
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const req = request(bridgeUrl(), { method: 'POST', headers: { ...PLAYGROUND_HEADERS, host: 'koji.attacker.example' } }, (res) => {
        res.resume();
        resolve(res.statusCode);
      });
      req.on('error', reject);
      req.end(JSON.stringify(playgroundMessage('hello')));
    });

    expect(status).toBe(403);
    expect(platform.playground!.forwarded).toEqual([]);
  });

  it('should refuse a serviceUrl off this machine: Koji’s bot would send its token there', async () => {
    const response = await post(playgroundMessage('hello', { serviceUrl: 'https://attacker.example/_connector' }));

    expect(response.status).toBe(400);
    expect(platform.playground!.forwarded).toEqual([]);
  });
});
