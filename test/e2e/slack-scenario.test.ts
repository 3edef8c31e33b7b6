import { createHmac } from 'node:crypto';
import { SANDBOX_WORKSPACE, type SlackSandbox } from '../../packages/forge-local/src/slack';
import type { LocalPlatform } from '../../packages/forge-local/src/platform';
import { startLocalPlatform } from '../../dev/koji-app';
import { localPlatformClient, startSandboxedPlatform } from '../local/support/local-platform-client';
import { adfNodes, adfText, asAdfDoc } from '../support/adf';

/**
 * The whole product through its real doors: admin steps through the resolvers
 * (as `invoke` reaches them), chat through signed Slack requests to the web
 * trigger, Slack's side played by the sandbox over HTTP, tickets in the
 * embedded Jira Service Management.
 */
let platform: LocalPlatform;
let slack: SlackSandbox;

const { admin, settle } = localPlatformClient(() => platform);

/** Says something in the sandbox and waits until the app and Slack's echoes are done with it. */
async function say(userId: string, text: string): Promise<void> {
  const sent = await slack.sendAs(userId, text);
  expect(sent.status).toBe(200);
  await settle();
}

/** What the bot said to a person, oldest first. */
function heard(userId: string): string[] {
  return slack
    .conversation(userId)
    .filter((m) => m.user === SANDBOX_WORKSPACE.botUserId)
    .map((m) => m.text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'));
}

function lastHeard(userId: string): string {
  return heard(userId).at(-1) ?? '';
}

async function setUpDesk(): Promise<void> {
  expect(await admin('settings/update', { change: { enabled: true } })).toMatchObject({ ok: true });
  expect(await admin('tenants/connect', { channel: 'slack', botToken: SANDBOX_WORKSPACE.botToken, signingSecret: SANDBOX_WORKSPACE.signingSecret })).toMatchObject({
    ok: true,
    data: { tenant: { tenantId: 'T0SANDBOX', name: 'Koji Sandbox' } },
  });
  for (const userId of ['UALICE', 'UBRUNO']) {
    expect(await admin('roles/grant', { channel: 'slack', tenantId: 'T0SANDBOX', userId })).toMatchObject({ ok: true, data: { result: 'granted' } });
  }
  await settle();
}

beforeEach(async () => {
  ({ platform, slack } = await startSandboxedPlatform());
});

/** Queued retries (5, 10, 20 s apart) pass a hundred times faster. */
async function restartWithFastRetries(): Promise<void> {
  await platform.close();
  ({ platform, slack } = await startSandboxedPlatform({ queue: { delayScale: 0.01 } }));
}
afterEach(() => platform.close());

describe('Slack, end to end', () => {
  it('should walk the whole seed: setup, shifts, handoff, relay, list, forward, ticket, stop, off', async () => {
    await setUpDesk();
    expect(lastHeard('UALICE')).toContain('You now have the Live agent role');

    await say('UALICE', '#on');
    expect(lastHeard('UALICE')).toBe('You’re on duty. Nobody is waiting right now.');
    await say('UBRUNO', '<#C0123|on>');
    expect(lastHeard('UBRUNO')).toContain('You’re on duty.');

    await say('UBOB', 'My laptop will not boot');
    expect(lastHeard('UBOB')).toMatch(/articles? may help:$/);
    await say('UBOB', 'operator');
    expect(lastHeard('UBOB')).toContain('You’re now talking to Alice Operator');
    const card = slack.conversation('UALICE').at(-1);
    expect(card?.text).toContain('Bob User (Slack) wants to talk to an operator');
    expect(JSON.stringify(card?.blocks)).toContain('My laptop will not boot');
    expect(JSON.stringify(card?.blocks)).toContain('koji:end-session');

    await say('UBOB', 'It shows a black screen');
    expect(lastHeard('UALICE')).toBe('It shows a black screen');
    expect(slack.conversation('UALICE').at(-1)?.username).toBe('Bob User');
    await say('UALICE', 'Hold the power button for 10 seconds');
    expect(lastHeard('UBOB')).toBe('Hold the power button for 10 seconds');
    expect(slack.conversation('UBOB').at(-1)?.username).toBe('Alice Operator');

    await say('UALICE', 'list_operators');
    expect(lastHeard('UALICE')).toBe(['On duty (2):', '• Alice Operator (you): 1/1 conversation, busy', '• Bruno Operator: 0/1 conversation'].join('\n'));

    await say('UALICE', 'forward_operator Bruno Operator');
    expect(lastHeard('UBOB')).toBe('Bruno Operator has taken over your conversation.');
    expect(lastHeard('UALICE')).toBe('Bob User is now with Bruno Operator. You’re free for the next user.');
    expect(lastHeard('UBRUNO')).toContain('Alice Operator forwarded Bob User (Slack) to you');
    expect(JSON.stringify(slack.conversation('UBRUNO').at(-1)?.blocks)).toContain('Hold the power button');

    await say('UBRUNO', '#create_ticket Laptop does not boot');
    const [ticket] = platform.jsm!.requests();
    expect(ticket).toMatchObject({ key: 'SUP-1', fields: { summary: 'Laptop does not boot' }, reporter: 'local-customer-bob' });
    expect(JSON.stringify(ticket?.fields['description'])).toContain('It shows a black screen');
    expect(lastHeard('UBRUNO')).toContain('Ticket SUP-1 was created from this conversation');
    expect(lastHeard('UBOB')).toContain('Ticket SUP-1 was created from this conversation');

    await say('UBOB', 'Thanks!');
    await say('UBRUNO', 'stop');
    // The rating card follows the ending notice (test/e2e/ratings.test.ts).
    expect(heard('UBOB').at(-2)).toBe('Bruno Operator closed the conversation. You can continue talking to the Koji assistant.');
    expect(adfText(platform.jsm!.commentsOf('SUP-1')[0]?.body)).toContain('Bob User: Thanks!');

    await say('UBRUNO', '#off');
    expect(lastHeard('UBRUNO')).toBe('You’re off duty.');
    await say('UALICE', '#off');
    expect((await admin('activity/get')).data).toEqual({ onDuty: { rows: [] }, waiting: { rows: [] }, inProgress: { rows: [] }, takenOffDuty: [] });
  });

  it('should try again when Jira fails for a moment, and make one whole ticket without troubling anyone', async () => {
    await restartWithFastRetries();
    await setUpDesk();
    await say('UALICE', '#on');
    await say('UBOB', 'operator');
    await say('UBOB', 'My laptop will not boot');
    platform.jsm!.failures.push({ method: 'POST', pathPrefix: '/rest/servicedeskapi/request', status: 503, message: 'Service Unavailable' });

    await say('UALICE', '#create_ticket Laptop does not boot');

    expect(platform.jsm!.requests().map((t) => t.key)).toEqual(['SUP-1']);
    expect(JSON.stringify(platform.jsm!.requests()[0]?.fields['description'])).toContain('My laptop will not boot');
    expect(heard('UALICE').some((t) => t.startsWith('I couldn’t create the ticket'))).toBe(false);
    expect(lastHeard('UBOB')).toContain('Ticket SUP-1 was created from this conversation');
  });

  it('should tell the operator why Jira failed once it kept failing, keep the conversation, and make exactly one whole ticket on the retry', async () => {
    await restartWithFastRetries();
    await setUpDesk();
    await say('UALICE', '#on');
    await say('UBOB', 'operator');
    await say('UBOB', 'My laptop will not boot');
    await say('UALICE', 'Hold the power button for 10 seconds');
    for (let i = 0; i < 4; i += 1) {
      platform.jsm!.failures.push({ method: 'POST', pathPrefix: '/rest/servicedeskapi/request', status: 503, message: 'Service Unavailable' });
    }

    await say('UALICE', '#create_ticket Laptop does not boot');

    expect(lastHeard('UALICE')).toBe(
      'I couldn’t create the ticket: Jira is not answering properly right now (503). Jira said: “Service Unavailable”. The conversation is kept, so you can try again in a moment.',
    );
    expect(platform.jsm!.requests()).toEqual([]);
    expect(heard('UBOB').some((t) => t.includes('Ticket'))).toBe(false);

    await say('UBOB', 'Still black');
    await say('UALICE', '#create_ticket Laptop does not boot');

    const tickets = platform.jsm!.requests();
    expect(tickets.map((t) => t.key)).toEqual(['SUP-1']);
    const description = JSON.stringify(tickets[0]?.fields['description']);
    for (const said of ['operator', 'My laptop will not boot', 'Hold the power button for 10 seconds', 'Still black']) expect(description).toContain(said);
    expect(lastHeard('UALICE')).toContain('Ticket SUP-1 was created from this conversation');
    expect(lastHeard('UBOB')).toContain('Ticket SUP-1 was created from this conversation');
  });

  it('should let operators use the buttons on the request card', async () => {
    await setUpDesk();
    await say('UALICE', '#on');
    await say('UBOB', 'operator');
    const card = slack.conversation('UALICE').at(-1)!;

    const click = await slack.click('UALICE', card.ts, 'koji:end-session:0');
    await settle();

    expect(click.status).toBe(200);
    expect(heard('UBOB').at(-2)).toContain('Alice Operator closed the conversation');
    // The card as Slack now holds it: what it said, no buttons, and what the click did.
    const used = slack.conversation('UALICE').find((m) => m.ts === card.ts)!;
    expect(used.blocks?.some((b) => b['type'] === 'actions')).toBe(false);
    expect(JSON.stringify(used.blocks)).toContain('Ended by you');
    expect(used.blocks?.[0]).toEqual(card.blocks?.[0]);
    expect(used.editedTs).toBeDefined();
  });

  it('should keep the request card’s buttons after Create ticket and Forward, and mark only the pick list once the pick went through', async () => {
    await setUpDesk();
    await say('UALICE', '#on');
    await say('UBRUNO', '#on');
    await say('UBOB', 'My laptop will not boot');
    await say('UBOB', 'operator');
    const card = slack.conversation('UALICE').at(-1)!;
    const updates = () => slack.apiCalls.filter((c) => c.method === 'chat.update').length;

    await slack.click('UALICE', card.ts, 'koji:create-ticket:1');
    await settle();

    expect(lastHeard('UALICE')).toContain('Ticket SUP-1 was created from this conversation');
    // The conversation carries on: the card keeps End, Create ticket and Forward, untouched.
    expect(slack.conversation('UALICE').find((m) => m.ts === card.ts)).toEqual(card);
    expect(updates()).toBe(0);

    await say('UBOB', 'Still black');
    await slack.click('UALICE', card.ts, 'koji:create-ticket:1');
    await settle();
    expect(adfText(platform.jsm!.commentsOf('SUP-1')[0]?.body)).toContain('Still black');

    await slack.click('UALICE', card.ts, 'koji:forward:2');
    await settle();
    const pickList = slack.conversation('UALICE').at(-1)!;
    expect(pickList.ts).not.toBe(card.ts);
    expect(slack.conversation('UALICE').find((m) => m.ts === card.ts)).toEqual(card);
    expect(updates()).toBe(0);

    await slack.click('UALICE', pickList.ts, 'koji:forward:0');
    await settle();

    expect(lastHeard('UBOB')).toBe('Bruno Operator has taken over your conversation.');
    const usedPickList = slack.conversation('UALICE').find((m) => m.ts === pickList.ts)!;
    expect(usedPickList.blocks?.some((b) => b['type'] === 'actions')).toBe(false);
    expect(JSON.stringify(usedPickList.blocks)).toContain('Forwarded to Bruno Operator');
    // The request card is left as it was: a later click on it is refused, as for any conversation no longer Alice's.
    expect(slack.conversation('UALICE').find((m) => m.ts === card.ts)).toEqual(card);
    expect(updates()).toBe(1);
  });

  it('should add the lines a second #create_ticket finds as a document, where what Bob typed is only text', async () => {
    const typed = '[~accountid:5b10ac8d82e05b22cc7d4ef5] {color:red}urgent{color} !image.png! [click|https://evil.example] h1. Big';
    await setUpDesk();
    await say('UALICE', '#on');
    await say('UBOB', 'operator');
    await say('UBOB', 'My laptop will not boot');
    await say('UALICE', '#create_ticket Laptop does not boot');

    await say('UBOB', typed);
    await say('UALICE', '#create_ticket');

    expect(platform.jsm!.requests()).toHaveLength(1);
    const comments = platform.jsm!.commentsOf('SUP-1');
    expect(comments).toHaveLength(1);
    expect(comments[0]?.public).toBe(true);
    const nodes = adfNodes(asAdfDoc(comments[0]?.body));
    // Slack's client links the typed address itself (as the sandbox does): it may arrive as a link, but only one that reads as its own target.
    const paragraph = nodes.find((n) => n.type === 'paragraph' && (n.content ?? []).some((c) => c.text?.startsWith('[~accountid')));
    expect((paragraph?.content ?? []).map((c) => c.text).join('')).toMatch(/ Bob User: /);
    expect((paragraph?.content ?? []).map((c) => c.text).join('').endsWith(`Bob User: ${typed}`)).toBe(true);
    expect(nodes.filter((n) => !['doc', 'paragraph', 'text'].includes(n.type))).toEqual([]);
    for (const node of nodes.filter((n) => (n.marks ?? []).some((m) => m.type === 'link'))) {
      expect(node.marks).toEqual([{ type: 'link', attrs: { href: node.text } }]);
    }
  });

  it('should change nothing when a stale copy of a used card is clicked again', async () => {
    await setUpDesk();
    await say('UALICE', '#on');
    await say('UBOB', 'operator');
    const card = slack.conversation('UALICE').at(-1)!;
    await slack.click('UALICE', card.ts, 'koji:end-session:0');
    await settle();
    const used = slack.conversation('UALICE').find((m) => m.ts === card.ts)!;
    const bobHeard = heard('UBOB');
    const updates = () => slack.apiCalls.filter((c) => c.method === 'chat.update').length;
    const updatesBefore = updates();

    // A second device still showing the card with its buttons.
    const again = await slack.clickAsShown('UALICE', card, 'koji:end-session:0');
    await settle();

    expect(again.status).toBe(200);
    expect(slack.conversation('UALICE').find((m) => m.ts === card.ts)).toEqual(used);
    expect(updates()).toBe(updatesBefore);
    expect(heard('UBOB')).toEqual(bobHeard);
    expect(lastHeard('UALICE')).toContain('has ended or was handed to someone else');
  });

  it('should connect exactly one of two users asking at once for the one free operator', async () => {
    await setUpDesk();
    await say('UALICE', '#on');

    await Promise.all([slack.sendAs('UBOB', 'operator'), slack.sendAs('UDANA', 'operator')]);
    await settle();

    const connected = ['UBOB', 'UDANA'].filter((u) => heard(u).some((t) => t.startsWith('You’re now talking to Alice Operator')));
    const queued = ['UBOB', 'UDANA'].filter((u) => heard(u).some((t) => t.includes('number 1 in the queue')));
    expect(connected).toHaveLength(1);
    expect(queued).toHaveLength(1);
    expect(queued).not.toEqual(connected);
  });

  it('should answer a mention in a channel in the direct message', async () => {
    await setUpDesk();
    await say('UALICE', '#on');

    await slack.mentionInChannel('UBOB', 'operator');
    await settle();

    expect(lastHeard('UBOB')).toContain('You’re now talking to Alice Operator');
  });
});

describe('Slack rate limits and real workspaces', () => {
  it('should deliver a relayed message Slack rate-limited, once Slack’s wait is over', async () => {
    await setUpDesk();
    await say('UALICE', '#on');
    await say('UBOB', 'operator');
    slack.rateLimitNext('chat.postMessage', 1, 1);

    await say('UBOB', 'Still there?');

    expect(lastHeard('UALICE')).toBe('Still there?');
    expect(heard('UBOB').some((t) => t.includes('couldn’t be delivered'))).toBe(false);
  });

  it('should connect the workspace named by SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET at start', async () => {
    // The first platform's sandbox plays the real Slack that SLACK_API_URL points at.
    const second = await startLocalPlatform({
      port: 0,
      dataDir: ':memory:',
      env: { SLACK_BOT_TOKEN: SANDBOX_WORKSPACE.botToken, SLACK_SIGNING_SECRET: SANDBOX_WORKSPACE.signingSecret, SLACK_API_URL: platform.slackApiUrl },
    });
    try {
      expect(second.slack).toBeUndefined();
      const response = await fetch(`${second.url}/__forge/invoke`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ moduleKey: 'koji-backoffice', functionKey: 'tenants/list', payload: {} }),
      });
      const { result } = (await response.json()) as { result: { data: { tenants: Array<{ tenantId: string }> } } };
      expect(result.data.tenants.map((t) => t.tenantId)).toEqual(['T0SANDBOX']);
    } finally {
      await second.close();
    }
  });
});

