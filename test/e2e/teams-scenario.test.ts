import { TEAMS_SANDBOX, type TeamsSandbox } from '../../packages/forge-local/src/teams';
import { SANDBOX_WORKSPACE, type SlackSandbox } from '../../packages/forge-local/src/slack';
import type { LocalPlatform } from '../../packages/forge-local/src/platform';
import { localPlatformClient, startSandboxedPlatform } from '../local/support/local-platform-client';

/**
 * Teams through its real doors: activities signed with the sandbox's Bot
 * Framework key and checked by the app's token validation, replies through the
 * sandbox's Bot Connector with a client-credentials token.
 */
let platform: LocalPlatform;
let teams: TeamsSandbox;
let slack: SlackSandbox;

const { admin, settle } = localPlatformClient(() => platform);

async function say(person: string, text: string): Promise<void> {
  expect((await teams.sendAs(person, text)).status).toBe(200);
  await settle();
}

function heard(person: string): string[] {
  return teams
    .conversation(person)
    .filter((m) => m.from === 'bot')
    .map((m) => m.text ?? '');
}

const lastHeard = (person: string) => heard(person).at(-1) ?? '';
const personId = (key: string) => TEAMS_SANDBOX.people.find((p) => p.key === key)!.id;

async function setUpTeams(): Promise<void> {
  expect(await admin('settings/update', { change: { enabled: true } })).toMatchObject({ ok: true });
  expect(
    await admin('tenants/connect', { channel: 'teams', tenantId: TEAMS_SANDBOX.tenantId, name: 'Koji Sandbox (Teams)', appId: TEAMS_SANDBOX.appId, appPassword: TEAMS_SANDBOX.appPassword }),
  ).toMatchObject({ ok: true });
  for (const person of ['tom', 'uma', 'vic', 'wendy']) await teams.install(person);
  await settle();
  for (const person of ['tom', 'uma']) {
    expect(await admin('roles/grant', { channel: 'teams', tenantId: TEAMS_SANDBOX.tenantId, userId: personId(person) })).toMatchObject({ ok: true });
  }
  await settle();
}

beforeEach(async () => {
  ({ platform, teams, slack } = await startSandboxedPlatform());
});
afterEach(() => platform.close());

