import { SignJWT, exportJWK, generateKeyPair, type KeyLike } from 'jose';
import type { HandledMessage, IncomingChatMessage } from '../../../src/app/conversation/incoming-message';
import type { TeamsCard, TeamsConversationReference } from '../../../src/adapters/teams/teams-activity';
import { forgetBotFrameworkKeys } from '../../../src/adapters/teams/teams-auth';
import { receiveTeamsRequest, type TeamsReceiverDeps } from '../../../src/adapters/teams/teams-receiver';
import type { TeamsTenant } from '../../../src/adapters/teams/teams-tenants';

const NOW = Date.UTC(2026, 10, 25, 9, 0, 0);
const APP_ID = 'c9e8c047-2a74-40a2-b28a-b162d5f5327c';
/** A bot of the tenant no project connected. */
const OTHER_APP = '4d1f0c2e-8b3a-4e5f-9a6b-7c8d9e0f1a2b';
const TENANT: TeamsTenant = {
  tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
  name: 'Contoso',
  projectId: '10000',
  appId: APP_ID,
  appPassword: 'secret',
  botTenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
  connectedAt: NOW,
  confirmedAt: NOW,
};
const SERVICE_URL = 'https://smba.trafficmanager.net/emea/';
const METADATA = 'https://login.example/openid';
const JWKS = 'https://login.example/keys';

let signingKey: KeyLike;
let strangerKey: KeyLike;
let jwks: { keys: Array<Record<string, unknown>> };
let fetches: string[];
/** What the stand-in Microsoft publishes and how it answers, and the time the receiver sees: per test. */
let published: { keys: Array<Record<string, unknown>> };
let keyEndpoint: 'up' | 'down';
let now: number;

beforeAll(async () => {
  const endorsed = await generateKeyPair('RS256');
  const stranger = await generateKeyPair('RS256');
  const unendorsed = await generateKeyPair('RS256');
  signingKey = endorsed.privateKey;
  strangerKey = stranger.privateKey;
  jwks = {
    keys: [
      { ...(await exportJWK(endorsed.publicKey)), kid: 'key-1', alg: 'RS256', use: 'sig', endorsements: ['msteams'] },
      { ...(await exportJWK(unendorsed.publicKey)), kid: 'key-skype', alg: 'RS256', use: 'sig', endorsements: ['skype'] },
    ],
  };
  unendorsedKey = unendorsed.privateKey;
});
let unendorsedKey: KeyLike;

beforeEach(() => {
  forgetBotFrameworkKeys();
  fetches = [];
  published = jwks;
  keyEndpoint = 'up';
  now = NOW;
});

function activity(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'message',
    id: '1700000000123',
    timestamp: '2026-11-25T09:00:00.123Z',
    channelId: 'msteams',
    serviceUrl: SERVICE_URL,
    from: { id: '29:1megan', name: 'Megan Bowen', aadObjectId: '7faf2cd0-1a2b-4c3d-9e8f-0a1b2c3d4e5f' },
    conversation: { conversationType: 'personal', tenantId: TENANT.tenantId, id: 'a:1b2c3d' },
    recipient: { id: `28:${APP_ID}`, name: 'Koji' },
    text: 'operator',
    textFormat: 'plain',
    channelData: { tenant: { id: TENANT.tenantId } },
    ...overrides,
  };
}

async function token(claims: Record<string, unknown> = {}, options: { key?: KeyLike; kid?: string; exp?: number } = {}): Promise<string> {
  return new SignJWT({ serviceurl: SERVICE_URL, ...claims })
    .setProtectedHeader({ alg: 'RS256', kid: options.kid ?? 'key-1' })
    .setIssuer((claims['iss'] as string | undefined) ?? 'https://api.botframework.com')
    .setAudience((claims['aud'] as string | undefined) ?? APP_ID)
    .setIssuedAt(Math.floor(NOW / 1000) - 60)
    .setExpirationTime(options.exp ?? Math.floor(NOW / 1000) + 3600)
    .sign(options.key ?? signingKey);
}

