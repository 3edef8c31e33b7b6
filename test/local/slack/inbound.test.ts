import { renderForSlack } from '../../../src/adapters/slack/slack-blocks';
import { narrowBlockAction, narrowSlackEvent } from '../../../src/adapters/slack/slack-event';
import { parseSlackRequest } from '../../../src/adapters/slack/slack-request';
import { verifySlackSignature } from '../../../src/adapters/slack/slack-signature';
import { SANDBOX_WORKSPACE, SandboxInputError, TriggerUnreachableError } from '../../../packages/forge-local/src/slack';
import { postAsBot, signatureHeaders, startSandbox, type RecordedRequest, type SandboxHarness } from './support/sandbox-harness';

const BOT = { teamId: SANDBOX_WORKSPACE.teamId, botUserId: SANDBOX_WORKSPACE.botUserId, botId: SANDBOX_WORKSPACE.botId };
const SLACK_TS = /^\d+\.\d{6}$/;
const NOW = Date.UTC(2025, 0, 15, 9, 30, 0);

/** What the app's web trigger does first: check the signature against the sandbox secret, then parse. */
function verifiedRequest(request: RecordedRequest, nowMs = NOW) {
  expect(verifySlackSignature({ rawBody: request.body, ...signatureHeaders(request), signingSecret: SANDBOX_WORKSPACE.signingSecret, nowMs })).toEqual({ ok: true });
  const contentType = request.headers['content-type'];
  const parsed = parseSlackRequest(request.body, contentType);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.request;
}

function eventOf(request: RecordedRequest) {
  const parsed = verifiedRequest(request);
  if (parsed.kind !== 'event') throw new Error(`expected an event, got ${parsed.kind}`);
  return parsed;
}

