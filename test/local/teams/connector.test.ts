import { ADAPTIVE_CARD_CONTENT_TYPE, TEAMS_SANDBOX, personalConversationId, type TeamsSandboxPerson } from '../../../packages/forge-local/src/teams';
import { startTeamsSandbox, type TeamsHarness } from './support/teams-harness';

const person = (key: string): TeamsSandboxPerson => TEAMS_SANDBOX.people.find((p) => p.key === key)!;
const VIC = person('vic');
const TOM = person('tom');
const VIC_CHAT = personalConversationId(VIC);

const card = {
  contentType: ADAPTIVE_CARD_CONTENT_TYPE,
  content: {
    type: 'AdaptiveCard',
    version: '1.5',
    body: [{ type: 'TextBlock', text: 'Vic is waiting', wrap: true }],
    actions: [{ type: 'Action.Submit', title: 'Accept', data: { action: 'accept', conv: '42' } }],
  },
};

const createBody = (memberId: string, extra: Record<string, unknown> = {}) => ({
  bot: { id: TEAMS_SANDBOX.botId },
  members: [{ id: memberId }],
  tenantId: TEAMS_SANDBOX.tenantId,
  channelData: { tenant: { id: TEAMS_SANDBOX.tenantId } },
  isGroup: false,
  ...extra,
});

