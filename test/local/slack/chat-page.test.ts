import { Script } from 'node:vm';
import { renderForSlack } from '../../../src/adapters/slack/slack-blocks';
import { SlackChatGateway } from '../../../src/adapters/slack/slack-chat-gateway';
import { narrowBlockAction, narrowSlackEvent } from '../../../src/adapters/slack/slack-event';
import { parseSlackRequest } from '../../../src/adapters/slack/slack-request';
import { verifySlackSignature } from '../../../src/adapters/slack/slack-signature';
import { SANDBOX_WORKSPACE } from '../../../packages/forge-local/src/slack';
import { postAsBot, signatureHeaders, startSandbox, type SandboxHarness } from './support/sandbox-harness';

const BOT = { teamId: SANDBOX_WORKSPACE.teamId, botUserId: SANDBOX_WORKSPACE.botUserId, botId: SANDBOX_WORKSPACE.botId };

describe('the Slack sandbox chat page', () => {
  let h: SandboxHarness;

  beforeEach(async () => {
    h = await startSandbox({ echoBotMessages: false });
  });
  afterEach(async () => {
    await h.close();
  });

  const get = (path: string) => fetch(`${h.baseUrl}${path}`);
  const post = (path: string, body: unknown) =>
    fetch(`${h.baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('should serve the page with labelled controls and its script as a file, not inline', async () => {
    for (const path of ['/sandbox/slack', '/sandbox/slack/']) {
      const page = await get(path);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
      const html = await page.text();
      expect(html).toContain('<label for="person">');
      expect(html).toContain('<label for="text">');
      expect(html).toContain('role="log"');
      expect(html).toContain('<script src="/sandbox/slack/app.js" defer></script>');
      expect(html).not.toMatch(/<script>/);
    }
  });

  it('should serve app.js as JavaScript that compiles, polling every second', async () => {
    const script = await get('/sandbox/slack/app.js');

    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const source = await script.text();
    expect(() => new Script(source)).not.toThrow();
    expect(source).toContain('POLL_MS = 1000');
    expect((await get('/sandbox/slack/app.css')).status).toBe(200);
  });

  it('should list the people to act as, operators and users', async () => {
    const body = (await (await get('/sandbox/slack/api/people')).json()) as { people: { id: string; role: string; locale: string; dm: string }[] };

    expect(body.people.map((p) => `${p.id}:${p.role}:${p.locale}`)).toEqual([
      'UALICE:operator:en-US',
      'UBRUNO:operator:en-US',
      'UCARLA:operator:en-US',
      'UBOB:user:en-US',
      'UDANA:user:en-US',
      'UEVE:user:en-US',
      'UCHLOE:user:fr-FR',
      'UJONAS:user:de-DE',
      'ULOCALADMIN:user:en-US',
    ]);
    expect(body.people[0]?.dm).toBe('DALICE');
    expect(body.people.find((p) => p.id === 'UCHLOE')?.dm).toBe('DCHLOE');
  });

  it('should send through the signed web trigger and show the message in the conversation', async () => {
    const sent = await post('/sandbox/slack/api/send', { user: 'UEVE', text: '#on' });

    expect(sent.status).toBe(200);
    expect(await sent.json()).toMatchObject({ delivered: true, trigger: { status: 200 } });
    const [request] = h.trigger.requests;
    expect(verifySlackSignature({ rawBody: request!.body, ...signatureHeaders(request!), signingSecret: SANDBOX_WORKSPACE.signingSecret, nowMs: Date.now() }).ok).toBe(true);
    const parsed = parseSlackRequest(request!.body, request!.headers['content-type']);
    if (!parsed.ok || parsed.request.kind !== 'event') throw new Error('expected an event');
    expect(narrowSlackEvent(parsed.request, BOT, 'p')).toMatchObject({ kind: 'message', message: { from: { userId: 'UEVE' }, text: '#on' } });

    const conversation = (await (await get('/sandbox/slack/api/conversation?user=UEVE')).json()) as { channel: string; messages: unknown[] };
    expect(conversation).toEqual({ user: 'UEVE', channel: 'DEVE', messages: [{ ts: expect.any(String), from: 'person', name: 'Eve User', isBot: false, text: '#on' }] });
  });

  it('should show bot messages under their username with their blocks, and click their buttons through the trigger', async () => {
    const card = renderForSlack({ kind: 'notice', text: 'You are now talking to Alice.', conversationId: 'c-7', buttons: [{ action: 'leave', label: 'Leave' }] });
    const posted = await postAsBot(h.client(), { channel: 'UBOB', text: card.text, blocks: card.blocks, username: 'Alice Operator' });

    const conversation = (await (await get('/sandbox/slack/api/conversation?user=UBOB')).json()) as { messages: Record<string, unknown>[] };
    expect(conversation.messages).toEqual([
      { ts: posted.ts, from: 'bot', name: 'Alice Operator', isBot: true, text: card.text, blocks: expect.arrayContaining([expect.objectContaining({ type: 'actions' })]) },
    ]);

    const clicked = await post('/sandbox/slack/api/click', { user: 'UBOB', ts: posted.ts, actionId: 'koji:leave:0' });

    expect(clicked.status).toBe(200);
    const parsed = parseSlackRequest(h.trigger.requests[0]!.body, h.trigger.requests[0]!.headers['content-type']);
    if (!parsed.ok || parsed.request.kind !== 'block-actions') throw new Error('expected block actions');
    expect(narrowBlockAction(parsed.request.payload, parsed.request.teamId, 'p')).toMatchObject({ message: { action: { kind: 'leave' }, conversationId: 'c-7' } });
  });

  it('should show a card the app marked used after a click: its content, no buttons, what happened, edited', async () => {
    const card = renderForSlack({ kind: 'request', text: 'Bob needs help.', conversationId: 'c-7', buttons: [{ action: 'end-session', label: 'End conversation' }] });
    const posted = await postAsBot(h.client(), { channel: 'UBOB', text: card.text, blocks: card.blocks });
    await post('/sandbox/slack/api/click', { user: 'UBOB', ts: posted.ts, actionId: 'koji:end-session:0' });
    const parsed = parseSlackRequest(h.trigger.requests[0]!.body, h.trigger.requests[0]!.headers['content-type']);
    if (!parsed.ok || parsed.request.kind !== 'block-actions') throw new Error('expected block actions');
    const clicked = narrowBlockAction(parsed.request.payload, parsed.request.teamId, 'p');
    if (clicked.kind !== 'message' || !clicked.card) throw new Error('expected the click to name its card');

    // The gateway's chat.update, through the real client, with what the click payload carried.
    await new SlackChatGateway(h.client()).markCardUsed(clicked.card, 'Ended by you');

    const conversation = (await (await get('/sandbox/slack/api/conversation?user=UBOB')).json()) as { messages: Array<Record<string, unknown>> };
    expect(conversation.messages).toEqual([
      expect.objectContaining({
        ts: posted.ts,
        text: card.text,
        editedTs: expect.any(String),
        // Slack gives each block a block_id.
        blocks: [
          expect.objectContaining(card.blocks![0]),
          expect.objectContaining({
            type: 'rich_text',
            elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text: '✓ Ended by you', style: { italic: true } }] }],
          }),
        ],
      }),
    ]);
    expect((await post('/sandbox/slack/api/click', { user: 'UBOB', ts: posted.ts, actionId: 'koji:end-session:0' })).status).toBe(404);
  });

  it('should answer 404 for unknown people and buttons, 400 for empty messages, 502 when the trigger is down', async () => {
    expect((await get('/sandbox/slack/api/conversation?user=UNOBODY')).status).toBe(404);
    expect((await post('/sandbox/slack/api/send', { user: 'UBOB', text: '  ' })).status).toBe(400);
    expect((await post('/sandbox/slack/api/click', { user: 'UBOB', ts: '1.000000', actionId: 'koji:leave:0' })).status).toBe(404);
    expect((await post('/sandbox/slack/api/send', 'not an object')).status).toBe(400);

    await h.trigger.close();
    const down = await post('/sandbox/slack/api/send', { user: 'UBOB', text: 'hello?' });
    expect(down.status).toBe(502);
    expect(await down.json()).toMatchObject({ delivered: false, message: expect.stringContaining('did not answer') });
  });

  it('should leave other paths to the platform', async () => {
    expect(await (await get('/pages/koji-backoffice/')).text()).toBe('not a sandbox route');
    expect(await (await get('/sandbox/slackish')).text()).toBe('not a sandbox route');
  });
});
