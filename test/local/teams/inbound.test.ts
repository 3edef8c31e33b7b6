import { importJWK, jwtVerify } from 'jose';
import {
  ADAPTIVE_CARD_CONTENT_TYPE,
  TEAMS_SANDBOX,
  TOKEN_VARIANTS,
  TeamsSandboxInputError,
  TriggerUnreachableError,
  personalConversationId,
  type TeamsActivity,
  type TeamsSandboxPerson,
  type TokenVariant,
} from '../../../packages/forge-local/src/teams';
import { failedInboundChecks, fetchJwks, startTeamsSandbox, type InboundCheck, type RecordedRequest, type TeamsHarness } from './support/teams-harness';

const NOW = Date.UTC(2025, 0, 15, 9, 30, 0);
const person = (key: string): TeamsSandboxPerson => TEAMS_SANDBOX.people.find((p) => p.key === key)!;
const VIC = person('vic');
const UMA = person('uma');

const authorizationOf = (request: RecordedRequest) => request.headers['authorization'];
const activityOf = (request: RecordedRequest) => JSON.parse(request.body) as TeamsActivity;

describe('people in the Teams sandbox writing to the bot', () => {
  let h: TeamsHarness;

  beforeAll(async () => {
    h = await startTeamsSandbox({ now: () => NOW });
  });
  beforeEach(async () => {
    await h.reset();
  });
  afterAll(async () => {
    await h.close();
  });

  it('should publish OpenID metadata pointing at a JWKS with the msteams-endorsed RS256 key', async () => {
    const fetchesBefore = h.sandbox.jwksRequests;
    const { metadata, keys } = await fetchJwks(h.sandbox.endpoints.openIdMetadataUrl);

    expect(h.sandbox.endpoints.openIdMetadataUrl).toBe(`${h.baseUrl}/teams/botframework/v1/.well-known/openidconfiguration`);
    expect(metadata).toMatchObject({
      issuer: 'https://api.botframework.com',
      jwks_uri: `${h.baseUrl}/teams/botframework/v1/.well-known/keys`,
      id_token_signing_alg_values_supported: ['RS256'],
    });
    expect(keys.filter((k) => k.endorsements?.includes('msteams'))).toEqual([
      { kty: 'RSA', n: expect.any(String), e: 'AQAB', kid: expect.any(String), alg: 'RS256', use: 'sig', endorsements: expect.arrayContaining(['msteams']) },
    ]);
    expect(h.sandbox.jwksRequests).toBe(fetchesBefore + 1);
  });

  it('should deliver an install as installationUpdate(add) then conversationUpdate(membersAdded) for the personal chat', async () => {
    const installed = await h.sandbox.install(VIC);

    expect(installed).toMatchObject({ conversationId: personalConversationId(VIC), installationUpdate: { status: 200 }, conversationUpdate: { status: 200 } });
    expect(installed.conversationId).toMatch(/^a:1/);
    const [install, update] = h.trigger.activities();
    const conversation = { conversationType: 'personal', tenantId: TEAMS_SANDBOX.tenantId, id: installed.conversationId };
    expect(install).toMatchObject({
      type: 'installationUpdate',
      action: 'add',
      id: installed.installationUpdate.activityId,
      channelId: 'msteams',
      serviceUrl: h.serviceUrl,
      from: { id: VIC.id, aadObjectId: VIC.aadObjectId },
      conversation,
      recipient: { id: TEAMS_SANDBOX.botId, name: 'Koji' },
      channelData: { tenant: { id: TEAMS_SANDBOX.tenantId } },
    });
    expect(update).toMatchObject({ type: 'conversationUpdate', conversation, membersAdded: [{ id: VIC.id, aadObjectId: VIC.aadObjectId }, { id: TEAMS_SANDBOX.botId }] });
    expect(h.sandbox.isInstalled('vic')).toBe(true);
  });

  it('should deliver a personal message shaped like real Teams, with a Bot Connector token that verifies against the published JWKS', async () => {
    await h.sandbox.install(VIC);
    h.trigger.requests.length = 0;

    const sent = await h.sandbox.sendAs('vic', 'Hello <Koji> & co');

    expect(sent).toEqual({ status: 200, body: '', activityId: expect.stringMatching(/^\d{13,}$/) });
    const [request] = h.trigger.requests;
    expect(request).toMatchObject({ method: 'POST', path: '/webtrigger/teams', headers: { 'content-type': 'application/json; charset=utf-8' } });
    const activity = activityOf(request!);
    expect(activity).toEqual({
      type: 'message',
      id: sent.activityId,
      timestamp: '2025-01-15T09:30:00.000Z',
      localTimestamp: '2025-01-15T04:30:00.000-05:00',
      localTimezone: 'America/New_York',
      channelId: 'msteams',
      serviceUrl: h.serviceUrl,
      from: { id: VIC.id, name: 'Vic User', aadObjectId: VIC.aadObjectId },
      conversation: { conversationType: 'personal', tenantId: TEAMS_SANDBOX.tenantId, id: personalConversationId(VIC) },
      recipient: { id: `28:${TEAMS_SANDBOX.appId}`, name: 'Koji' },
      locale: 'en-US',
      text: 'Hello <Koji> & co',
      textFormat: 'plain',
      attachments: [{ contentType: 'text/html', content: '<p>Hello &lt;Koji&gt; &amp; co</p>' }],
      entities: [{ type: 'clientInfo', locale: 'en-US', country: 'US', platform: 'Web', timezone: 'America/New_York' }],
      channelData: { tenant: { id: TEAMS_SANDBOX.tenantId } },
    });

    // What a bot does with it: metadata → JWKS → key by kid, endorsed for the channel → RS256 verify.
    const { keys } = await fetchJwks(h.sandbox.endpoints.openIdMetadataUrl);
    const authorization = String(authorizationOf(request!));
    const token = authorization.replace(/^Bearer /, '');
    const { payload, protectedHeader } = await jwtVerify(
      token,
      async (header) => {
        const key = keys.find((k) => k.kid === header.kid);
        if (!key?.endorsements?.includes(activity.channelId)) throw new Error('no endorsed key');
        return importJWK(key, 'RS256');
      },
      { issuer: 'https://api.botframework.com', audience: TEAMS_SANDBOX.appId, algorithms: ['RS256'], clockTolerance: 300, currentDate: new Date(NOW) },
    );
    expect(protectedHeader.alg).toBe('RS256');
    expect(payload).toEqual({ serviceurl: activity.serviceUrl, iss: 'https://api.botframework.com', aud: TEAMS_SANDBOX.appId, iat: NOW / 1000, nbf: NOW / 1000, exp: NOW / 1000 + 300 });
    expect(await failedInboundChecks(authorization, activity, keys, NOW)).toEqual([]);

    expect(h.sandbox.conversation(VIC)).toEqual([
      expect.objectContaining({ id: sent.activityId, from: 'person', senderId: VIC.id, kind: 'message', text: 'Hello <Koji> & co', timestamp: activity.timestamp }),
    ]);
  });

  const expectedFailure: Record<TokenVariant, InboundCheck[]> = {
    valid: [],
    none: ['bearer'],
    'wrong-issuer': ['issuer'],
    'wrong-audience': ['audience'],
    expired: ['lifetime'],
    'unknown-key': ['key'],
    'not-endorsed': ['endorsement'],
    'serviceurl-mismatch': ['serviceurl'],
  };

  it.each(TOKEN_VARIANTS.map((v) => [v, expectedFailure[v]] as const))('should send a %s token that fails exactly %j', async (variant, failed) => {
    await h.sandbox.install(VIC);
    h.trigger.requests.length = 0;

    await h.sandbox.sendAs(VIC, 'hi', { token: variant });

    const [request] = h.trigger.requests;
    if (variant === 'none') expect(authorizationOf(request!)).toBeUndefined();
    const { keys } = await fetchJwks(h.sandbox.endpoints.openIdMetadataUrl);
    expect(await failedInboundChecks(authorizationOf(request!), activityOf(request!), keys, NOW)).toEqual(failed);
  });

  it('should serve the not-endorsed key in the JWKS, without msteams', async () => {
    await h.sandbox.install(VIC);
    await h.sandbox.sendAs(VIC, 'hi', { token: 'not-endorsed' });

    const { keys } = await fetchJwks(h.sandbox.endpoints.openIdMetadataUrl);

    expect(keys).toHaveLength(2);
    expect(keys.filter((k) => k.endorsements?.includes('msteams'))).toHaveLength(1);
  });

  it('should rotate the channel keys so that earlier tokens carry an unknown kid', async () => {
    await h.sandbox.install(VIC);
    const before = await h.sandbox.tokenFor({ serviceUrl: h.serviceUrl });
    const { keys: oldKeys } = await fetchJwks(h.sandbox.endpoints.openIdMetadataUrl);

    const kid = await h.sandbox.rotateKeys();

    const { keys } = await fetchJwks(h.sandbox.endpoints.openIdMetadataUrl);
    expect(keys.map((k) => k.kid)).toEqual([kid]);
    expect(kid).not.toBe(oldKeys[0]?.kid);
    const activity = { channelId: 'msteams', serviceUrl: h.serviceUrl };
    expect(await failedInboundChecks(`Bearer ${before}`, activity, keys, NOW)).toEqual(['key']);
    expect(await failedInboundChecks(`Bearer ${await h.sandbox.tokenFor(activity)}`, activity, keys, NOW)).toEqual([]);
  });

  it('should let a test build an activity once and deliver it again, storing it once (a redelivery)', async () => {
    await h.sandbox.install(VIC);
    h.trigger.requests.length = 0;
    const activity = h.sandbox.activityFor(VIC, 'only once please');

    expect(h.sandbox.conversation(VIC)).toEqual([]);
    const first = await h.sandbox.deliver(activity);
    const second = await h.sandbox.deliver(activity, { token: 'expired' });

    expect(first.activityId).toBe(activity.id);
    expect(second.activityId).toBe(activity.id);
    expect(h.trigger.requests.map((r) => r.body)).toEqual([JSON.stringify(activity), JSON.stringify(activity)]);
    expect(h.sandbox.conversation(VIC)).toHaveLength(1);
    expect(await h.sandbox.tokenFor(activity, 'none')).toBeUndefined();
  });

  it('should deliver a channel mention with the <at> text and a mention entity', async () => {
    await h.sandbox.mentionInChannel(UMA, 'list_operators');

    const activity = h.trigger.activities()[0]!;
    expect(activity).toMatchObject({
      type: 'message',
      text: '<at>Koji</at> list_operators',
      from: { id: UMA.id, name: 'Uma Operator' },
      conversation: { isGroup: true, conversationType: 'channel', tenantId: TEAMS_SANDBOX.tenantId, id: `${TEAMS_SANDBOX.channel.id};messageid=${activity.id}` },
      channelData: { teamsTeamId: TEAMS_SANDBOX.team.id, teamsChannelId: TEAMS_SANDBOX.channel.id, tenant: { id: TEAMS_SANDBOX.tenantId } },
    });
    expect(activity.entities).toContainEqual({ type: 'mention', text: '<at>Koji</at>', mentioned: { id: TEAMS_SANDBOX.botId, name: 'Koji' } });
    expect(h.sandbox.channelMessages().map((m) => m.text)).toEqual(['<at>Koji</at> list_operators']);
  });

  it('should deliver an Action.Submit as a message with value and no text, directly or by clicking the bot’s card', async () => {
    await h.sandbox.install(UMA);
    const token = await h.accessToken();
    const posted = await h.connector(
      'POST',
      `v3/conversations/${personalConversationId(UMA)}/activities`,
      {
        type: 'message',
        attachments: [
          {
            contentType: ADAPTIVE_CARD_CONTENT_TYPE,
            content: {
              type: 'AdaptiveCard',
              version: '1.5',
              body: [{ type: 'TextBlock', text: 'Vic is waiting' }, { type: 'ActionSet', actions: [{ type: 'Action.Submit', title: 'Forward', data: { action: 'forward' } }] }],
              actions: [{ type: 'Action.Submit', id: 'accept', title: 'Accept', data: { action: 'accept', conv: '42' } }],
            },
          },
        ],
      },
      token,
    );
    const { id: cardId } = (await posted.json()) as { id: string };
    h.trigger.requests.length = 0;

    await h.sandbox.submit(UMA, { action: 'accept', conv: '7' });
    await h.sandbox.clickSubmit(UMA, cardId, 'Accept');
    await h.sandbox.clickSubmit(UMA, cardId, 0);

    const [direct, clicked, byIndex] = h.trigger.activities();
    expect(direct).toMatchObject({ type: 'message', value: { action: 'accept', conv: '7' }, from: { id: UMA.id } });
    expect(direct).not.toHaveProperty('text');
    expect(clicked).toMatchObject({ type: 'message', value: { action: 'accept', conv: '42' }, replyToId: cardId });
    expect(byIndex?.value).toEqual({ action: 'forward' });
    expect(h.sandbox.conversation(UMA).map((m) => [m.from, m.kind])).toEqual([
      ['bot', 'message'],
      ['person', 'submit'],
      ['person', 'submit'],
      ['person', 'submit'],
    ]);
    await expect(h.sandbox.clickSubmit(UMA, cardId, 'Nope')).rejects.toThrow(TeamsSandboxInputError);
  });

  it('should deliver the uninstall as installationUpdate(remove), after which the person cannot write', async () => {
    await h.sandbox.install(VIC);

    await h.sandbox.uninstall(VIC);

    expect(h.trigger.activities()[2]).toMatchObject({ type: 'installationUpdate', action: 'remove', from: { id: VIC.id } });
    expect(h.sandbox.isInstalled(VIC)).toBe(false);
    await expect(h.sandbox.sendAs(VIC, 'hi')).rejects.toMatchObject({ name: 'TeamsSandboxInputError', status: 409 });
  });

  it('should find people by key, Teams id, Entra id and e-mail', async () => {
    for (const ref of ['vic', VIC.id, VIC.aadObjectId, 'vic@sandbox.test', VIC]) expect(h.sandbox.conversationIdOf(ref)).toBe(personalConversationId(VIC));
  });
});

describe('the Teams sandbox and the web trigger’s answers', () => {
  it('should return what the trigger answered, refuse unknown people, and say when the trigger is down', async () => {
    const h = await startTeamsSandbox();
    try {
      await h.sandbox.install(VIC);
      h.trigger.reply = () => ({ status: 401, body: 'bad token' });
      await expect(h.sandbox.sendAs(VIC, 'hi', { token: 'expired' })).resolves.toMatchObject({ status: 401, body: 'bad token' });
      await expect(h.sandbox.sendAs('nobody', 'hi')).rejects.toThrow(TeamsSandboxInputError);

      await h.trigger.close();
      await expect(h.sandbox.sendAs(VIC, 'hello?')).rejects.toThrow(TriggerUnreachableError);
    } finally {
      await h.close();
    }
  });
});
