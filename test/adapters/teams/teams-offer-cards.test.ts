import type { TeamsConversationReference } from '../../../src/adapters/teams/teams-activity';
import { narrowTeamsActivity, type TeamsActivity } from '../../../src/adapters/teams/teams-activity';
import { forgetTeamsTokens } from '../../../src/adapters/teams/teams-connector';
import { TeamsGateways } from '../../../src/adapters/teams/teams-gateways';
import type { TeamsTenant } from '../../../src/adapters/teams/teams-tenants';
import type { SentCard } from '../../../src/app/ports';
import { ChatDeliveryError } from '../../../src/domain/errors';
import type { OutgoingMessage } from '../../../src/domain/outgoing-message';
import { TEAMS_SANDBOX, personalConversationId, type TeamsSandboxPerson } from '../../../packages/forge-local/src/teams';
import { teamsCardRuns } from '../../support/chat-surfaces';
import { startTeamsSandbox, type TeamsHarness } from '../../local/teams/support/teams-harness';

const TOM = TEAMS_SANDBOX.people.find((p) => p.key === 'tom') as TeamsSandboxPerson;

/**
 * An operator offer's card on Teams, against the local Bot Connector: the gateway says which activity the card
 * is, and the core can later replace it with what happened (`PUT …/activities/{id}`), leaving nothing to click.
 */