describe('people in the Slack sandbox writing to the bot', () => {
  let h: SandboxHarness;

  beforeEach(async () => {
    h = await startSandbox({ now: () => NOW });
  });
  afterEach(async () => {
    await h.close();
  });

  it('should deliver a DM as a signed message.im event_callback that the app reads as that person’s words', async () => {
    const sent = await h.sandbox.sendAs('UBOB', 'Help, my <laptop> & screen!');

    expect(sent).toMatchObject({ status: 200, body: '', ts: expect.stringMatching(SLACK_TS), eventId: expect.stringMatching(/^Ev[A-Z0-9]+$/) });
    const [request] = h.trigger.requests;
    expect(request).toMatchObject({ method: 'POST', path: '/webtrigger/slack', headers: { 'content-type': 'application/json', 'x-slack-request-timestamp': String(NOW / 1000) } });
    const parsed = eventOf(request!);
    expect(parsed).toMatchObject({ teamId: 'T0SANDBOX', appId: 'A0KOJIAPP', eventId: sent.eventId, eventTime: NOW / 1000 });
    expect(parsed.event).toMatchObject({
      type: 'message',
      channel_type: 'im',
      channel: 'DBOB',
      user: 'UBOB',
      team: 'T0SANDBOX',
      text: 'Help, my &lt;laptop&gt; &amp; screen!',
      ts: sent.ts,
      event_ts: sent.ts,
      client_msg_id: expect.any(String),
    });
    expect(JSON.parse(request!.body)).toMatchObject({
      type: 'event_callback',
      authorizations: [{ team_id: 'T0SANDBOX', user_id: 'U0KOJIBOT', is_bot: true }],
    });
    expect(narrowSlackEvent(parsed, BOT, 'project-1')).toEqual({
      kind: 'message',
      message: {
        // Keyed by the message (its DM and ts), which its later edit or deletion names too.
        id: `slack-DBOB-${sent.ts}`,
        projectId: 'project-1',
        from: { channel: 'slack', tenantId: 'T0SANDBOX', userId: 'UBOB' },
        text: 'Help, my <laptop> & screen!',
        sentAt: Math.round(Number(sent.ts) * 1000),
        attachments: undefined,
      },
    });
    expect(h.sandbox.conversation('UBOB')).toEqual([{ channel: 'DBOB', ts: sent.ts, user: 'UBOB', text: 'Help, my &lt;laptop&gt; &amp; screen!' }]);
  });

  it('should deliver a reply in the thread of the bot’s message with its thread_ts, which the app reads as in that thread', async () => {
    const posted = (await postAsBot(h.client(), { channel: 'UBOB', text: 'Local Agent commented on your ticket SUP-1' })).ts;
    const sent = await h.sandbox.sendAs('UBOB', 'Yes, three beeps', [], { threadTs: posted });

    const parsed = h.trigger.requests.map(eventOf).find((e) => e.eventId === sent.eventId)!;
    expect(parsed.event).toMatchObject({ type: 'message', channel_type: 'im', ts: sent.ts, thread_ts: posted, parent_user_id: 'U0KOJIBOT' });
    expect(narrowSlackEvent(parsed, BOT, 'p')).toMatchObject({ kind: 'message', message: { text: 'Yes, three beeps', inThreadOf: posted } });
    // A thread's parent, which Slack may send with its own ts as thread_ts, is in no thread.
    expect(narrowSlackEvent({ ...parsed, event: { ...parsed.event, thread_ts: sent.ts } }, BOT, 'p')).not.toHaveProperty('message.inThreadOf');
    expect(narrowSlackEvent({ ...parsed, event: { ...parsed.event, thread_ts: '<b>1.2</b>' } }, BOT, 'p')).not.toHaveProperty('message.inThreadOf');
    await expect(h.sandbox.sendAs('UBOB', 'no such thread', [], { threadTs: '1.000001' })).rejects.toThrow(SandboxInputError);
  });

  it('should deliver an event again with the same event id when asked to', async () => {
    const sent = await h.sandbox.sendAs('UBOB', 'once');
    expect((await h.sandbox.redeliver(sent)).status).toBe(200);

    const [first, again] = h.trigger.requests.map((r) => eventOf(r).eventId);
    expect(again).toBe(first);
  });

  it('should give each message its own ts and event id', async () => {
    const first = await h.sandbox.sendAs('UBOB', 'one');
    const second = await h.sandbox.sendAs('UBOB', 'two');

    expect(second.ts > first.ts).toBe(true);
    expect(second.eventId).not.toBe(first.eventId);
  });

  it('should deliver a mention in #general as an app_mention the app reads without the mention', async () => {
    await h.sandbox.mentionInChannel('UDANA', 'list_operators');

    const parsed = eventOf(h.trigger.requests[0]!);
    expect(parsed.event).toMatchObject({ type: 'app_mention', channel: 'C0GENERAL', user: 'UDANA', text: '<@U0KOJIBOT> list_operators' });
    expect(narrowSlackEvent(parsed, BOT, 'p')).toMatchObject({ kind: 'message', message: { from: { userId: 'UDANA' }, text: 'list_operators' } });
    expect(h.sandbox.conversation('C0GENERAL')).toHaveLength(1);
  });

  it('should deliver a button click as a signed block_actions form the app reads as that action on that conversation', async () => {
    const post = renderForSlack({
      kind: 'request',
      text: 'Bob is waiting',
      conversationId: 'conv-42',
      excerpt: [{ id: 'l', at: 1, role: 'user', speakerName: 'Bob', text: 'help' }],
      buttons: [
        { action: 'accept-ticket', label: 'Accept' },
        { action: 'forward', label: 'Bruno', value: 'slack/T0SANDBOX/UBRUNO' },
      ],
    });
    const posted = await postAsBot(h.client(), { channel: 'UALICE', text: post.text, blocks: post.blocks });
    await h.sandbox.whenIdle();
    h.trigger.requests.length = 0;

    const clicked = await h.sandbox.click('UALICE', posted.ts, 'koji:forward:1');

    expect(clicked.status).toBe(200);
    const [request] = h.trigger.requests;
    expect(request!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(request!.body).toMatch(/^payload=/);
    const parsed = verifiedRequest(request!);
    if (parsed.kind !== 'block-actions') throw new Error(`expected block-actions, got ${parsed.kind}`);
    expect(parsed.teamId).toBe('T0SANDBOX');
    expect(parsed.payload).toMatchObject({
      user: { id: 'UALICE', name: 'alice' },
      container: { message_ts: posted.ts, channel_id: 'DALICE' },
      actions: [{ action_id: 'koji:forward:1', value: '{"c":"conv-42","v":"slack/T0SANDBOX/UBRUNO"}', action_ts: clicked.actionTs }],
    });
    expect(narrowBlockAction(parsed.payload, parsed.teamId, 'p')).toMatchObject({
      kind: 'message',
      message: { from: { userId: 'UALICE' }, action: { kind: 'forward', value: 'slack/T0SANDBOX/UBRUNO' }, conversationId: 'conv-42' },
    });
  });

  it('should refuse to click a button that is not there', async () => {
    const posted = await h.client().chat.postMessage({ channel: 'UALICE', text: 'no buttons' });

    await expect(h.sandbox.click('UALICE', posted.ts!, 'koji:leave:0')).rejects.toThrow(SandboxInputError);
    await expect(h.sandbox.click('UBOB', posted.ts!, 'koji:leave:0')).rejects.toThrow(SandboxInputError);
    await expect(h.sandbox.sendAs('UNOBODY', 'hi')).rejects.toThrow(SandboxInputError);
  });

  it('should echo the bot’s DM post back to the trigger after answering, which the app ignores', async () => {
    const posted = await h.client().chat.postMessage({ channel: 'UBOB', text: 'An operator has joined.', username: 'Alice Operator' });

    const [request] = await h.trigger.waitFor(1);
    const parsed = eventOf(request!);
    expect(parsed.event).toMatchObject({
      type: 'message',
      channel: 'DBOB',
      channel_type: 'im',
      user: 'U0KOJIBOT',
      bot_id: 'B0KOJIBOT',
      app_id: 'A0KOJIAPP',
      text: 'An operator has joined.',
      ts: posted.ts,
      username: 'Alice Operator',
    });
    expect(narrowSlackEvent(parsed, BOT, 'p')).toEqual({ kind: 'ignored', reason: 'a bot message' });
  });

  it('should tell the app about chat.update as a hidden message_changed, which the app ignores', async () => {
    const client = h.client();
    const posted = await client.chat.postMessage({ channel: 'UBOB', text: 'v1' });
    await client.chat.update({ channel: 'DBOB', ts: posted.ts!, text: 'v2' });

    const requests = await h.trigger.waitFor(2);
    const parsed = eventOf(requests[1]!);
    expect(parsed.event).toMatchObject({ subtype: 'message_changed', hidden: true, message: { text: 'v2', ts: posted.ts }, previous_message: { text: 'v1' } });
    expect(narrowSlackEvent(parsed, BOT, 'p').kind).toBe('ignored');
  });

  it('should not echo posts into #general (the app does not subscribe to channel messages)', async () => {
    await h.client().chat.postMessage({ channel: 'C0GENERAL', text: 'hello all' });
    await h.sandbox.whenIdle();

    expect(h.trigger.requests).toEqual([]);
  });
});

describe('the sandbox when echoes are off, the trigger is down, or the app loops', () => {
  it('should not echo when told not to', async () => {
    const h = await startSandbox({ echoBotMessages: false });
    await h.client().chat.postMessage({ channel: 'UBOB', text: 'hi' });
    await h.sandbox.whenIdle();

    expect(h.trigger.requests).toEqual([]);
    await h.close();
  });

  it('should keep answering the Web API and log, when the trigger is down', async () => {
    const h = await startSandbox({ webTriggerUrl: () => 'http://127.0.0.1:9/webtrigger/slack' });

    await expect(h.client().chat.postMessage({ channel: 'UBOB', text: 'hi' })).resolves.toMatchObject({ ok: true });
    await h.sandbox.whenIdle();
    expect(h.logs).toEqual([expect.stringContaining('was not delivered')]);

    const failed = h.sandbox.sendAs('UBOB', 'anyone there?');
    await expect(failed).rejects.toThrow(TriggerUnreachableError);
    // Slack keeps the message even when the app is unreachable.
    expect(h.sandbox.conversation('UBOB').map((m) => m.text)).toEqual(['hi', 'anyone there?']);
    await h.close();
  });

  it('should survive a trigger URL that cannot be worked out yet', async () => {
    const h = await startSandbox({
      webTriggerUrl: () => {
        throw new Error('platform not started');
      },
    });

    await h.client().chat.postMessage({ channel: 'UBOB', text: 'hi' });
    await h.sandbox.whenIdle();

    expect(h.logs).toEqual([expect.stringContaining('platform not started')]);
    await expect(h.sandbox.sendAs('UBOB', 'x')).rejects.toThrow(TriggerUnreachableError);
    await h.close();
  });

  it('should stop echoing into a conversation where the app answers its own posts', async () => {
    const h = await startSandbox();
    const client = h.client();
    // A broken app: it answers every message it gets, its own echoes included.
    h.trigger.reply = async () => {
      await client.chat.postMessage({ channel: 'UBOB', text: 'again' });
      return { status: 200, body: '' };
    };

    await client.chat.postMessage({ channel: 'UBOB', text: 'start' });
    await h.sandbox.whenIdle();

    expect(h.trigger.requests.length).toBe(30);
    expect(h.logs).toEqual([expect.stringContaining('a loop?')]);
    await h.close();
  });
});