function harness(
  options: {
    handled?: HandledMessage;
    cardUpdate?: 'fails';
    referenceSave?: 'fails';
    binding?: TeamsTenant;
    /** The tenant Microsoft's roster puts the sender in; undefined: the roster cannot be asked. Default: the binding's. */
    roster?: { tenantId: string | undefined };
    /** Other bots (app ids) another project has bound in the tenant. */
    alsoBound?: readonly string[];
  } = {},
) {
  const dispatched: IncomingChatMessage[] = [];
  const cardsUsed: Array<{ card: TeamsCard; note: string }> = [];
  const warnings: string[] = [];
  const references = new Map<string, TeamsConversationReference>();
  const left: string[] = [];
  const lookedUp: string[] = [];
  const confirmed: TeamsTenant[] = [];
  const asked: Array<{ serviceUrl: string; conversationId: string; userId: string }> = [];
  /** What the tenant's status was told of refused activities (tenant-health.ts). */
  const refusalsTold: string[] = [];
  let binding = options.binding ?? TENANT;
  const deps: TeamsReceiverDeps = {
    tenant: (id, appId) => {
      lookedUp.push(`${id}|${appId}`);
      if (id === binding.tenantId && options.alsoBound?.includes(appId)) return Promise.resolve({ ...binding, appId, projectId: '10001' });
      return Promise.resolve(id === binding.tenantId && appId === binding.appId ? binding : undefined);
    },
    confirm: (t) => {
      binding = { ...t, confirmedAt: NOW };
      confirmed.push(binding);
      return Promise.resolve(binding);
    },
    tenantOfSender: (_t, where) => {
      asked.push(where);
      return Promise.resolve(options.roster ? options.roster.tenantId : binding.tenantId);
    },
    keys: {
      openIdMetadataUrl: METADATA,
      now: () => now,
      fetch: (input) => {
        const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
        fetches.push(url);
        if (keyEndpoint === 'down') return Promise.reject(new TypeError('fetch failed'));
        return Promise.resolve(Response.json(url === METADATA ? { jwks_uri: JWKS } : published));
      },
    },
    references: {
      get: (t, u) => Promise.resolve(references.get(`${t}|${u}`)),
      put: (r) => (options.referenceSave === 'fails' ? Promise.reject(new Error('KVS answered 503.')) : Promise.resolve(void references.set(`${r.tenantId}|${r.userId}`, r))),
      remove: (t, u) => Promise.resolve(void references.delete(`${t}|${u}`)),
    },
    dispatch: (message) => {
      dispatched.push(message);
      return Promise.resolve(options.handled ?? { outcome: 'relayed' });
    },
    markCardUsed: (_tenant, card, note) => {
      if (options.cardUpdate === 'fails') return Promise.reject(new Error('Teams answered 404.'));
      cardsUsed.push({ card, note });
      return Promise.resolve();
    },
    personLeft: (_t, userId) => Promise.resolve(void left.push(userId)),
    log: { info: () => undefined, warn: (event) => void warnings.push(event) },
    health: { refused: (_t, _a, reason) => Promise.resolve(void refusalsTold.push(reason)), verified: () => Promise.resolve() },
    tenantConnected: () => Promise.resolve(true),
  };
  return { deps, dispatched, references, left, cardsUsed, warnings, lookedUp, confirmed, asked, refusalsTold };
}

const request = (body: Record<string, unknown>, bearer?: string) => ({
  method: 'POST',
  headers: { 'Content-Type': ['application/json'], ...(bearer ? { Authorization: [`Bearer ${bearer}`] } : {}) },
  body: JSON.stringify(body),
});