describe('what the Slack web trigger refuses', () => {
  const event = (teamId = 'T0SANDBOX', eventId = 'Ev0REFUSE1') =>
    JSON.stringify({
      type: 'event_callback',
      team_id: teamId,
      api_app_id: 'A0KOJIAPP',
      event_id: eventId,
      event_time: Math.floor(Date.now() / 1000),
      event: { type: 'message', user: 'UALICE', text: '#on', ts: `${Math.floor(Date.now() / 1000)}.000100`, channel: 'DALICE', channel_type: 'im' },
    });

  async function post(body: string, headers: Record<string, string>) {
    return fetch(platform.webTriggerUrl('slack-events'), { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  }

  function signature(body: string, secret: string, ts: number) {
    return `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`;
  }

  async function aliceDuty() {
    const { data } = await admin('tenant-users/list', { channel: 'slack', tenantId: 'T0SANDBOX', query: 'alice' });
    return (data as { users: Array<{ duty?: string }> }).users[0]?.duty;
  }

  it('should refuse a forged signature and change nothing', async () => {
    await setUpDesk();
    const body = event();
    const ts = Math.floor(Date.now() / 1000);

    const response = await post(body, { 'x-slack-request-timestamp': String(ts), 'x-slack-signature': signature(body, 'forged-secret', ts) });

    expect(response.status).toBe(401);
    expect(await aliceDuty()).toBe('off');
  });

  it('should refuse a stale timestamp even with a valid signature', async () => {
    await setUpDesk();
    const body = event();
    const ts = Math.floor(Date.now() / 1000) - 6 * 60;

    const response = await post(body, { 'x-slack-request-timestamp': String(ts), 'x-slack-signature': signature(body, SANDBOX_WORKSPACE.signingSecret, ts) });

    expect(response.status).toBe(401);
    expect(await aliceDuty()).toBe('off');
  });

  it('should act once on a retried delivery', async () => {
    await setUpDesk();
    const body = event();
    const ts = Math.floor(Date.now() / 1000);
    const headers = { 'x-slack-request-timestamp': String(ts), 'x-slack-signature': signature(body, SANDBOX_WORKSPACE.signingSecret, ts) };

    expect((await post(body, headers)).status).toBe(200);
    expect((await post(body, { ...headers, 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' })).status).toBe(200);
    await settle();

    expect(heard('UALICE').filter((t) => t.includes('on duty'))).toHaveLength(1);
  });

  it('should answer malformed JSON with a 400 and a reason', async () => {
    const response = await post('{"type":', {});

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'malformed_request' });
  });

  it('should refuse a workspace that is not connected', async () => {
    await setUpDesk();
    const body = event('T0STRANGER');
    const ts = Math.floor(Date.now() / 1000);

    const response = await post(body, { 'x-slack-request-timestamp': String(ts), 'x-slack-signature': signature(body, SANDBOX_WORKSPACE.signingSecret, ts) });

    expect(response.status).toBe(403);
    expect(await aliceDuty()).toBe('off');
  });

  it('should ignore the bot’s own echoes', async () => {
    await setUpDesk();
    slack.clearApiCalls();

    await say('UALICE', '#on');

    // The sandbox echoed every reply back as Slack does; had the app taken an echo for a person, it would
    // have answered it: one reply to one message is all there is.
    const posts = slack.apiCalls.filter((c) => c.method === 'chat.postMessage');
    expect(posts).toHaveLength(1);
    expect(posts[0]?.args['channel']).toBe('UALICE');
    expect(heard('UALICE')).toEqual([expect.stringContaining('You now have the Live agent role'), 'You’re on duty. Nobody is waiting right now.']);
  });
});
