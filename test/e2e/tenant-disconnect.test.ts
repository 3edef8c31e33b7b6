import { createHmac } from 'node:crypto';
import { TEAMS_SANDBOX, type TeamsSandbox } from '../../packages/forge-local/src/teams';
import { SANDBOX_WORKSPACE, type SlackSandbox } from '../../packages/forge-local/src/slack';
import type { LocalPlatform } from '../../packages/forge-local/src/platform';
import { localPlatformClient, startSandboxedPlatform } from '../local/support/local-platform-client';

/**
 * Disconnecting a tenant through the backoffice's resolvers, with people of
 * both sandboxes in conversations across tenants: nothing of the disconnected
 * tenant may stay behind (shifts, conversations, waits, roles), and the people
 * of the other tenant are told and served again.
 */
let platform: LocalPlatform;
let slack: SlackSandbox;
let teams: TeamsSandbox;

const { admin, settle } = localPlatformClient(() => platform);

async function saySlack(userId: string, text: string): Promise<void> {
  expect((await slack.sendAs(userId, text)).status).toBe(200);
  await settle();
}

async function sayTeams(person: string, text: string): Promise<void> {
  expect((await teams.sendAs(person, text)).status).toBe(200);
  await settle();
}

const unescape = (t: string) => t.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const slackHeard = (userId: string) => slack.conversation(userId).filter((m) => m.user === SANDBOX_WORKSPACE.botUserId).map((m) => unescape(m.text));
const teamsHeard = (person: string) => teams.conversation(person).filter((m) => m.from === 'bot').map((m) => m.text ?? '');
const teamsId = (key: string) => TEAMS_SANDBOX.people.find((p) => p.key === key)!.id;
/** What each person of the busy desk heard about a disconnect. */
const aboutTheDisconnect = () => {
  const about = (lines: string[]) => lines.filter((t) => t.includes('disconnected'));
  return {
    bob: about(slackHeard('UBOB')),
    dana: about(slackHeard('UDANA')),
    alice: about(slackHeard('UALICE')),
    tom: about(teamsHeard('tom')),
    vic: about(teamsHeard('vic')),
  };
};

beforeEach(async () => {
  ({ platform, slack, teams } = await startSandboxedPlatform());
});
afterEach(() => platform.close());

/**
 * Tom (Teams) serves Bob (Slack), Alice (Slack) serves Vic (Teams), Dana
 * (Slack) waits: every operator has capacity 1 and is busy.
 */
async function busyDeskAcrossTenants(): Promise<void> {
  expect(await admin('settings/update', { change: { enabled: true } })).toMatchObject({ ok: true });
  expect(await admin('tenants/connect', { channel: 'slack', botToken: SANDBOX_WORKSPACE.botToken, signingSecret: SANDBOX_WORKSPACE.signingSecret })).toMatchObject({ ok: true });
  expect(
    await admin('tenants/connect', { channel: 'teams', tenantId: TEAMS_SANDBOX.tenantId, name: 'Koji Sandbox (Teams)', appId: TEAMS_SANDBOX.appId, appPassword: TEAMS_SANDBOX.appPassword }),
  ).toMatchObject({ ok: true });
  for (const person of ['tom', 'vic']) await teams.install(person);
  await settle();
  expect(await admin('roles/grant', { channel: 'slack', tenantId: SANDBOX_WORKSPACE.teamId, userId: 'UALICE' })).toMatchObject({ ok: true });
  expect(await admin('roles/grant', { channel: 'teams', tenantId: TEAMS_SANDBOX.tenantId, userId: teamsId('tom') })).toMatchObject({ ok: true });
  await settle();

  await sayTeams('tom', '#on');
  await saySlack('UBOB', 'operator');
  expect(slackHeard('UBOB').at(-1)).toContain('You’re now talking to Tom Operator');
  await saySlack('UALICE', '#on');
  await sayTeams('vic', 'operator');
  expect(teamsHeard('vic').at(-1)).toContain('You’re now talking to Alice Operator');
  await saySlack('UDANA', 'operator');
  expect(slackHeard('UDANA').at(-1)).toContain('number 1 in the queue');
  expect(await admin('activity/get')).toMatchObject({ data: { inProgress: { rows: [{ operatorName: expect.any(String) }, { operatorName: expect.any(String) }] }, waiting: { rows: [{ position: 1 }] } } });
}