describe('an operator offer’s card on Teams', () => {
  let h: TeamsHarness;
  let gateways: (fetcher?: typeof fetch) => TeamsGateways;

  beforeAll(async () => {
    h = await startTeamsSandbox();
  });
  beforeEach(async () => {
    await h.reset();
    forgetTeamsTokens();
    await h.sandbox.install(TOM);
    const tenant: TeamsTenant = {
      tenantId: TEAMS_SANDBOX.tenantId,
      name: 'Sandbox',
      projectId: '10000',
      appId: TEAMS_SANDBOX.appId,
      appPassword: TEAMS_SANDBOX.appPassword,
      botTenantId: TEAMS_SANDBOX.tenantId,
      connectedAt: 0,
    };
    const reference: TeamsConversationReference = {
      tenantId: TEAMS_SANDBOX.tenantId,
      userId: TOM.id,
      name: 'Tom Operator',
      serviceUrl: h.serviceUrl,
      conversationId: personalConversationId(TOM),
      botId: TEAMS_SANDBOX.botId,
    };
    gateways = (fetcher = (input, init) => fetch(input, init)) =>
      new TeamsGateways(
        { tenants: { get: () => Promise.resolve(tenant) }, references: { get: () => Promise.resolve(reference) } },
        { loginUrl: h.sandbox.endpoints.loginUrl, fetch: fetcher, now: () => Date.now(), callTimeoutMs: 1000 },
        {},
        { info: () => undefined, warn: () => undefined },
      );
  });
  afterAll(async () => {
    await h.close();
  });

  const tom = { channel: 'teams' as const, tenantId: TEAMS_SANDBOX.tenantId, userId: TOM.id };
  const offer: OutgoingMessage = {
    kind: 'request',
    text: 'Vic User (Microsoft Teams) is waiting to talk to an operator. Accept within 60 seconds, or decline so someone else can take them.',
    conversationId: 'conv-9',
    excerpt: [{ id: 'l1', at: 1, role: 'user', speakerName: 'Vic User', text: 'My printer is on fire' }],
    buttons: [
      { action: 'accept-offer', label: 'Accept', value: 'conv-9' },
      { action: 'decline-offer', label: 'Decline', value: 'conv-9' },
    ],
  };
  const botMessages = () => h.sandbox.conversation(TOM).filter((m) => m.from === 'bot');
  const words = (m: { attachments?: readonly Record<string, unknown>[] | undefined } | undefined) =>
    teamsCardRuns({ attachments: m?.attachments }).map((r) => r.text).join('');
  const actionsOf = (m: { attachments?: readonly Record<string, unknown>[] | undefined } | undefined) =>
    (m?.attachments ?? []).flatMap((a) => ((a['content'] as { actions?: Record<string, unknown>[] } | undefined)?.actions ?? []));

  async function refusal(promise: Promise<unknown>): Promise<unknown> {
    try {
      await promise;
    } catch (error) {
      return error;
    }
    throw new Error('The call succeeded.');
  }

  it('should show Accept as the positive action and Decline as a default one, each naming the offered conversation', async () => {
    await gateways().send(tom, offer);

    const [accept, decline] = actionsOf(botMessages()[0]);
    expect(accept).toMatchObject({ type: 'Action.Submit', title: 'Accept', style: 'positive', data: { koji: 'accept-offer', c: 'conv-9', v: 'conv-9' } });
    expect(decline).toMatchObject({ type: 'Action.Submit', title: 'Decline', data: { koji: 'decline-offer', c: 'conv-9', v: 'conv-9' } });
    expect(decline).not.toHaveProperty('style');
    const click = (data: unknown): ReturnType<typeof narrowTeamsActivity> => {
      const activity: TeamsActivity = {
        type: 'message',
        id: 'a-1',
        channelId: 'msteams',
        serviceUrl: h.serviceUrl,
        tenantId: TEAMS_SANDBOX.tenantId,
        from: { id: TOM.id, name: 'Tom Operator' },
        recipient: { id: TEAMS_SANDBOX.botId },
        conversation: { id: personalConversationId(TOM), conversationType: 'personal' },
        raw: { value: data },
      };
      return narrowTeamsActivity(activity, '10000');
    };
    expect(click(accept?.['data'])).toMatchObject({ kind: 'message', message: { action: { kind: 'accept-offer', value: 'conv-9' }, conversationId: 'conv-9' } });
    expect(click(decline?.['data'])).toMatchObject({ kind: 'message', message: { action: { kind: 'decline-offer', value: 'conv-9' }, conversationId: 'conv-9' } });
  });

  it('should say which activity the card is, and replace it with a card that says what happened and has nothing to click', async () => {
    const sent = await gateways().send(tom, offer);
    expect(sent).toEqual({ ref: expect.any(String) });

    await gateways().replace(tom, sent as SentCard, { kind: 'notice', text: 'Nobody accepted within 60 seconds, so Vic User went to another operator.', conversationId: 'conv-9' });

    expect(botMessages()).toHaveLength(1);
    expect(botMessages()[0]?.updatedAt).toEqual(expect.any(String));
    expect(words(botMessages()[0])).toBe('Nobody accepted within 60 seconds, so Vic User went to another operator.');
    expect(actionsOf(botMessages()[0])).toEqual([]);
  });

  it('should replace a plain message with a plain message', async () => {
    const sent = (await gateways().send(tom, { kind: 'notice', text: 'You’re on duty.' })) as SentCard;

    await gateways().replace(tom, sent, { kind: 'notice', text: 'You’re off duty.' });

    expect(botMessages()).toHaveLength(1);
    expect(botMessages()[0]?.text).toBe('You’re off duty.');
    expect(botMessages()[0]?.attachments).toBeUndefined();
  });

  it('should answer nothing to update when the Bot Connector names no activity (Agents Playground answers 202 without a body)', async () => {
    const playground: typeof fetch = async (input, init) => {
      const answer = await fetch(input, init);
      return init?.method === 'POST' && (input instanceof Request ? input.url : input.toString()).endsWith('/activities') ? new Response(null, { status: 202 }) : answer;
    };

    await expect(gateways(playground).send(tom, offer)).resolves.toBeUndefined();
  });

  it.each([
    ['not JSON', 'a:1~1700000000000'],
    ['a Slack card', JSON.stringify({ slack: { channel: 'DALICE', ts: '1700000000.000100' } })],
    ['an activity id with characters no id has', JSON.stringify({ teams: { c: 'a:1', a: '1 2/../../members', card: true } })],
    ['missing whether it was a card', JSON.stringify({ teams: { c: 'a:1', a: '1700000000000' } })],
    ['far too long', JSON.stringify({ teams: { c: `a:${'x'.repeat(1200)}`, a: '1700000000000', card: true } })],
  ])('should refuse to update from a stored ref that is %s, without calling Teams', async (_what, ref) => {
    const error = await refusal(gateways().replace(tom, { ref }, { kind: 'notice', text: 'Closed.' }));

    expect(error).toBeInstanceOf(ChatDeliveryError);
    expect(h.sandbox.apiCalls.filter((c) => c.method === 'PUT')).toEqual([]);
  });

  it('should fail as a delivery when the card is gone from Teams, so the core tells the operator in a new message', async () => {
    const ref = JSON.stringify({ teams: { c: personalConversationId(TOM), a: '1700000000000', card: true } });

    const error = await refusal(gateways().replace(tom, { ref }, { kind: 'notice', text: 'Closed.' }));

    expect(error).toBeInstanceOf(ChatDeliveryError);
  });
});