describe('the Teams web trigger receiver', () => {
  it('should hand a personal message with a valid token to the core, and remember how to reach the sender', async () => {
    const { deps, dispatched, references } = harness();

    const response = await receiveTeamsRequest(request(activity(), await token()), deps);

    expect(response.statusCode).toBe(200);
    expect(dispatched).toEqual([
      expect.objectContaining({
        id: 'teams-a:1b2c3d-1700000000123',
        projectId: '10000',
        from: { channel: 'teams', tenantId: TENANT.tenantId, userId: '29:1megan' },
        senderName: 'Megan Bowen',
        text: 'operator',
        sentAt: Date.parse('2026-11-25T09:00:00.123Z'),
      }),
    ]);
    expect(references.get(`${TENANT.tenantId}|29:1megan`)).toMatchObject({ serviceUrl: SERVICE_URL, conversationId: 'a:1b2c3d', botId: `28:${APP_ID}` });
  });

  // `told`: whether the tenant's status hears of it. Only a token Microsoft signed tells of the configuration;
  // one nothing shows Microsoft made could be anyone's.
  it.each([
    ['no token', async () => undefined, /no Bearer token/, false],
    ['another issuer', async () => token({ iss: 'https://sts.windows.net/evil/' }), /not valid/, false],
    ['an audience that is no app id', async () => token({ aud: 'some-other-bot' }), /not for a bot/, true],
    ['an expired token, beyond five minutes of tolerance', async () => token({}, { exp: Math.floor(NOW / 1000) - 301 }), /not valid/, true],
    ['a token that expired hours ago, sent again', async () => token({}, { exp: Math.floor(NOW / 1000) - 3 * 3600 }), /not valid/, false],
    ['Microsoft’s expired token for a bot with no binding', async () => token({ aud: OTHER_APP }, { exp: Math.floor(NOW / 1000) - 301 }), /not connected/, false],
    ['an unknown key', async () => token({}, { key: strangerKey, kid: 'key-unknown' }), /unknown key/, false],
    ['a key not endorsed for Teams', async () => token({}, { key: unendorsedKey, kid: 'key-skype' }), /not endorsed/, true],
    ['a token for another service URL', async () => token({ serviceurl: 'https://evil.example/' }), /another service URL/, true],
    ['a forged signature', async () => token({}, { key: strangerKey, kid: 'key-1' }), /not valid/, false],
    ['Microsoft’s token for a bot with no binding', async () => token({ aud: OTHER_APP }), /not connected/, true],
    ['a forged signature for a bot with no binding', async () => token({ aud: OTHER_APP }, { key: strangerKey, kid: 'key-1' }), /not connected/, false],
  ])('should refuse %s with 4xx and hand nothing on', async (_what, makeToken, reason, told) => {
    const { deps, dispatched, references, refusalsTold } = harness();

    const response = await receiveTeamsRequest(request(activity(), await makeToken()), deps);

    // 403 for a bot with no binding in the tenant (unknown_tenant), 401 for a token that does not check out.
    expect(response.statusCode).toBe(reason.source === 'not connected' ? 403 : 401);
    expect((JSON.parse(response.body) as { message: string }).message).toMatch(reason);
    expect(dispatched).toEqual([]);
    expect(references.size).toBe(0);
    expect(refusalsTold).toHaveLength(told ? 1 : 0);
  });

  it('should accept a token that expired less than five minutes ago', async () => {
    const { deps, dispatched } = harness();

    await receiveTeamsRequest(request(activity(), await token({}, { exp: Math.floor(NOW / 1000) - 120 })), deps);

    expect(dispatched).toHaveLength(1);
  });

  it('should fetch the keys once and reuse them for every token signed with a known key', async () => {
    const { deps, dispatched } = harness();

    await receiveTeamsRequest(request(activity(), await token()), deps);
    now += 60 * 60_000;
    await receiveTeamsRequest(request(activity({ id: '2' }), await token({}, { exp: Math.floor(now / 1000) + 3600 })), deps);

    expect(fetches).toEqual([METADATA, JWKS]);
    expect(dispatched).toHaveLength(2);
  });

  describe('when tokens name a key Microsoft has not published', () => {
    const MINUTE = 60_000;

    it('should answer 100 of them 401 while fetching the keys at most once (metadata, then keys)', async () => {
      const { deps, dispatched } = harness();
      const forged = await token({}, { key: strangerKey, kid: 'key-unknown' });

      const sequential = [];
      for (let i = 0; i < 50; i += 1) sequential.push(await receiveTeamsRequest(request(activity({ id: `s${i}` }), forged), deps));
      const parallel = await Promise.all(Array.from({ length: 50 }, (_, i) => receiveTeamsRequest(request(activity({ id: `p${i}` }), forged), deps)));

      expect([...sequential, ...parallel].map((r) => r.statusCode)).toEqual(Array.from({ length: 100 }, () => 401));
      expect(fetches).toEqual([METADATA, JWKS]);
      expect(dispatched).toEqual([]);
    });

    it('should not fetch for an unknown key within five minutes of the last fetch, and fetch once after that', async () => {
      const { deps } = harness();
      await receiveTeamsRequest(request(activity(), await token()), deps);
      const forged = await token({}, { key: strangerKey, kid: 'key-unknown' });

      for (const minutes of [1, 2, 4.9]) {
        now = NOW + minutes * MINUTE;
        expect((await receiveTeamsRequest(request(activity({ id: `${minutes}` }), forged), deps)).statusCode).toBe(401);
      }
      expect(fetches).toEqual([METADATA, JWKS]);

      now = NOW + 5 * MINUTE;
      for (let i = 0; i < 10; i += 1) await receiveTeamsRequest(request(activity({ id: `late${i}` }), forged), deps);
      expect(fetches).toEqual([METADATA, JWKS, METADATA, JWKS]);
    });

    it('should accept a key Microsoft rotated in once the refresh interval has passed', async () => {
      const { deps, dispatched } = harness();
      await receiveTeamsRequest(request(activity(), await token()), deps);
      const rotated = await generateKeyPair('RS256');
      published = { keys: [...jwks.keys, { ...(await exportJWK(rotated.publicKey)), kid: 'key-2', alg: 'RS256', use: 'sig', endorsements: ['msteams'] }] };
      now = NOW + MINUTE;
      const early = await receiveTeamsRequest(request(activity({ id: '2' }), await token({}, { key: rotated.privateKey, kid: 'key-2' })), deps);

      now = NOW + 5 * MINUTE + 1;
      const later = await receiveTeamsRequest(request(activity({ id: '3' }), await token({}, { key: rotated.privateKey, kid: 'key-2' })), deps);

      expect(early.statusCode).toBe(401);
      expect(later.statusCode).toBe(200);
      expect(dispatched.map((m) => m.id)).toEqual(['teams-a:1b2c3d-1700000000123', 'teams-a:1b2c3d-3']);
      expect(fetches).toEqual([METADATA, JWKS, METADATA, JWKS]);
    });

    it('should not retry a failed key fetch on every request, and recover once Microsoft answers again', async () => {
      const { deps, dispatched } = harness();
      keyEndpoint = 'down';

      const refused = [];
      for (let i = 0; i < 20; i += 1) refused.push(await receiveTeamsRequest(request(activity({ id: `d${i}` }), await token()), deps));

      expect(refused.map((r) => r.statusCode)).toEqual(Array.from({ length: 20 }, () => 401));
      expect(JSON.parse(refused[0]!.body)).toMatchObject({ message: expect.stringMatching(/could not be fetched/) });
      expect(fetches).toEqual([METADATA]);

      keyEndpoint = 'up';
      now = NOW + 5 * MINUTE;
      expect((await receiveTeamsRequest(request(activity({ id: 'back' }), await token()), deps)).statusCode).toBe(200);
      expect(fetches).toEqual([METADATA, METADATA, JWKS]);
      expect(dispatched).toHaveLength(1);
    });

    it('should keep using the keys it has when a refresh fails', async () => {
      const { deps, dispatched } = harness();
      await receiveTeamsRequest(request(activity(), await token()), deps);
      keyEndpoint = 'down';
      now = NOW + 25 * 60 * MINUTE;

      const answer = await receiveTeamsRequest(request(activity({ id: '2' }), await token({}, { exp: Math.floor(now / 1000) + 3600 })), deps);

      expect(answer.statusCode).toBe(200);
      expect(dispatched).toHaveLength(2);
    });
  });

  it('should refuse a tenant that is not connected, before looking at the token', async () => {
    const { deps, dispatched } = harness();
    const stranger = activity({ conversation: { conversationType: 'personal', tenantId: 'other-tenant', id: 'a:1' }, channelData: { tenant: { id: 'other-tenant' } } });

    const response = await receiveTeamsRequest(request(stranger, await token()), deps);

    expect(response.statusCode).toBe(403);
    expect(dispatched).toEqual([]);
  });

  it('should refuse a token whose audience is no app id with 401, before looking up the tenant', async () => {
    const { deps, dispatched, lookedUp } = harness();

    const response = await receiveTeamsRequest(request(activity(), await token({ aud: 'https://api.botframework.com' })), deps);

    expect(response.statusCode).toBe(401);
    expect(lookedUp).toEqual([]);
    expect(dispatched).toEqual([]);
  });

  it('should look up the binding of the token’s bot in the activity’s tenant, so each bot of a tenant has its own', async () => {
    const { deps, dispatched, lookedUp } = harness();
    const otherBot = '0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e';

    const response = await receiveTeamsRequest(request(activity({ recipient: { id: `28:${otherBot}` } }), await token({ aud: otherBot })), deps);

    expect(response.statusCode).toBe(403);
    expect(lookedUp).toEqual([`${TENANT.tenantId}|${otherBot}`]);
    expect(dispatched).toEqual([]);
  });

  it('should confirm a waiting binding on its first verified activity only, and never on a forged one', async () => {
    const { confirmedAt: _proof, ...waiting } = TENANT;
    const { deps, dispatched, confirmed } = harness({ binding: waiting });

    expect((await receiveTeamsRequest(request(activity({ id: '1' }), await token({}, { key: strangerKey })), deps)).statusCode).toBe(401);
    expect((await receiveTeamsRequest(request(activity({ id: '2' }), await token({}, { key: unendorsedKey, kid: 'key-skype' })), deps)).statusCode).toBe(401);
    expect(confirmed).toEqual([]);

    expect((await receiveTeamsRequest(request(activity({ id: '3' }), await token()), deps)).statusCode).toBe(200);
    expect((await receiveTeamsRequest(request(activity({ id: '4' }), await token()), deps)).statusCode).toBe(200);

    expect(confirmed).toEqual([{ ...waiting, confirmedAt: NOW }]);
    expect(dispatched.map((m) => m.id)).toEqual(['teams-a:1b2c3d-3', 'teams-a:1b2c3d-4']);
  });

  describe('a waiting binding is proven by Microsoft’s roster, not by the tenant an activity names', () => {
    const { confirmedAt: _proof, ...waiting } = TENANT;

    it('should ask the roster about the sender once, and confirm when it names the binding’s tenant', async () => {
      const { deps, confirmed, asked } = harness({ binding: waiting });

      await receiveTeamsRequest(request(activity({ id: '1' }), await token()), deps);
      await receiveTeamsRequest(request(activity({ id: '2' }), await token()), deps);

      expect(asked).toEqual([{ serviceUrl: SERVICE_URL, conversationId: 'a:1b2c3d', userId: '29:1megan' }]);
      expect(confirmed).toHaveLength(1);
    });

    it('should refuse a verified activity whose sender the roster puts in another tenant, and confirm nothing', async () => {
      const { deps, dispatched, confirmed, references } = harness({ binding: waiting, roster: { tenantId: 'f00dfeed-0000-4000-8000-000000000000' } });

      const response = await receiveTeamsRequest(request(activity(), await token()), deps);

      expect(response.statusCode).toBe(403);
      expect(confirmed).toEqual([]);
      expect(dispatched).toEqual([]);
      expect(references.size).toBe(0);
    });

    it('should serve the activity and leave the binding waiting when the roster cannot be asked', async () => {
      const { deps, dispatched, confirmed } = harness({ binding: waiting, roster: { tenantId: undefined } });

      expect((await receiveTeamsRequest(request(activity(), await token()), deps)).statusCode).toBe(200);

      expect(confirmed).toEqual([]);
      expect(dispatched).toHaveLength(1);
    });
  });

  describe('a person another project’s bot already reaches', () => {
    const otherBot = '0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e';
    const theirs: TeamsConversationReference = { tenantId: TENANT.tenantId, userId: '29:1megan', name: 'Megan Bowen', serviceUrl: SERVICE_URL, conversationId: 'a:theirs', botId: `28:${otherBot}` };

    it('should keep their reference on that bot when this bot delivers a message or an install from them', async () => {
      const { deps, references } = harness({ alsoBound: [otherBot] });
      references.set(`${TENANT.tenantId}|29:1megan`, theirs);

      await receiveTeamsRequest(request(activity(), await token()), deps);
      await receiveTeamsRequest(request(activity({ id: '2', type: 'installationUpdate', action: 'add', text: undefined }), await token()), deps);

      expect(references.get(`${TENANT.tenantId}|29:1megan`)).toEqual(theirs);
    });

    it('should not forget their reference when this bot says they removed it', async () => {
      const { deps, references } = harness({ alsoBound: [otherBot] });
      references.set(`${TENANT.tenantId}|29:1megan`, theirs);

      await receiveTeamsRequest(request(activity({ type: 'installationUpdate', action: 'remove', text: undefined }), await token()), deps);

      expect(references.get(`${TENANT.tenantId}|29:1megan`)).toEqual(theirs);
    });

    it('should move the reference to this bot once the other bot is no longer connected', async () => {
      const { deps, references } = harness();
      references.set(`${TENANT.tenantId}|29:1megan`, theirs);

      await receiveTeamsRequest(request(activity(), await token()), deps);

      expect(references.get(`${TENANT.tenantId}|29:1megan`)).toMatchObject({ conversationId: 'a:1b2c3d', botId: `28:${APP_ID}` });
    });
  });

  it('should refuse an activity meant for another bot', async () => {
    const { deps } = harness();

    expect((await receiveTeamsRequest(request(activity({ recipient: { id: '28:someone-else' } }), await token()), deps)).statusCode).toBe(403);
  });

  it.each([
    ['no Authorization header', undefined],
    ['a Basic header', 'Basic dXNlcjpwYXNz'],
    ['a Bearer header that is no JWT', 'Bearer not-a-token'],
    ['a 100 KB Bearer header', `Bearer ${'a'.repeat(50_000)}.${'b'.repeat(50_000)}.c`],
  ])('should refuse an activity with %s with 401 before looking up the tenant', async (_what, authorization) => {
    const { deps, dispatched, lookedUp } = harness();
    const headers = { 'Content-Type': ['application/json'], ...(authorization ? { Authorization: [authorization] } : {}) };

    const response = await receiveTeamsRequest({ method: 'POST', headers, body: JSON.stringify(activity()) }, deps);

    expect(response.statusCode).toBe(401);
    expect(lookedUp).toEqual([]);
    expect(dispatched).toEqual([]);
  });

  it.each([
    ['a 10 KB conversation id', { conversation: { conversationType: 'personal', tenantId: TENANT.tenantId, id: `a:${'x'.repeat(10_000)}` } }],
    ['a tenant id with control characters', { conversation: { conversationType: 'personal', tenantId: 'tenant\u0000\n', id: 'a:1' } }],
    ['a numeric activity id', { id: 1700000000123 }],
    ['a from.id that is an array', { from: { id: ['29:1megan'] } }],
    ['a serviceUrl that is no URL', { serviceUrl: 'javascript:alert(1)' }],
    ['a 10 KB recipient id', { recipient: { id: `28:${'y'.repeat(10_000)}` } }],
  ])('should refuse an activity with %s with 400 before looking up the tenant', async (_what, overrides) => {
    const { deps, dispatched, lookedUp } = harness();

    const response = await receiveTeamsRequest(request(activity(overrides), await token()), deps);

    expect(response.statusCode).toBe(400);
    expect(lookedUp).toEqual([]);
    expect(dispatched).toEqual([]);
  });

  it('should still hand the message to the core, and answer 200, when its sender’s reference cannot be saved', async () => {
    const { deps, dispatched, warnings } = harness({ referenceSave: 'fails' });

    const response = await receiveTeamsRequest(request(activity(), await token()), deps);

    expect(response.statusCode).toBe(200);
    expect(dispatched.map((m) => m.text)).toEqual(['operator']);
    expect(warnings).toContain('teams_reference_not_saved');
  });

  it('should answer a malformed body with 400 and a reason', async () => {
    const { deps } = harness();

    const response = await receiveTeamsRequest({ headers: {}, body: '{"type":' }, deps);

    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body)).toMatchObject({ error: 'malformed_activity' });
  });

  it.each([
    ['typing', activity({ type: 'typing', text: undefined })],
    ['a reaction', activity({ type: 'messageReaction', text: undefined })],
    ['an edit', activity({ type: 'messageUpdate' })],
    ['the bot’s own message', activity({ from: { id: `28:${APP_ID}`, name: 'Koji' } })],
    ['channel chatter without a mention', activity({ conversation: { conversationType: 'channel', tenantId: TENANT.tenantId, id: '19:abc@thread.tacv2' } })],
  ])('should ignore %s with a 200', async (_what, body) => {
    const { deps, dispatched } = harness();

    const response = await receiveTeamsRequest(request(body, await token()), deps);

    expect(response.statusCode).toBe(200);
    expect(dispatched).toEqual([]);
  });

  it('should read a channel message that mentions the bot, without the mention', async () => {
    const { deps, dispatched } = harness();
    const mention = activity({
      conversation: { conversationType: 'channel', tenantId: TENANT.tenantId, id: '19:abc@thread.tacv2' },
      text: '<at>Koji</at> list_operators',
      entities: [{ type: 'mention', text: '<at>Koji</at>', mentioned: { id: `28:${APP_ID}`, name: 'Koji' } }],
    });

    await receiveTeamsRequest(request(mention, await token()), deps);

    expect(dispatched[0]?.text).toBe('list_operators');
  });

  it('should keep only https file links, so no other scheme becomes a link in the panel or the ticket', async () => {
    const { deps, dispatched } = harness();
    const file = (name: string, contentUrl: string) => ({ contentType: 'application/vnd.microsoft.teams.file.download.info', name, contentUrl });
    const attachments = [
      file('evil.html', 'javascript:alert(document.cookie)'),
      file('data.txt', 'data:text/html,<script>alert(1)</script>'),
      { contentType: 'image/png', name: 'plain.png', contentUrl: 'http://contoso.example/plain.png' },
      file('report.docx', 'https://contoso.sharepoint.com/report.docx'),
    ];

    await receiveTeamsRequest(request(activity({ text: 'see these', attachments }), await token()), deps);

    expect(dispatched[0]?.attachments).toEqual([{ name: 'report.docx', url: 'https://contoso.sharepoint.com/report.docx' }]);
  });

  it('should turn an Adaptive Card button into the same intent, tied to its conversation', async () => {
    const { deps, dispatched } = harness();

    await receiveTeamsRequest(request(activity({ text: undefined, value: { koji: 'end-session', c: 'conv-1' } }), await token()), deps);

    expect(dispatched[0]).toMatchObject({ text: '', action: { kind: 'end-session' }, conversationId: 'conv-1' });
  });

  it('should remember a person who installs the app, and forget them and end what they had open when they remove it', async () => {
    const { deps, references, left, dispatched } = harness();

    await receiveTeamsRequest(request(activity({ type: 'installationUpdate', action: 'add', text: undefined }), await token()), deps);
    expect(references.get(`${TENANT.tenantId}|29:1megan`)).toMatchObject({ conversationId: 'a:1b2c3d' });

    await receiveTeamsRequest(request(activity({ type: 'installationUpdate', action: 'remove', text: undefined }), await token()), deps);
    expect(references.size).toBe(0);
    expect(left).toEqual(['29:1megan']);
    expect(dispatched).toEqual([]);
  });

  describe('a used card', () => {
    const submit = (extra: Record<string, unknown> = {}) =>
      activity({ text: undefined, replyToId: '1700000000001', value: { koji: 'end-session', c: 'conv-1', t: 'Vic needs help' }, ...extra });

    it('should be replaced once the core settled the click: the card is the activity the submit replies to', async () => {
      const { deps, cardsUsed } = harness({ handled: { outcome: 'command', cardNote: 'Ended by you' } });

      await receiveTeamsRequest(request(submit(), await token()), deps);

      expect(cardsUsed).toEqual([
        { card: { serviceUrl: SERVICE_URL, conversationId: 'a:1b2c3d', activityId: '1700000000001', lead: 'Vic needs help' }, note: 'Ended by you' },
      ]);
    });

    it('should stay as it was when the core gave no note (a refused, failed or redelivered submit)', async () => {
      const { deps, cardsUsed } = harness({ handled: { outcome: 'duplicate' } });

      await receiveTeamsRequest(request(submit(), await token()), deps);

      expect(cardsUsed).toEqual([]);
    });

    it('should not fail the click when Teams refuses the update', async () => {
      const { deps, warnings } = harness({ handled: { outcome: 'command', cardNote: 'Ended by you' }, cardUpdate: 'fails' });

      const response = await receiveTeamsRequest(request(submit(), await token()), deps);

      expect(response.statusCode).toBe(200);
      expect(warnings).toContain('teams_card_not_updated');
    });

    it('should find the card through channelData.legacy.replyToId, and leave a submit that names no card alone', async () => {
      const legacy = harness({ handled: { outcome: 'command', cardNote: 'Ended by you' } });
      await receiveTeamsRequest(
        request(submit({ replyToId: undefined, channelData: { tenant: { id: TENANT.tenantId }, legacy: { replyToId: '1700000000002' } } }), await token()),
        legacy.deps,
      );
      const none = harness({ handled: { outcome: 'command', cardNote: 'Ended by you' } });
      await receiveTeamsRequest(request(submit({ replyToId: undefined }), await token()), none.deps);

      expect(legacy.cardsUsed[0]?.card.activityId).toBe('1700000000002');
      expect(none.dispatched).toHaveLength(1);
      expect(none.cardsUsed).toEqual([]);
    });
  });
});