describe('disconnecting a tenant', () => {
  it('should end the Slack workspace’s conversations, waits, shifts and roles, tell the other side, and serve the Teams user again', async () => {
    await busyDeskAcrossTenants();

    const disconnected = await admin('tenants/disconnect', { channel: 'slack', tenantId: SANDBOX_WORKSPACE.teamId });
    await settle();

    expect(disconnected).toEqual({ ok: true, data: { disconnected: 'T0SANDBOX', conversationsEnded: 1, waitingClosed: 1, rolesRemoved: 1 } });
    // One line each, telling the same story: the workspace's own people were told while its bot could still
    // reach them, and the Teams side learns why Bob and Alice are gone. Vic, whose operator left, is Tom's now.
    expect(aboutTheDisconnect()).toEqual({
      bob: ['An administrator disconnected this Slack workspace from Koji, so your conversation with Tom Operator has ended.'],
      dana: ['An administrator disconnected this Slack workspace from Koji, so your request for an operator has ended.'],
      alice: [
        'An administrator disconnected this Slack workspace from Koji, so you’re off duty and no longer a live agent. Your conversation with Vic User was handed to another operator or back to the queue.',
      ],
      tom: ['An administrator disconnected Bob User’s Slack workspace from Koji, so your conversation with them has ended. You’re free for the next user.'],
      vic: ['Alice Operator is no longer available: an administrator disconnected their Slack workspace from Koji. You’re first in line for the next free operator.'],
    });
    expect(teamsHeard('vic').at(-1)).toContain('You’re now talking to Tom Operator');
    expect((await admin('activity/get')).data).toEqual({
      onDuty: { rows: [{ name: 'Tom Operator', channel: 'teams', tenantId: TEAMS_SANDBOX.tenantId, userId: teamsId('tom'), since: expect.any(Number), load: 1, offers: 0, capacity: 1 }] },
      inProgress: { rows: [expect.objectContaining({ userName: expect.stringContaining('Vic'), operatorName: 'Tom Operator' })] },
      waiting: { rows: [] },
      takenOffDuty: [],
    });
    expect((await admin('tenants/list')).data).toEqual({ tenants: [expect.objectContaining({ channel: 'teams' })] });

    // Bob's workspace is no longer known: his next message is refused, and nothing reappears.
    const body = JSON.stringify({
      type: 'event_callback',
      team_id: SANDBOX_WORKSPACE.teamId,
      api_app_id: SANDBOX_WORKSPACE.appId,
      event_id: 'Ev0AFTERDISC',
      event_time: Math.floor(Date.now() / 1000),
      event: { type: 'message', user: 'UBOB', text: 'hello?', ts: `${Math.floor(Date.now() / 1000)}.000100`, channel: 'DBOB', channel_type: 'im' },
    });
    const ts = Math.floor(Date.now() / 1000);
    const refused = await fetch(platform.webTriggerUrl('slack-events'), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-slack-request-timestamp': String(ts),
        'x-slack-signature': `v0=${createHmac('sha256', SANDBOX_WORKSPACE.signingSecret).update(`v0:${ts}:${body}`).digest('hex')}`,
      },
      body,
    });
    expect(refused.status).toBe(403);

    // Connected again later, the workspace starts clean: Alice no longer holds a role from before.
    expect(await admin('tenants/connect', { channel: 'slack', botToken: SANDBOX_WORKSPACE.botToken, signingSecret: SANDBOX_WORKSPACE.signingSecret })).toMatchObject({ ok: true });
    const alice = await admin('tenant-users/list', { channel: 'slack', tenantId: SANDBOX_WORKSPACE.teamId, query: 'alice' });
    expect(alice).toMatchObject({ ok: true, data: { users: [{ userId: 'UALICE', role: 'none' }] } });
  });

  it('should wind down a Teams tenant the same way: its operator’s Slack user goes to the next free operator', async () => {
    await busyDeskAcrossTenants();

    const disconnected = await admin('tenants/disconnect', { channel: 'teams', tenantId: TEAMS_SANDBOX.tenantId });
    await settle();

    // Vic's conversation with Alice ends; Tom loses his role; Bob, whom Tom served, goes to Alice ahead of Dana.
    expect(disconnected).toEqual({ ok: true, data: { disconnected: TEAMS_SANDBOX.tenantId, conversationsEnded: 1, waitingClosed: 0, rolesRemoved: 1 } });
    expect(aboutTheDisconnect()).toEqual({
      vic: ['An administrator disconnected this Microsoft Teams organisation from Koji, so your conversation with Alice Operator has ended.'],
      tom: [
        'An administrator disconnected this Microsoft Teams organisation from Koji, so you’re off duty and no longer a live agent. Your conversation with Bob User was handed to another operator or back to the queue.',
      ],
      alice: [
        'An administrator disconnected Vic User’s Microsoft Teams organisation from Koji, so your conversation with them has ended. You’re free for the next user.',
      ],
      bob: ['Tom Operator is no longer available: an administrator disconnected their Microsoft Teams organisation from Koji. You’re first in line for the next free operator.'],
      dana: [],
    });
    expect(slackHeard('UBOB').at(-1)).toContain('You’re now talking to Alice Operator');
    expect((await admin('activity/get')).data).toEqual({
      onDuty: { rows: [{ name: 'Alice Operator', channel: 'slack', tenantId: SANDBOX_WORKSPACE.teamId, userId: 'UALICE', since: expect.any(Number), load: 1, offers: 0, capacity: 1 }] },
      inProgress: { rows: [expect.objectContaining({ userName: expect.stringContaining('Bob'), operatorName: 'Alice Operator' })] },
      waiting: { rows: [expect.objectContaining({ position: 1, channel: 'slack' })] },
      takenOffDuty: [],
    });
  });
});