describe('the Teams sandbox Bot Connector', () => {
  let h: TeamsHarness;

  beforeAll(async () => {
    h = await startTeamsSandbox();
  });
  beforeEach(async () => {
    await h.reset();
  });
  afterAll(async () => {
    await h.close();
  });

  it('should live at serviceUrl = {base}/teams/connector/', () => {
    expect(h.serviceUrl).toBe(`${h.baseUrl}/teams/connector/`);
  });

  it('should refuse sends without a token, with a forged one, or with an inbound channel token, and store none', async () => {
    await h.sandbox.install(VIC);
    const activity = { type: 'message', text: 'hello' };
    const channelToken = await h.sandbox.tokenFor({ serviceUrl: h.serviceUrl });
    const forged = (await h.accessToken()).replace(/\.[^.]+$/, '.c2lnbmF0dXJl');

    for (const token of [null, 'not-a-jwt', forged, channelToken!]) {
      const response = await h.connector('POST', `v3/conversations/${VIC_CHAT}/activities`, activity, token);

      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ message: 'Authorization has been denied for this request.' });
    }
    expect(h.sandbox.conversation(VIC)).toEqual([]);
    expect(h.sandbox.apiCalls.map((c) => [c.operation, c.status, c.error])).toEqual(Array(4).fill(['send', 401, 'Unauthorized']));
  });

  it('should refuse an access token once it has expired', async () => {
    let now = Date.UTC(2025, 0, 15, 9, 0, 0);
    const timed = await startTeamsSandbox({ now: () => now });
    try {
      await timed.sandbox.install(VIC);
      const token = await timed.accessToken();
      expect((await timed.connector('POST', `v3/conversations/${VIC_CHAT}/activities`, { type: 'message', text: 'a' }, token)).status).toBe(201);

      now += 3600 * 1000;
      expect((await timed.connector('POST', `v3/conversations/${VIC_CHAT}/activities`, { type: 'message', text: 'b' }, token)).status).toBe(401);
    } finally {
      await timed.close();
    }
  });

  it('should store a send with a valid token as the bot’s message and answer 201 {id}', async () => {
    await h.sandbox.install(VIC);

    const response = await h.connector('POST', `v3/conversations/${encodeURIComponent(VIC_CHAT)}/activities`, {
      type: 'message',
      text: '**An operator** will be with you shortly.',
      textFormat: 'markdown',
      attachments: [card],
    });

    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: string };
    expect(id).toMatch(/^\d{13,}$/);
    const [stored] = h.sandbox.conversation(VIC);
    expect(stored).toMatchObject({
      conversationId: VIC_CHAT,
      id,
      from: 'bot',
      senderId: TEAMS_SANDBOX.botId,
      kind: 'message',
      text: '**An operator** will be with you shortly.',
      textFormat: 'markdown',
      attachments: [card],
      activity: { type: 'message', id, channelId: 'msteams', serviceUrl: h.serviceUrl, conversation: { id: VIC_CHAT }, from: { id: TEAMS_SANDBOX.botId } },
    });
    expect(h.sandbox.apiCalls).toEqual([
      {
        operation: 'send',
        method: 'POST',
        path: `v3/conversations/${VIC_CHAT}/activities`,
        conversationId: VIC_CHAT,
        body: expect.objectContaining({ text: '**An operator** will be with you shortly.' }),
        status: 201,
        appId: TEAMS_SANDBOX.appId,
      },
    ]);
  });

  it('should answer 403 to create-conversation before the person installed the app, 201 with their chat’s id after', async () => {
    const before = await h.connector('POST', 'v3/conversations', createBody(TOM.id));
    expect(before.status).toBe(403);
    expect(await before.json()).toEqual({ error: { code: 'BotNotInConversationRoster', message: 'The bot is not part of the conversation roster.' } });

    const installed = await h.sandbox.install(TOM);

    const after = await h.connector('POST', 'v3/conversations', createBody(TOM.id));
    expect(after.status).toBe(201);
    expect(await after.json()).toEqual({ id: installed.conversationId });
    expect(h.trigger.activities()[0]?.conversation.id).toBe(installed.conversationId);
    // The Entra object id names the member too.
    expect((await h.connector('POST', 'v3/conversations', createBody(TOM.aadObjectId))).status).toBe(201);
  });

  it('should refuse a create-conversation without a tenant, for a group, for an unknown user or from another bot', async () => {
    await h.sandbox.install(TOM);
    const cases: Array<[unknown, number]> = [
      [{ ...createBody(TOM.id), tenantId: undefined, channelData: {} }, 400],
      [createBody(TOM.id, { isGroup: true }), 400],
      [createBody('29:nobody'), 404],
      [createBody(TOM.id, { bot: { id: '28:someone-else' } }), 400],
      [createBody(TOM.id, { tenantId: '11111111-2222-3333-4444-555555555555' }), 403],
    ];
    for (const [body, status] of cases) expect((await h.connector('POST', 'v3/conversations', body)).status).toBe(status);
  });

  it('should send into a conversation created with an activity, and refuse the bot once the person uninstalls', async () => {
    await h.sandbox.install(TOM);
    const created = await h.connector('POST', 'v3/conversations', createBody(TOM.id, { activity: { type: 'message', text: 'Vic needs help' } }));
    expect(await created.json()).toEqual({ id: personalConversationId(TOM), activityId: expect.any(String) });
    expect(h.sandbox.conversation(TOM).map((m) => m.text)).toEqual(['Vic needs help']);

    await h.sandbox.uninstall(TOM);

    const refused = await h.connector('POST', `v3/conversations/${personalConversationId(TOM)}/activities`, { type: 'message', text: 'still there?' });
    expect(refused.status).toBe(403);
    expect((await h.connector('POST', 'v3/conversations', createBody(TOM.id))).status).toBe(403);
  });

  it('should update and delete the bot’s own message, and reply into a conversation', async () => {
    await h.sandbox.install(VIC);
    const sent = (await (await h.connector('POST', `v3/conversations/${VIC_CHAT}/activities`, { type: 'message', attachments: [card] })).json()) as { id: string };

    const updated = await h.connector('PUT', `v3/conversations/${VIC_CHAT}/activities/${sent.id}`, { type: 'message', text: 'Accepted by Tom' });
    expect(updated.status).toBe(200);
    expect(await updated.json()).toEqual({ id: sent.id });
    expect(h.sandbox.conversation(VIC)).toEqual([expect.objectContaining({ id: sent.id, text: 'Accepted by Tom', updatedAt: expect.any(String) })]);

    const reply = await h.connector('POST', `v3/conversations/${VIC_CHAT}/activities/${sent.id}`, { type: 'message', text: 'a reply' });
    expect(reply.status).toBe(201);
    expect(h.sandbox.conversation(VIC)[1]).toMatchObject({ text: 'a reply', replyToId: sent.id });

    expect((await h.connector('PUT', `v3/conversations/${VIC_CHAT}/activities/999`, { type: 'message', text: 'x' })).status).toBe(404);
    expect((await h.connector('DELETE', `v3/conversations/${VIC_CHAT}/activities/${sent.id}`)).status).toBe(200);
    expect(h.sandbox.conversation(VIC).map((m) => m.text)).toEqual(['a reply']);
  });

  it('should refuse the person’s messages to update, activities without content, unknown types, bad cards and oversized messages', async () => {
    await h.sandbox.install(VIC);
    const { activityId } = await h.sandbox.sendAs(VIC, 'hi');
    const send = (body: unknown) => h.connector('POST', `v3/conversations/${VIC_CHAT}/activities`, body);

    expect((await h.connector('PUT', `v3/conversations/${VIC_CHAT}/activities/${activityId}`, { type: 'message', text: 'x' })).status).toBe(403);
    expect((await send({ type: 'message', text: '  ' })).status).toBe(400);
    expect((await send({ type: 'event', text: 'x' })).status).toBe(400);
    expect((await send({ type: 'message', attachments: [{ contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: { type: 'Card' } }] })).status).toBe(400);
    const big = await send({ type: 'message', text: 'x'.repeat(30_000) });
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({ error: { code: 'MessageSizeTooBig' } });
    expect((await send({ type: 'typing' })).status).toBe(201);
    expect(h.sandbox.conversation(VIC)).toHaveLength(1);
  });

  it('should answer 404 for conversations that do not exist and for unknown routes', async () => {
    const unknown = await h.connector('POST', 'v3/conversations/a:1nothing/activities', { type: 'message', text: 'x' });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: 'ConversationNotFound' } });
    expect((await h.connector('GET', 'v3/teams/19:x')).status).toBe(404);
  });

  it('should list the members of a personal chat and of the channel, and one member', async () => {
    await h.sandbox.install(VIC);

    const members = await h.connector('GET', `v3/conversations/${VIC_CHAT}/members`);
    expect(await members.json()).toEqual([
      {
        id: VIC.id,
        name: 'Vic User',
        aadObjectId: VIC.aadObjectId,
        givenName: 'Vic',
        surname: 'User',
        email: 'vic@sandbox.test',
        userPrincipalName: 'vic@sandbox.test',
        tenantId: TEAMS_SANDBOX.tenantId,
        userRole: 'user',
      },
    ]);
    expect(await (await h.connector('GET', `v3/conversations/${VIC_CHAT}/members/${encodeURIComponent(VIC.id)}`)).json()).toMatchObject({ email: 'vic@sandbox.test' });
    expect((await h.connector('GET', `v3/conversations/${VIC_CHAT}/members/${TOM.id}`)).status).toBe(404);
    const paged = (await (await h.connector('GET', `v3/conversations/${TEAMS_SANDBOX.channel.id}/pagedmembers?pageSize=50`)).json()) as { members: unknown[] };
    expect(paged.members).toHaveLength(TEAMS_SANDBOX.people.length);
    expect((await h.connector('GET', `v3/conversations/${personalConversationId(TOM)}/members`)).status).toBe(403);
  });

  it.each([
    [429, 'Throttled'],
    [412, 'PreconditionFailed'],
    [502, 'ServiceError'],
    [504, 'GatewayTimeout'],
  ])('should answer the next sends with an injected %i (%s), then send again', async (status, code) => {
    await h.sandbox.install(VIC);
    h.sandbox.failNext('send', status, 2, status === 429 ? 7 : undefined);
    const send = () => h.connector('POST', `v3/conversations/${VIC_CHAT}/activities`, { type: 'message', text: 'hi' });

    for (let i = 0; i < 2; i++) {
      const failed = await send();
      expect(failed.status).toBe(status);
      expect(failed.headers.get('retry-after')).toBe(status === 429 ? '7' : null);
      expect(await failed.json()).toMatchObject({ error: { code } });
    }
    expect((await send()).status).toBe(201);
    expect(h.sandbox.apiCalls.map((c) => c.status)).toEqual([status, status, 201]);
    expect(h.sandbox.conversation(VIC)).toHaveLength(1);
  });

  it('should fail only the operation told to fail', async () => {
    await h.sandbox.install(VIC);
    h.sandbox.failNext('createConversation', 429, 1, 3);

    expect((await h.connector('POST', `v3/conversations/${VIC_CHAT}/activities`, { type: 'message', text: 'hi' })).status).toBe(201);
    const created = await h.connector('POST', 'v3/conversations', createBody(VIC.id));
    expect([created.status, created.headers.get('retry-after')]).toEqual([429, '3']);
    expect(() => h.sandbox.failNext('send', 200)).toThrow(RangeError);
  });
});
