import type { IncomingChatEdit } from '../../../src/app/edits/chat-edit';
import type { HandledMessage, IncomingChatMessage } from '../../../src/app/conversation/incoming-message';
import type { SlackCard } from '../../../src/adapters/slack/slack-event';
import type { RawRequest } from '../../../src/adapters/chat/raw-request';
import { receiveSlackRequest, type SlackReceiverDeps } from '../../../src/adapters/slack/slack-receiver';
import { signSlackRequest } from '../../../src/adapters/slack/slack-signature';
import type { SlackWorkspace } from '../../../src/adapters/slack/slack-workspaces';

const NOW = Date.UTC(2026, 10, 25, 9, 0, 0);
const WORKSPACE: SlackWorkspace = {
  teamId: 'T0001',
  teamName: 'Acme',
  projectId: '10000',
  botUserId: 'U0BOT',
  botId: 'B0BOT',
  botToken: 'xoxb-1',
  signingSecret: 'acme-signing-secret',
  connectedAt: NOW,
};

function harness(options: { handled?: HandledMessage; cardUpdate?: 'fails' } = {}) {
  const dispatched: IncomingChatMessage[] = [];
  const cardsUsed: Array<{ card: SlackCard; note: string }> = [];
  const warnings: string[] = [];
  const lookedUp: string[] = [];
  const deps: SlackReceiverDeps = {
    now: () => NOW,
    workspace: (teamId) => {
      lookedUp.push(teamId);
      return Promise.resolve(teamId === WORKSPACE.teamId ? WORKSPACE : undefined);
    },
    dispatch: (message) => {
      dispatched.push(message);
      return Promise.resolve(options.handled ?? { outcome: 'relayed' });
    },
    markCardUsed: (_workspace, card, note) => {
      if (options.cardUpdate === 'fails') return Promise.reject(new Error('Slack did not update the message: cant_update_message.'));
      cardsUsed.push({ card, note });
      return Promise.resolve();
    },
    log: { info: () => undefined, warn: (event) => void warnings.push(event) },
  };
  return { deps, dispatched, cardsUsed, warnings, lookedUp };
}

function signed(body: string, options: { secret?: string; at?: number; contentType?: string; headerCase?: 'lower' | 'title' } = {}): RawRequest {
  const ts = Math.floor((options.at ?? NOW) / 1000);
  const signature = signSlackRequest(body, ts, options.secret ?? WORKSPACE.signingSecret);
  const title = options.headerCase !== 'lower';
  return {
    method: 'POST',
    headers: {
      [title ? 'Content-Type' : 'content-type']: [options.contentType ?? 'application/json'],
      [title ? 'X-Slack-Request-Timestamp' : 'x-slack-request-timestamp']: [String(ts)],
      [title ? 'X-Slack-Signature' : 'x-slack-signature']: [signature],
    },
    body,
  };
}

function eventBody(event: Record<string, unknown>, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ type: 'event_callback', team_id: 'T0001', api_app_id: 'A0APP', event_id: 'Ev001', event_time: NOW / 1000, event, ...extra });
}

const dm = (text: string, extra: Record<string, unknown> = {}) => ({
  type: 'message',
  user: 'U123USER',
  text,
  ts: '1795597200.000200',
  channel: 'D0DM1',
  channel_type: 'im',
  ...extra,
});

