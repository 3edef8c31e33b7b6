import { Script } from 'node:vm';
import { ADAPTIVE_CARD_CONTENT_TYPE, TEAMS_SANDBOX, personalConversationId, type TeamsActivity } from '../../../packages/forge-local/src/teams';
import { narrowTeamsActivity, parseTeamsActivity } from '../../../src/adapters/teams/teams-activity';
import { renderForTeams } from '../../../src/adapters/teams/teams-cards';
import { TeamsGateways } from '../../../src/adapters/teams/teams-gateways';
import type { TeamsTenant } from '../../../src/adapters/teams/teams-tenants';
import { startTeamsSandbox, type TeamsHarness } from './support/teams-harness';

const VIC = TEAMS_SANDBOX.people.find((p) => p.key === 'vic')!;

describe('the Teams sandbox chat page', () => {
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

  const get = (path: string) => fetch(`${h.baseUrl}${path}`);
  const post = (path: string, body: unknown) =>
    fetch(`${h.baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('should serve the page with labelled controls and its script as a file, not inline', async () => {
    for (const path of ['/sandbox/teams', '/sandbox/teams/']) {
      const page = await get(path);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
      const html = await page.text();
      expect(html).toContain('<label for="person">');
      expect(html).toContain('<label for="text">');
      expect(html).toContain('id="install"');
      expect(html).toContain('role="log"');
      expect(html).toContain('<script src="/sandbox/teams/app.js" defer></script>');
      expect(html).not.toMatch(/<script>/);
    }
  });

  it('should serve app.js as JavaScript that compiles, polling every second, and the stylesheet', async () => {
    const script = await get('/sandbox/teams/app.js');

    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const source = await script.text();
    expect(() => new Script(source)).not.toThrow();
    expect(source).toContain('POLL_MS = 1000');
    expect((await get('/sandbox/teams/app.css')).status).toBe(200);
  });

  it('should list the people to act as, with their role and whether they installed Koji', async () => {
    await h.sandbox.install('tom');

    const body = (await (await get('/sandbox/teams/api/people')).json()) as {
      bot: unknown;
      people: Array<{ key: string; name: string; role: string; locale: string; installed: boolean; email: string }>;
    };

    expect(body.bot).toEqual({ id: TEAMS_SANDBOX.botId, name: 'Koji' });
    expect(body.people.map((p) => `${p.key}:${p.role}:${p.locale}:${p.installed}`)).toEqual([
      'tom:operator:en-US:true',
      'uma:operator:en-US:false',
      'vic:user:en-US:false',
      'wendy:user:en-US:false',
      'chloe:user:fr-FR:false',
      'jonas:user:de-DE:false',
    ]);
    expect(body.people.slice(4).map((p) => `${p.name} <${p.email}>`)).toEqual(['Chloé Dubois <chloe@sandbox.test>', 'Jonas Becker <jonas@sandbox.test>']);
    expect(body.people[2]?.email).toBe('vic@sandbox.test');
  });

  it('should install, send through the web trigger and show the conversation', async () => {
    expect((await post('/sandbox/teams/api/send', { person: 'vic', text: 'hi' })).status).toBe(409);

    const installed = await post('/sandbox/teams/api/install', { person: 'vic' });
    expect(installed.status).toBe(200);
    expect(await installed.json()).toMatchObject({ delivered: true, triggers: [{ status: 200 }, { status: 200 }] });

    const sent = await post('/sandbox/teams/api/send', { person: 'vic', text: '#on' });
    expect(await sent.json()).toMatchObject({ delivered: true, triggers: [{ status: 200, activityId: expect.any(String) }] });
    expect(h.trigger.activities().map((a) => a.type)).toEqual(['installationUpdate', 'conversationUpdate', 'message']);

    const conversation = await (await get('/sandbox/teams/api/conversation?person=vic')).json();
    expect(conversation).toEqual({
      person: 'vic',
      conversationId: personalConversationId(VIC),
      installed: true,
      messages: [{ id: expect.any(String), from: 'person', name: 'Vic User', kind: 'message', timestamp: expect.any(String), text: '#on', textFormat: 'plain' }],
    });
  });

  it('should show the bot’s cards with numbered Action.Submit buttons, and click them through the trigger', async () => {
    await h.sandbox.install(VIC);
    const sent = await h.connector('POST', `v3/conversations/${personalConversationId(VIC)}/activities`, {
      type: 'message',
      attachments: [
        {
          contentType: ADAPTIVE_CARD_CONTENT_TYPE,
          content: {
            type: 'AdaptiveCard',
            version: '1.5',
            body: [{ type: 'TextBlock', text: 'Tom joined the chat.' }],
            actions: [
              { type: 'Action.OpenUrl', title: 'Docs', url: 'https://example.test' },
              { type: 'Action.Submit', title: 'Leave', data: { action: 'leave', conv: 'c-7' } },
            ],
          },
        },
      ],
    });
    const { id } = (await sent.json()) as { id: string };

    const { messages } = (await (await get('/sandbox/teams/api/conversation?person=vic')).json()) as {
      messages: Array<Record<string, unknown> & { attachments: Array<{ content: { actions: unknown[] } }> }>;
    };
    expect(messages[0]).toMatchObject({ id, from: 'bot', name: 'Koji', textFormat: 'markdown' });
    expect(messages[0]!.attachments[0]!.content.actions).toEqual([
      { type: 'Action.OpenUrl', title: 'Docs', url: 'https://example.test' },
      { type: 'Action.Submit', title: 'Leave', data: { action: 'leave', conv: 'c-7' }, sandboxSubmitIndex: 0 },
    ]);

    const clicked = await post('/sandbox/teams/api/submit', { person: 'vic', activityId: id, action: 0 });

    expect(clicked.status).toBe(200);
    const activity = h.trigger.activities().at(-1) as TeamsActivity;
    expect(activity).toMatchObject({ type: 'message', value: { action: 'leave', conv: 'c-7' }, replyToId: id });
    // The stored card keeps what the bot sent, without the page's numbering.
    expect(JSON.stringify(h.sandbox.conversation(VIC)[0]?.attachments)).not.toContain('sandboxSubmitIndex');
  });

  it('should show a card the app replaced after a click: its lead line, no buttons, what happened, edited', async () => {
    await h.sandbox.install(VIC);
    const card = renderForTeams({ kind: 'request', text: 'Vic needs help.', conversationId: 'c-7', buttons: [{ action: 'end-session', label: 'End conversation' }] });
    const sent = await h.connector('POST', `v3/conversations/${personalConversationId(VIC)}/activities`, card);
    const { id } = (await sent.json()) as { id: string };
    await post('/sandbox/teams/api/submit', { person: 'vic', activityId: id, action: 0 });
    const parsed = parseTeamsActivity(JSON.stringify(h.trigger.activities().at(-1)));
    if (!parsed.ok) throw new Error(parsed.reason);
    const clicked = narrowTeamsActivity(parsed.activity, 'p');
    if (clicked.kind !== 'message' || !clicked.card) throw new Error('expected the submit to name its card');
    const tenant: TeamsTenant = {
      tenantId: TEAMS_SANDBOX.tenantId,
      name: 'Sandbox',
      projectId: 'p',
      appId: TEAMS_SANDBOX.appId,
      appPassword: TEAMS_SANDBOX.appPassword,
      botTenantId: TEAMS_SANDBOX.tenantId,
      connectedAt: 0,
    };
    const gateways = new TeamsGateways(
      { tenants: { get: () => Promise.resolve(tenant) }, references: { get: () => Promise.resolve(undefined) } },
      { loginUrl: h.sandbox.endpoints.loginUrl, fetch: (input, init) => fetch(input, init), now: () => Date.now() },
    );

    // The gateway's PUT …/activities/{id}, to the activity the submit replied to.
    await gateways.markCardUsed(tenant, clicked.card, 'Ended by you');

    const { messages } = (await (await get('/sandbox/teams/api/conversation?person=vic')).json()) as {
      messages: Array<Record<string, unknown> & { attachments: Array<{ content: { body: unknown[]; actions: unknown[] } }> }>;
    };
    const shown = messages.find((m) => m['id'] === id)!;
    expect(shown['updatedAt']).toEqual(expect.any(String));
    expect(shown.attachments[0]!.content.actions).toEqual([]);
    expect(shown.attachments[0]!.content.body).toEqual([
      expect.objectContaining({ type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: 'Vic needs help.' }] }),
      expect.objectContaining({ type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: '✓ Ended by you', isSubtle: true }] }),
    ]);
    expect((await post('/sandbox/teams/api/submit', { person: 'vic', activityId: id, action: 0 })).status).not.toBe(200);
  });

  it('should answer 404 for unknown people and messages, 400 for bad input', async () => {
    await h.sandbox.install(VIC);
    expect((await get('/sandbox/teams/api/conversation?person=nobody')).status).toBe(404);
    expect((await post('/sandbox/teams/api/send', { person: 'vic', text: '  ' })).status).toBe(400);
    expect((await post('/sandbox/teams/api/send', 'not an object')).status).toBe(400);
    expect((await post('/sandbox/teams/api/submit', { person: 'vic', activityId: '1', action: 'x' })).status).toBe(400);
    expect((await post('/sandbox/teams/api/submit', { person: 'vic', activityId: '1', action: 0 })).status).toBe(404);
  });

  it('should answer 502 when the trigger is down', async () => {
    await h.sandbox.install(VIC);
    await h.trigger.close();
    try {
      const down = await post('/sandbox/teams/api/send', { person: 'vic', text: 'hello?' });

      expect(down.status).toBe(502);
      expect(await down.json()).toMatchObject({ delivered: false, message: expect.stringContaining('did not answer') });
    } finally {
      await h.trigger.restart();
    }
  });

  it('should leave other paths to the platform', async () => {
    expect(await (await get('/pages/koji-backoffice/')).text()).toBe('not a sandbox route');
    expect(await (await get('/sandbox/teamsish')).text()).toBe('not a sandbox route');
    expect(await (await get('/teams/elsewhere')).text()).toBe('not a sandbox route');
  });
});