describe('Microsoft Teams, end to end', () => {
  it('should walk the seed on Teams alone: shifts, handoff, relay, list, forward, ticket, stop, off', async () => {
    await setUpTeams();
    expect(lastHeard('tom')).toContain('You now have the Live agent role');

    await say('tom', '#on');
    expect(lastHeard('tom')).toBe('You’re on duty. Nobody is waiting right now.');
    await say('uma', '#on');

    await say('vic', 'My VPN keeps dropping');
    await say('vic', 'operator');
    expect(lastHeard('vic')).toContain('You’re now talking to Tom');
    const card = teams.conversation('tom').at(-1);
    expect(JSON.stringify(card?.attachments)).toContain('My VPN keeps dropping');
    expect(JSON.stringify(card?.attachments)).toContain('Action.Submit');

    await say('vic', 'Since this morning');
    expect(lastHeard('tom')).toContain('Since this morning');
    await say('tom', 'Which client version?');
    expect(lastHeard('vic')).toContain('Which client version?');

    await say('tom', 'list_operators');
    expect(lastHeard('tom')).toContain('On duty (2):');

    await say('tom', 'forward_operator Uma');
    expect(lastHeard('vic')).toContain('has taken over your conversation');
    await say('uma', '#create_ticket VPN drops');
    // Teams activities carry no e-mail: the app reads Vic's from the Bot Connector's roster and raises the ticket for him.
    expect(platform.jsm!.requests()[0]).toMatchObject({ key: 'SUP-1', fields: { summary: 'VPN drops' }, reporter: 'local-customer-vic' });
    expect(lastHeard('vic')).toContain('Ticket SUP-1');

    await say('uma', 'stop');
    expect(heard('vic').at(-2)).toContain('closed the conversation');
    await say('uma', '#off');
    expect(lastHeard('uma')).toBe('You’re off duty.');
  });

  it('should let operators end a conversation with the card’s button', async () => {
    await setUpTeams();
    await say('tom', '#on');
    await say('vic', 'operator');
    const card = teams.conversation('tom').at(-1)!;

    expect((await teams.clickSubmit('tom', card.id, 'End conversation')).status).toBe(200);
    await settle();

    expect(heard('vic').at(-2)).toContain('closed the conversation');
    // The card as the sandbox's Bot Connector now holds it: replaced in place, no actions, saying what happened.
    const used = teams.conversation('tom').find((m) => m.id === card.id)!;
    expect(used.updatedAt).toBeDefined();
    expect(JSON.stringify(used.attachments)).not.toContain('Action.Submit');
    expect(JSON.stringify(used.attachments)).toContain('Ended by you');
    expect(JSON.stringify(used.attachments)).toContain('Vic');
  });

  it('should change nothing when a used card’s button is submitted again from a stale view', async () => {
    await setUpTeams();
    await say('tom', '#on');
    await say('vic', 'operator');
    const card = teams.conversation('tom').at(-1)!;
    const endData = JSON.stringify(card.attachments).match(/"data":(\{"koji":"end-session"[^}]*\})/)?.[1];
    expect(endData).toBeDefined();
    await teams.clickSubmit('tom', card.id, 'End conversation');
    await settle();
    const used = teams.conversation('tom').find((m) => m.id === card.id)!;
    const vicHeard = heard('vic');
    const updates = () => teams.apiCalls.filter((c) => c.operation === 'update').length;
    const updatesBefore = updates();

    // A client that has not caught up with the update still shows the button.
    expect((await teams.submit('tom', JSON.parse(endData!), { replyToId: card.id })).status).toBe(200);
    await settle();

    expect(teams.conversation('tom').find((m) => m.id === card.id)).toEqual(used);
    expect(updates()).toBe(updatesBefore);
    expect(heard('vic')).toEqual(vicHeard);
    expect(lastHeard('tom')).toContain('has ended or was handed to someone else');
  });

  it('should leave the request card as it is after Create ticket and Forward, and mark only the pick list once the pick went through', async () => {
    await setUpTeams();
    await say('tom', '#on');
    await say('uma', '#on');
    await say('vic', 'My VPN keeps dropping');
    await say('vic', 'operator');
    const card = teams.conversation('tom').at(-1)!;
    const shown = (id: string) => teams.conversation('tom').find((m) => m.id === id);
    const updates = () => teams.apiCalls.filter((c) => c.operation === 'update').length;

    await teams.clickSubmit('tom', card.id, 'Create ticket');
    await settle();

    expect(lastHeard('tom')).toContain('Ticket SUP-1');
    // Not replaced: the hand-over excerpt and the buttons stay, the conversation carries on.
    expect(shown(card.id)).toEqual(card);
    expect(JSON.stringify(shown(card.id)?.attachments)).toContain('My VPN keeps dropping');
    expect(updates()).toBe(0);

    await teams.clickSubmit('tom', card.id, 'Forward');
    await settle();
    const pickList = teams.conversation('tom').at(-1)!;
    expect(pickList.id).not.toBe(card.id);
    expect(shown(card.id)).toEqual(card);
    expect(updates()).toBe(0);

    await teams.clickSubmit('tom', pickList.id, 'Uma Operator');
    await settle();

    expect(lastHeard('vic')).toContain('Uma');
    expect(shown(pickList.id)?.updatedAt).toBeDefined();
    expect(JSON.stringify(shown(pickList.id)?.attachments)).not.toContain('Action.Submit');
    expect(JSON.stringify(shown(pickList.id)?.attachments)).toContain('Forwarded to Uma Operator');
    // The request card is left as it was: a later click on it is refused, as for any conversation no longer Tom's.
    expect(shown(card.id)).toEqual(card);
    expect(updates()).toBe(1);
  });

  it('should serve a Teams user with a Slack operator, forward to a Teams operator, make a ticket and stop, across channels', async () => {
    await setUpTeams();
    await admin('tenants/connect', { channel: 'slack', botToken: SANDBOX_WORKSPACE.botToken, signingSecret: SANDBOX_WORKSPACE.signingSecret });
    await admin('roles/grant', { channel: 'slack', tenantId: 'T0SANDBOX', userId: 'UALICE' });
    await slack.sendAs('UALICE', '#on');
    await settle();

    await say('wendy', 'operator');
    expect(lastHeard('wendy')).toContain('talking to Alice Operator');
    await say('wendy', 'Hello from Teams');
    expect(slack.conversation('UALICE').at(-1)?.text).toBe('Hello from Teams');
    await slack.sendAs('UALICE', 'Hello from Slack');
    await settle();
    expect(lastHeard('wendy')).toContain('Hello from Slack');

    // The Slack operator hands the Teams user to a Teams operator, who gets the conversation so far.
    await say('tom', '#on');
    await slack.sendAs('UALICE', 'forward_operator Tom');
    await settle();
    expect(lastHeard('wendy')).toContain('has taken over your conversation');
    expect(JSON.stringify(teams.conversation('tom').slice(-3))).toContain('Hello from Slack');
    await say('wendy', 'Still there?');
    expect(lastHeard('tom')).toContain('Still there?');
    expect(slack.conversation('UALICE').at(-1)?.text).not.toBe('Still there?');

    await say('tom', '#create_ticket Help across channels');
    const [ticket] = platform.jsm!.requests();
    expect(ticket).toMatchObject({ key: 'SUP-1', fields: { summary: 'Help across channels' } });
    const description = JSON.stringify(ticket?.fields);
    for (const line of ['Hello from Teams', 'Hello from Slack', 'Still there?']) expect(description).toContain(line);
    expect(lastHeard('wendy')).toContain('Ticket SUP-1');

    await say('tom', 'stop');
    expect(heard('wendy').at(-2)).toContain('closed the conversation');
    // Asking again, she goes back to Tom, who served her last, though Alice has been free longer.
    await say('wendy', 'operator');
    expect(lastHeard('wendy')).toContain('talking to Tom Operator');
  });

  it('should refuse activities without a valid token, changing nothing', async () => {
    await setUpTeams();
    for (const token of ['none', 'wrong-issuer', 'wrong-audience', 'expired', 'unknown-key', 'not-endorsed', 'serviceurl-mismatch'] as const) {
      expect((await teams.sendAs('tom', '#on', { token })).status).toBe(401);
    }
    await settle();

    const { data } = await admin('tenant-users/list', { channel: 'teams', tenantId: TEAMS_SANDBOX.tenantId, query: 'tom' });
    expect((data as { users: Array<{ duty?: string }> }).users[0]?.duty).toBe('off');
  });

  it('should act once on a redelivered activity', async () => {
    await setUpTeams();
    const activity = teams.activityFor('tom', '#on');

    await teams.deliver(activity);
    await teams.deliver(activity);
    await settle();

    expect(heard('tom').filter((t) => t.includes('on duty'))).toHaveLength(1);
  });

  it('should end a user’s conversation and tell the operator when the user removes the app', async () => {
    await setUpTeams();
    await say('tom', '#on');
    await say('vic', 'operator');

    await teams.uninstall('vic');
    await settle();

    expect(lastHeard('tom')).toContain('ended the conversation');
  });
});