describe('the Slack web trigger receiver', () => {
  it('should hand a signed direct message to the core as the sender’s words', async () => {
    const { deps, dispatched } = harness();

    const response = await receiveSlackRequest(signed(eventBody(dm('operator please'))), deps);

    expect(response.statusCode).toBe(200);
    expect(dispatched).toEqual([
      {
        // The message's own id (its DM and ts), which an edit or deletion of it names too: not the event's.
        id: 'slack-D0DM1-1795597200.000200',
        projectId: '10000',
        from: { channel: 'slack', tenantId: 'T0001', userId: 'U123USER' },
        text: 'operator please',
        sentAt: 1795597200000,
        attachments: undefined,
      },
    ]);
  });

  it('should read headers whatever their casing', async () => {
    const { deps, dispatched } = harness();

    await receiveSlackRequest(signed(eventBody(dm('hi')), { headerCase: 'lower' }), deps);

    expect(dispatched).toHaveLength(1);
  });

  it.each([
    ['a forged signature', () => signed(eventBody(dm('#on')), { secret: 'someone-else' })],
    ['a stale timestamp', () => signed(eventBody(dm('#on')), { at: NOW - 5 * 60_000 - 1000 })],
    ['a timestamp from the future', () => signed(eventBody(dm('#on')), { at: NOW + 5 * 60_000 + 1000 })],
    ['no signature at all', () => ({ headers: { 'Content-Type': ['application/json'] }, body: eventBody(dm('#on')) })],
    ['a body changed after signing', () => ({ ...signed(eventBody(dm('#on'))), body: eventBody(dm('#off')) })],
  ])('should refuse %s with 401 and hand nothing to the core', async (_what, request) => {
    const { deps, dispatched } = harness();

    const response = await receiveSlackRequest(request(), deps);

    expect(response.statusCode).toBe(401);
    expect(JSON.parse(response.body)).toMatchObject({ error: 'invalid_signature' });
    expect(response.headers['X-Slack-No-Retry']).toEqual(['1']);
    expect(dispatched).toEqual([]);
  });

  it('should answer Slack’s url_verification with the challenge when a connected app signed it', async () => {
    const { deps } = harness();
    const body = JSON.stringify({ token: 'legacy', challenge: 'abc123', type: 'url_verification' });

    const response = await receiveSlackRequest(signed(body), deps);

    expect(response).toMatchObject({ statusCode: 200, body: '{"challenge":"abc123"}' });
  });

  it('should answer a freshly signed url_verification without reading any workspace', async () => {
    const { deps, lookedUp } = harness();
    const body = JSON.stringify({ token: 'legacy', challenge: 'abc123', type: 'url_verification' });

    const response = await receiveSlackRequest(signed(body, { secret: 'not-saved-in-koji-yet' }), deps);

    expect(response).toMatchObject({ statusCode: 200, body: '{"challenge":"abc123"}' });
    expect(lookedUp).toEqual([]);
  });

  it.each([
    ['unsigned', (body: string): RawRequest => ({ headers: { 'Content-Type': ['application/json'] }, body })],
    ['stale', (body: string) => signed(body, { at: NOW - 6 * 60_000 })],
    ['with a garbled signature', (body: string) => ({ ...signed(body), headers: { ...signed(body).headers, 'X-Slack-Signature': ['v0=not-hex'] } })],
  ])('should refuse an %s request with 401 before reading any workspace', async (_what, request) => {
    const { deps, lookedUp } = harness();

    for (const body of [eventBody(dm('#on')), JSON.stringify({ challenge: 'abc123', type: 'url_verification' })]) {
      const response = await receiveSlackRequest(request(body), deps);

      expect(response.statusCode).toBe(401);
      expect(response.headers['X-Slack-No-Retry']).toEqual(['1']);
    }
    expect(lookedUp).toEqual([]);
  });

  it.each([
    ['a 10 KB team_id', { team_id: 'T'.repeat(10_000) }],
    ['a team_id with control characters', { team_id: 'T0001\u0000\n' }],
    ['a numeric event_id', { event_id: 12345 }],
    ['an api_app_id that is an object', { api_app_id: { id: 'A0APP' } }],
  ])('should refuse an event with %s with 400 before reading any workspace', async (_what, extra) => {
    const { deps, lookedUp, dispatched } = harness();

    const response = await receiveSlackRequest(signed(eventBody(dm('#on'), extra)), deps);

    expect(response.statusCode).toBe(400);
    expect(response.headers['X-Slack-No-Retry']).toEqual(['1']);
    expect(lookedUp).toEqual([]);
    expect(dispatched).toEqual([]);
  });

  it('should ignore an event whose type is 10,000 nested arrays with a 200, not a 500', async () => {
    const { deps, dispatched } = harness();
    const body = eventBody({ type: 'DEEP' }).replace('"DEEP"', `${'['.repeat(10_000)}${']'.repeat(10_000)}`);

    const response = await receiveSlackRequest(signed(body), deps);

    expect(response.statusCode).toBe(200);
    expect(dispatched).toEqual([]);
  });

  it.each([
    ['a ts that is no number', { ts: 'yesterday' }],
    ['a ts that is a number, not a string', { ts: 1732525200.0001 }],
    ['a 10 KB user id', { user: 'U'.repeat(10_000) }],
  ])('should ignore a message with %s (200, nothing handed to the core)', async (_what, extra) => {
    const { deps, dispatched } = harness();

    const response = await receiveSlackRequest(signed(eventBody(dm('hello', extra))), deps);

    expect(response.statusCode).toBe(200);
    expect(dispatched).toEqual([]);
  });

  it('should refuse events from a workspace that is not connected, changing nothing', async () => {
    const { deps, dispatched } = harness();

    const response = await receiveSlackRequest(signed(eventBody(dm('#on'), { team_id: 'T0OTHER' })), deps);

    expect(response.statusCode).toBe(403);
    expect(JSON.parse(response.body)).toEqual({ error: 'unknown_workspace', message: 'The Slack workspace T0OTHER is not connected to Koji.' });
    expect(dispatched).toEqual([]);
  });

  it.each([
    ['malformed JSON', '{"type": "event_callback", '],
    ['JSON without a type', '{"hello": 1}'],
    ['an event without an id', JSON.stringify({ type: 'event_callback', team_id: 'T0001', event: {} })],
  ])('should answer %s with 400 and a reason', async (_what, body) => {
    const { deps, dispatched } = harness();

    const response = await receiveSlackRequest(signed(body), deps);

    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body)).toMatchObject({ error: 'malformed_request', message: expect.any(String) });
    expect(dispatched).toEqual([]);
  });

  it.each([
    ['the bot’s own echo', dm('An operator has joined.', { user: 'U0BOT', bot_id: 'B0BOT' })],
    ['another bot', dm('beep', { user: 'U0OTHERBOT', bot_id: 'B0OTHER', subtype: 'bot_message' })],
    ['an edit', dm('', { subtype: 'message_changed', hidden: true, message: { text: '#off' } })],
    ['a deletion', dm('', { subtype: 'message_deleted', hidden: true })],
    ['a join notice', dm('joined', { subtype: 'channel_join' })],
    ['channel chatter', dm('lunch?', { channel: 'C0GENERAL', channel_type: 'channel' })],
    ['a reaction', { type: 'reaction_added', user: 'U123USER', reaction: 'thumbsup' }],
  ])('should ignore %s with a 200', async (_what, event) => {
    const { deps, dispatched } = harness();

    const response = await receiveSlackRequest(signed(eventBody(event)), deps);

    expect(response.statusCode).toBe(200);
    expect(dispatched).toEqual([]);
  });

  it.each([
    ['the bot’s echo of its own post', dm('An operator has joined.', { user: 'U0BOT', bot_id: 'B0BOT' })],
    ['another bot’s post', dm('beep', { user: 'U0OTHERBOT', bot_id: 'B0OTHER', subtype: 'bot_message' })],
    ['a join notice', dm('joined', { subtype: 'channel_join' })],
    ['channel chatter', dm('lunch?', { channel: 'C0GENERAL', channel_type: 'channel' })],
    ['a reaction', { type: 'reaction_added', user: 'U123USER', reaction: 'thumbsup' }],
  ])('should answer %s with a 200 without reading the workspace’s secret, signed or forged alike', async (_what, event) => {
    const { deps, dispatched, lookedUp } = harness();

    const genuine = await receiveSlackRequest(signed(eventBody(event)), deps);
    const forged = await receiveSlackRequest(signed(eventBody(event), { secret: 'someone-else' }), deps);

    expect([genuine.statusCode, forged.statusCode]).toEqual([200, 200]);
    expect(lookedUp).toEqual([]);
    expect(dispatched).toEqual([]);
  });

  it.each([
    ['unsigned', (body: string): RawRequest => ({ headers: { 'Content-Type': ['application/json'] }, body })],
    ['stale', (body: string) => signed(body, { at: NOW - 6 * 60_000 })],
  ])('should still refuse an %s bot echo with 401: only the signature itself is skipped for events nobody acts on', async (_what, request) => {
    const { deps, lookedUp } = harness();

    const response = await receiveSlackRequest(request(eventBody(dm('An operator has joined.', { user: 'U0BOT', bot_id: 'B0BOT' }))), deps);

    expect(response.statusCode).toBe(401);
    expect(lookedUp).toEqual([]);
  });

  it('should still check the signature of a post by the bot’s user that does not say it is a bot’s (only the workspace knows it is ours)', async () => {
    const { deps, dispatched, lookedUp } = harness();

    const response = await receiveSlackRequest(signed(eventBody(dm('hello', { user: 'U0BOT' })), { secret: 'someone-else' }), deps);

    expect(response.statusCode).toBe(401);
    expect(lookedUp).toEqual(['T0001']);
    expect(dispatched).toEqual([]);
  });

  it('should still check the signature of an edit before the core sees it', async () => {
    const { deps, lookedUp } = harness();

    const response = await receiveSlackRequest(signed(eventBody(dm('', { subtype: 'message_deleted', hidden: true, deleted_ts: '1795597200.000200' })), { secret: 'someone-else' }), deps);

    expect(response.statusCode).toBe(401);
    expect(lookedUp).toEqual(['T0001']);
  });

  it('should hand a person’s edit and deletion to the core, naming the message by its DM and ts', async () => {
    const { deps, dispatched } = harness();
    const edits: IncomingChatEdit[] = [];
    const withEdits = { ...deps, edit: (edit: IncomingChatEdit) => (edits.push(edit), Promise.resolve('edited' as const)) };
    const message = { user: 'U123USER', text: 'operator, please', ts: '1795597200.000200', edited: { user: 'U123USER', ts: '1795597260.000100' } };
    const previous = { user: 'U123USER', text: 'operator please', ts: '1795597200.000200' };

    await receiveSlackRequest(signed(eventBody(dm('', { subtype: 'message_changed', hidden: true, message, previous_message: previous }))), withEdits);
    await receiveSlackRequest(signed(eventBody(dm('', { subtype: 'message_deleted', hidden: true, deleted_ts: previous.ts, previous_message: previous, ts: '1795597300.000100' }))), withEdits);
    // An unfurl changes the message, not its words: nothing to follow.
    await receiveSlackRequest(signed(eventBody(dm('', { subtype: 'message_changed', hidden: true, message: { ...message, text: previous.text }, previous_message: previous }))), withEdits);

    expect(dispatched).toEqual([]);
    expect(edits).toEqual([
      { id: 'Ev001', projectId: '10000', from: { channel: 'slack', tenantId: 'T0001', userId: 'U123USER' }, lineId: 'slack-D0DM1-1795597200.000200', at: 1795597260000, change: { kind: 'edited', text: 'operator, please' } },
      { id: 'Ev001', projectId: '10000', from: { channel: 'slack', tenantId: 'T0001', userId: 'U123USER' }, lineId: 'slack-D0DM1-1795597200.000200', at: 1795597300000, change: { kind: 'deleted' } },
    ]);
  });

  it('should take the tombstone Slack leaves for a deleted message with thread replies as its deletion', async () => {
    const { deps } = harness();
    const edits: IncomingChatEdit[] = [];
    const withEdits = { ...deps, edit: (edit: IncomingChatEdit) => (edits.push(edit), Promise.resolve('deleted' as const)) };
    const previous = { user: 'U123USER', text: 'my password is hunter2', ts: '1795597200.000200', thread_ts: '1795597200.000200', reply_count: 1 };
    const tombstone = { user: 'USLACKBOT', subtype: 'tombstone', text: 'This message was deleted.', hidden: true, ts: previous.ts, thread_ts: previous.ts };

    await receiveSlackRequest(signed(eventBody(dm('', { subtype: 'message_changed', hidden: true, message: tombstone, previous_message: previous, ts: '1795597300.000100' }))), withEdits);
    // The bot's own tombstoned post is not a person's deletion.
    await receiveSlackRequest(signed(eventBody(dm('', { subtype: 'message_changed', hidden: true, message: tombstone, previous_message: { ...previous, user: 'U0BOT', bot_id: 'B0BOT' }, ts: '1795597300.000200' }))), withEdits);

    expect(edits).toEqual([
      { id: 'Ev001', projectId: '10000', from: { channel: 'slack', tenantId: 'T0001', userId: 'U123USER' }, lineId: 'slack-D0DM1-1795597200.000200', at: 1795597300000, change: { kind: 'deleted' } },
    ]);
  });

  it('should read a mention of the bot in a channel without the mention', async () => {
    const { deps, dispatched } = harness();
    const mention = { type: 'app_mention', user: 'U123USER', text: '<@U0BOT> list_operators', ts: '1795597200.000300', channel: 'C0CHAN' };

    await receiveSlackRequest(signed(eventBody(mention)), deps);

    expect(dispatched[0]?.text).toBe('list_operators');
  });

  it('should keep files a user shares as links', async () => {
    const { deps, dispatched } = harness();
    const upload = dm('screenshot', { subtype: 'file_share', files: [{ name: 'error.png', permalink: 'https://acme.slack.com/files/U1/F1/error.png' }] });

    await receiveSlackRequest(signed(eventBody(upload)), deps);

    expect(dispatched[0]?.attachments).toEqual([{ name: 'error.png', url: 'https://acme.slack.com/files/U1/F1/error.png' }]);
  });

  it('should keep only https file links, so no other scheme becomes a link in the panel or the ticket', async () => {
    const { deps, dispatched } = harness();
    const files = [
      { name: 'evil.html', permalink: 'javascript:alert(document.cookie)' },
      { name: 'data.txt', permalink: 'data:text/html,<script>alert(1)</script>' },
      { name: 'plain.png', permalink: 'http://acme.example/plain.png' },
      { name: 'error.png', permalink: 'https://acme.slack.com/files/U1/F1/error.png' },
    ];

    await receiveSlackRequest(signed(eventBody(dm('see these', { subtype: 'file_share', files }))), deps);

    expect(dispatched[0]?.attachments).toEqual([{ name: 'error.png', url: 'https://acme.slack.com/files/U1/F1/error.png' }]);
    expect(dispatched[0]?.text).toBe('see these');
  });

  it('should turn a button click into the same intent, tied to its conversation', async () => {
    const { deps, dispatched } = harness();
    const payload = {
      type: 'block_actions',
      team: { id: 'T0001' },
      user: { id: 'U0OPER' },
      api_app_id: 'A0APP',
      container: { type: 'message', message_ts: '1795597200.000100', channel_id: 'D0OPER' },
      actions: [{ type: 'button', action_id: 'koji:forward:1', value: '{"c":"conv-1","v":"slack/T0001/U0CAROL"}', action_ts: '1795597201.000200' }],
    };
    const body = `payload=${encodeURIComponent(JSON.stringify(payload))}`;

    const response = await receiveSlackRequest(signed(body, { contentType: 'application/x-www-form-urlencoded' }), deps);

    expect(response.statusCode).toBe(200);
    expect(dispatched[0]).toMatchObject({
      from: { channel: 'slack', tenantId: 'T0001', userId: 'U0OPER' },
      action: { kind: 'forward', value: 'slack/T0001/U0CAROL' },
      conversationId: 'conv-1',
    });
  });

  describe('a used card', () => {
    const card = [
      { type: 'section', text: { type: 'mrkdwn', text: 'Bob needs help' } },
      { type: 'actions', elements: [{ type: 'button', action_id: 'koji:end-session:0', value: '{"c":"conv-1"}', text: { type: 'plain_text', text: 'End conversation' } }] },
    ];
    const click = (extra: Record<string, unknown> = {}) => {
      const payload = {
        type: 'block_actions',
        team: { id: 'T0001' },
        user: { id: 'U0OPER' },
        container: { type: 'message', message_ts: '1795597200.000100', channel_id: 'D0OPER' },
        message: { type: 'message', ts: '1795597200.000100', text: 'Bob needs help', blocks: card },
        actions: [{ type: 'button', action_id: 'koji:end-session:0', value: '{"c":"conv-1"}', action_ts: '1795597201.000200' }],
        ...extra,
      };
      return signed(`payload=${encodeURIComponent(JSON.stringify(payload))}`, { contentType: 'application/x-www-form-urlencoded' });
    };

    it('should be updated once the core settled the click, naming the message the button was on', async () => {
      const { deps, cardsUsed } = harness({ handled: { outcome: 'command', cardNote: 'Ended by you' } });

      await receiveSlackRequest(click(), deps);

      expect(cardsUsed).toEqual([{ card: { channel: 'D0OPER', ts: '1795597200.000100', text: 'Bob needs help', blocks: card }, note: 'Ended by you' }]);
    });

    it('should stay as it was when the core gave no note (a refused, failed or duplicate click)', async () => {
      const { deps, cardsUsed } = harness({ handled: { outcome: 'duplicate' } });

      await receiveSlackRequest(click(), deps);

      expect(cardsUsed).toEqual([]);
    });

    it('should not fail the click when Slack refuses the update', async () => {
      const { deps, warnings } = harness({ handled: { outcome: 'command', cardNote: 'Ended by you' }, cardUpdate: 'fails' });

      const response = await receiveSlackRequest(click(), deps);

      expect(response.statusCode).toBe(200);
      expect(warnings).toContain('slack_card_not_updated');
    });

    it('should leave a click without its message alone (an ephemeral message has none)', async () => {
      const { deps, cardsUsed, dispatched } = harness({ handled: { outcome: 'command', cardNote: 'Ended by you' } });

      await receiveSlackRequest(click({ message: undefined }), deps);

      expect(dispatched).toHaveLength(1);
      expect(cardsUsed).toEqual([]);
    });
  });
});
