import { ErrorCode, WebAPIPlatformError, type UsersListResponse, type WebClient } from '@slack/web-api';
import { SlackChatGateway, slackClient } from '../../../src/adapters/slack/slack-chat-gateway';
import { ChatRateLimitedError } from '../../../src/domain/errors';
import { SANDBOX_PEOPLE, SANDBOX_WORKSPACE } from '../../../packages/forge-local/src/slack';
import { postAsBot, startSandbox, type SandboxHarness } from './support/sandbox-harness';

const SLACK_TS = /^\d+\.\d{6}$/;

async function rejection(promise: Promise<unknown>): Promise<Error & { code?: string; data?: { error?: string }; retryAfter?: number }> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to fail');
}

describe('the sandbox Slack Web API, called by the real @slack/web-api WebClient', () => {
  let h: SandboxHarness;
  let client: WebClient;

  beforeEach(async () => {
    h = await startSandbox({ echoBotMessages: false });
    client = h.client();
  });
  afterEach(async () => {
    await h.close();
  });

  it('should answer auth.test with the sandbox bot and workspace', async () => {
    const result = await client.auth.test();

    expect(result).toMatchObject({
      ok: true,
      url: SANDBOX_WORKSPACE.url,
      team: 'Koji Sandbox',
      team_id: 'T0SANDBOX',
      user_id: 'U0KOJIBOT',
      bot_id: 'B0KOJIBOT',
    });
  });

  it('should post to a user id into that person’s DM with the bot, keeping username and blocks', async () => {
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: 'Hello *Bob*' } }];

    const result = await client.chat.postMessage({ channel: 'UBOB', text: 'Hello Bob', username: 'Alice Operator', blocks });

    expect(result).toMatchObject({ ok: true, channel: 'DBOB', message: { text: 'Hello Bob', user: 'U0KOJIBOT', bot_id: 'B0KOJIBOT', username: 'Alice Operator' } });
    expect(result.ts).toMatch(SLACK_TS);
    const [stored] = h.sandbox.conversation('UBOB');
    expect(stored).toMatchObject({ channel: 'DBOB', ts: result.ts, user: 'U0KOJIBOT', botId: 'B0KOJIBOT', text: 'Hello Bob', username: 'Alice Operator' });
    // Slack gives a block without block_id a random one.
    expect(stored?.blocks).toEqual([{ ...blocks[0], block_id: expect.any(String) }]);
    expect(h.sandbox.conversation('UALICE')).toEqual([]);
  });

  it('should record each call with its form fields as sent: objects JSON-encoded, no token', async () => {
    await client.chat.postMessage({ channel: 'DBOB', text: 'hi', blocks: [{ type: 'divider' }] });

    expect(h.sandbox.apiCalls).toEqual([
      { method: 'chat.postMessage', args: { channel: 'DBOB', text: 'hi', blocks: '[{"type":"divider"}]' }, status: 200, ok: true },
    ]);
  });

  it('should accept what the app’s own gateway sends and tell who someone is, falling back to the real name', async () => {
    const gateway = new SlackChatGateway(slackClient(SANDBOX_WORKSPACE.botToken, h.slackApiUrl));
    const dana = { channel: 'slack', tenantId: 'T0SANDBOX', userId: 'UDANA' } as const;

    await gateway.send(dana, {
      kind: 'request',
      text: 'Dana needs help',
      conversationId: 'conv-1',
      excerpt: [{ id: 'l1', at: 1, role: 'user', speakerName: 'Dana', text: 'My <laptop> & me' }],
      buttons: [
        { action: 'accept-ticket', label: 'Accept' },
        { action: 'forward', label: 'Forward', value: 'slack/T0SANDBOX/UBRUNO' },
      ],
    });

    expect(h.sandbox.conversation('UDANA')[0]?.blocks).toHaveLength(3);
    await expect(gateway.profile(dana)).resolves.toEqual({ displayName: 'Dana User', email: 'dana@sandbox.test', locale: 'en-US' });
  });

  it('should mark a follow-up with its ticket, and find that ticket from a reply’s thread and no other', async () => {
    const gateway = new SlackChatGateway(slackClient(SANDBOX_WORKSPACE.botToken, h.slackApiUrl));
    const bob = { channel: 'slack', tenantId: 'T0SANDBOX', userId: 'UBOB' } as const;
    const button = { action: 'reply-on-ticket', label: 'Reply on ticket SUP-7', value: 'SUP-7' } as const;

    await gateway.send(bob, { kind: 'notice', text: 'Before' });
    await gateway.send(bob, { kind: 'notice', text: 'Local Agent commented on your ticket SUP-7', buttons: [button] });
    await gateway.send(bob, { kind: 'notice', text: 'A button naming no ticket', buttons: [{ ...button, value: '../SUP-7' }] });
    await gateway.send(bob, { kind: 'notice', text: 'After' });

    const [before, followUp, bad, after] = h.sandbox.conversation('UBOB');
    expect(followUp?.metadata).toEqual({ event_type: 'koji_ticket_follow_up', event_payload: { ticket: 'SUP-7' } });
    expect(bad?.metadata).toBeUndefined();
    await expect(gateway.threadTicket(bob, followUp!.ts)).resolves.toBe('SUP-7');
    for (const other of [before, bad, after]) await expect(gateway.threadTicket(bob, other!.ts)).resolves.toBeUndefined();
    // Between two messages: the older one is not the thread asked about.
    await expect(gateway.threadTicket(bob, `${followUp!.ts.split('.')[0]}.999999`)).resolves.toBeUndefined();
    // Someone Slack can't open a DM with: nothing, no failure.
    await expect(gateway.threadTicket({ ...bob, userId: 'UNOBODY' }, followUp!.ts)).resolves.toBeUndefined();
  });

  it('should open the DM of a person and refuse unknown people, bots and deactivated people', async () => {
    await expect(client.conversations.open({ users: 'UCARLA' })).resolves.toMatchObject({ ok: true, channel: { id: 'DCARLA' } });
    expect((await rejection(client.conversations.open({ users: 'UNOBODY' }))).data?.error).toBe('user_not_found');
    expect((await rejection(client.conversations.open({ users: 'U0STANDUP' }))).data?.error).toBe('cannot_dm_bot');
    expect((await rejection(client.conversations.open({ users: 'UFORMER' }))).data?.error).toBe('user_disabled');
  });

  it('should answer users.info with the profile fields Slack has', async () => {
    const { user } = await client.users.info({ user: 'UALICE' });

    expect(user).toMatchObject({
      id: 'UALICE',
      name: 'alice',
      real_name: 'Alice Operator',
      is_bot: false,
      deleted: false,
      profile: { display_name: 'Alice Operator', real_name: 'Alice Operator', email: 'alice@sandbox.test' },
    });
    expect((await rejection(client.users.info({ user: 'UNOBODY' }))).data?.error).toBe('user_not_found');
  });

  it('should tell a member’s locale in users.info only when asked with include_locale true, as Slack does', async () => {
    const plain = await client.users.info({ user: 'UCHLOE' });
    expect(plain.user).toMatchObject({ id: 'UCHLOE', name: 'chloe', real_name: 'Chloé Dubois', profile: { display_name: 'Chloé Dubois', email: 'chloe@sandbox.test' } });
    expect(plain.user).not.toHaveProperty('locale');
    expect((await client.users.info({ user: 'UCHLOE', include_locale: false })).user).not.toHaveProperty('locale');

    await expect(client.users.info({ user: 'UCHLOE', include_locale: true })).resolves.toMatchObject({ ok: true, user: { id: 'UCHLOE', locale: 'fr-FR' } });
    await expect(client.users.info({ user: 'UJONAS', include_locale: true })).resolves.toMatchObject({ user: { id: 'UJONAS', real_name: 'Jonas Becker', locale: 'de-DE' } });
    // Everyone else's Slack is in US English.
    await expect(client.users.info({ user: 'UBOB', include_locale: true })).resolves.toMatchObject({ user: { id: 'UBOB', locale: 'en-US' } });
    // WebClient sends the flag as the form field `true`.
    expect(h.sandbox.apiCalls.map((c) => c.args['include_locale'])).toEqual([undefined, 'false', 'true', 'true', 'true']);

    // A JSON body's boolean counts the same.
    const asJson = (includeLocale: boolean) =>
      fetch(`${h.slackApiUrl}users.info`, {
        method: 'POST',
        headers: { authorization: `Bearer ${SANDBOX_WORKSPACE.botToken}`, 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify({ user: 'UCHLOE', include_locale: includeLocale }),
      }).then(async (r) => (await r.json()) as { ok: boolean; user: Record<string, unknown> });
    expect((await asJson(true)).user['locale']).toBe('fr-FR');
    expect((await asJson(false)).user).not.toHaveProperty('locale');
  });

  it('should page users.list by cursor, including the bots, a deactivated person and Slackbot', async () => {
    const pages: UsersListResponse[] = [];
    for await (const page of client.paginate('users.list', { limit: 3 })) pages.push(page);

    const members = pages.flatMap((p) => p.members ?? []);
    const everyone = ['USLACKBOT', ...SANDBOX_PEOPLE.map((p) => p.id), 'UFORMER', 'U0KOJIBOT', 'U0STANDUP'];
    expect(members.map((m) => m.id)).toEqual(everyone);
    expect(pages.length).toBe(Math.ceil(everyone.length / 3));
    expect(members.filter((m) => m.is_bot).map((m) => m.id)).toEqual(['U0KOJIBOT', 'U0STANDUP']);
    expect(members.find((m) => m.id === 'UFORMER')?.deleted).toBe(true);
    expect(members.some((m) => 'locale' in m)).toBe(false);
    expect(h.sandbox.apiCalls.map((c) => [c.args['limit'], c.args['cursor'] !== undefined])).toEqual(pages.map((_, i) => ['3', i > 0]));
  });

  it('should give every member of users.list their locale when asked with include_locale true', async () => {
    const { members = [] } = await client.users.list({ include_locale: true });

    expect(members.find((m) => m.id === 'UCHLOE')?.locale).toBe('fr-FR');
    expect(members.find((m) => m.id === 'UJONAS')?.locale).toBe('de-DE');
    expect(members.filter((m) => m.locale !== 'en-US').map((m) => m.id)).toEqual(['UCHLOE', 'UJONAS']);
  });

  it('should refuse a wrong token with invalid_auth and a missing one with not_authed, over HTTP 200', async () => {
    const wrong = await rejection(h.client({ token: 'xoxb-wrong' }).auth.test());
    expect(wrong).toBeInstanceOf(WebAPIPlatformError);
    expect(wrong.code).toBe(ErrorCode.PlatformError);
    expect(wrong.data?.error).toBe('invalid_auth');

    const missing = await fetch(`${h.slackApiUrl}auth.test`, { method: 'POST' });
    expect(missing.status).toBe(200);
    expect(await missing.json()).toEqual({ ok: false, error: 'not_authed' });
  });

  it('should take the token from a form field too, as Slack does', async () => {
    const response = await fetch(`${h.slackApiUrl}auth.test`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `token=${SANDBOX_WORKSPACE.botToken}`,
    });

    expect(await response.json()).toMatchObject({ ok: true, user_id: 'U0KOJIBOT' });
  });

  it('should answer HTTP 429 with Retry-After for the next rate-limited calls, which rejectRateLimitedCalls turns into an error', async () => {
    h.sandbox.rateLimitNext('chat.postMessage', 1, 7);
    const strict = h.client({ rejectRateLimitedCalls: true });

    const error = await rejection(strict.chat.postMessage({ channel: 'UBOB', text: 'hi' }));

    expect(error.code).toBe('slack_webapi_rate_limited_error');
    expect(error.retryAfter).toBe(7);
    await expect(strict.chat.postMessage({ channel: 'UBOB', text: 'hi' })).resolves.toMatchObject({ ok: true });
    expect(h.sandbox.apiCalls.map((c) => [c.status, c.error])).toEqual([
      [429, 'ratelimited'],
      [200, undefined],
    ]);
  });

  it('should let the default client wait out Retry-After and retry', async () => {
    h.sandbox.rateLimitNext('auth.test', 1, 0);

    await expect(h.client({ retryConfig: { retries: 1, minTimeout: 0, maxTimeout: 0 } }).auth.test()).resolves.toMatchObject({ ok: true });
    expect(h.sandbox.apiCalls.map((c) => c.status)).toEqual([429, 200]);
  });

  it('should hand the app’s gateway a rate limit it can retry later', async () => {
    h.sandbox.rateLimitNext('chat.postMessage', 1, 30);
    const gateway = new SlackChatGateway(slackClient(SANDBOX_WORKSPACE.botToken, h.slackApiUrl));

    const error = await rejection(gateway.send({ channel: 'slack', tenantId: 'T0SANDBOX', userId: 'UBOB' }, { kind: 'notice', text: 'hi' }));

    expect(error).toBeInstanceOf(ChatRateLimitedError);
  });

  it('should fail the next call of a method with the given error, and then work again', async () => {
    h.sandbox.failNext('users.info', 'account_inactive');

    const error = await rejection(client.users.info({ user: 'UBOB' }));

    expect(error).toBeInstanceOf(WebAPIPlatformError);
    expect(error.data?.error).toBe('account_inactive');
    await expect(client.users.info({ user: 'UBOB' })).resolves.toMatchObject({ ok: true });
  });

  it('should answer an unknown method with unknown_method', async () => {
    expect((await rejection(client.apiCall('chat.teleport', {}))).data?.error).toBe('unknown_method');
  });

  it('should refuse posts to channels that do not exist, to deactivated people and without any text', async () => {
    expect((await rejection(client.chat.postMessage({ channel: 'UNOBODY', text: 'x' }))).data?.error).toBe('channel_not_found');
    expect((await rejection(client.chat.postMessage({ channel: 'UFORMER', text: 'x' }))).data?.error).toBe('channel_not_found');
    expect((await rejection(client.chat.postMessage({ channel: 'UBOB', text: '' }))).data?.error).toBe('no_text');
  });

  it('should refuse blocks over Slack’s limits with invalid_blocks', async () => {
    const tooLong = { type: 'button', action_id: 'a', text: { type: 'plain_text', text: 'x'.repeat(76) } };

    const error = await rejection(postAsBot(client, { channel: 'UBOB', text: 'x', blocks: [{ type: 'actions', elements: [tooLong] }] }));

    expect(error.data).toMatchObject({ error: 'invalid_blocks', response_metadata: { messages: [expect.stringContaining('/blocks/0/elements/0/text/text')] } });
    expect(h.sandbox.conversation('UBOB')).toEqual([]);
  });

  it('should refuse a button styled other than primary or danger, as Slack does', async () => {
    const pink = { type: 'button', action_id: 'a', text: { type: 'plain_text', text: 'Accept' }, style: 'positive' };

    const error = await rejection(postAsBot(client, { channel: 'UBOB', text: 'x', blocks: [{ type: 'actions', elements: [pink] }] }));

    expect(error.data).toMatchObject({ error: 'invalid_blocks', response_metadata: { messages: [expect.stringContaining('/blocks/0/elements/0/style')] } });
  });

  it('should update the bot’s message with chat.update', async () => {
    const posted = await client.chat.postMessage({ channel: 'UEVE', text: 'first' });

    const updated = await client.chat.update({ channel: 'DEVE', ts: posted.ts!, text: 'second' });

    expect(updated).toMatchObject({ ok: true, channel: 'DEVE', ts: posted.ts, text: 'second' });
    expect(h.sandbox.conversation('UEVE')).toEqual([expect.objectContaining({ ts: posted.ts, text: 'second', editedTs: expect.stringMatching(SLACK_TS) })]);
    expect((await rejection(client.chat.update({ channel: 'DEVE', ts: '1.000000', text: 'x' }))).data?.error).toBe('message_not_found');
  });
});
