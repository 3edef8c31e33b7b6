import { signSlackRequest } from '../../src/adapters/slack/slack-signature';
import { forgetTenantHealth } from '../../src/composition';
import { SANDBOX_WORKSPACE, type SlackSandbox } from '../../packages/forge-local/src/slack';
import { TEAMS_SANDBOX, type TeamsSandbox } from '../../packages/forge-local/src/teams';
import type { LocalPlatform } from '../../packages/forge-local/src/platform';
import { startLocalPlatform } from '../../dev/koji-app';
import type { FinishedInvocation } from '../../packages/forge-local/src/function-runner';
import { localPlatformClient } from '../local/support/local-platform-client';

/**
 * Misconfiguration made visible, through the real doors: the Slack sandbox
 * signs its events with the app's real signing secret and answers the Web API
 * as Slack would, the web trigger refuses or serves, and the backoffice's
 * Tenants table says Working or Failing, and why.
 */
let platform: LocalPlatform;
let slack: SlackSandbox;
let teams: TeamsSandbox;
/** What each web trigger invocation cost, in order. */
let triggers: FinishedInvocation[];

const { admin, settle } = localPlatformClient(() => platform);

type Tenant = { tenantId: string; lastCheck?: { ok: boolean; message?: string; source?: string } };

async function sandboxStatus(tenantId: string = SANDBOX_WORKSPACE.teamId): Promise<Tenant['lastCheck']> {
  const listed = await admin('tenants/list');
  return (listed.data?.['tenants'] as Tenant[]).find((t) => t.tenantId === tenantId)?.lastCheck;
}

function connect(signingSecret: string) {
  return admin('tenants/connect', { channel: 'slack', botToken: SANDBOX_WORKSPACE.botToken, signingSecret });
}

/** Someone who knows the workspace's id but not its secret. */
function forged(n: number): Promise<Response> {
  const now = Math.floor(Date.now() / 1000);
  const body = JSON.stringify({
    type: 'event_callback',
    team_id: SANDBOX_WORKSPACE.teamId,
    api_app_id: SANDBOX_WORKSPACE.appId,
    event_id: `Ev0FORGED${n}`,
    event_time: now,
    event: { type: 'message', user: 'UALICE', text: '#off', ts: `${now}.00${n}`, channel: 'DALICE', channel_type: 'im' },
  });
  const headers = { 'content-type': 'application/json', 'x-slack-request-timestamp': String(now), 'x-slack-signature': signSlackRequest(body, now, 'not-the-secret-00000000000000000') };
  return fetch(platform.webTriggerUrl('slack-events'), { method: 'POST', headers, body });
}

beforeEach(async () => {
  forgetTenantHealth();
  triggers = [];
  platform = await startLocalPlatform({ port: 0, dataDir: ':memory:', onInvocation: (i) => void (i.functionKey.endsWith('webtrigger') && triggers.push(i)) });
  slack = platform.slack!;
  teams = platform.teams!;
  await admin('settings/update', { change: { enabled: true } });
});
afterEach(() => platform.close());

describe('a Slack workspace whose configuration is wrong', () => {
  it('should show Failing, because the signing secret does not match, once Slack’s events are refused; Test connection does not hide it; connecting with the right secret does', async () => {
    expect(await connect('a-signing-secret-from-another-app0')).toMatchObject({ ok: true });
    expect(await sandboxStatus()).toMatchObject({ ok: true });

    expect((await slack.sendAs('UDANA', 'Hello?')).status).toBe(401);

    expect(await sandboxStatus()).toEqual({
      ok: false,
      at: expect.any(Number),
      source: 'traffic',
      message: 'Slack events are refused because the signing secret does not match. Copy the Signing Secret from the Slack app’s Basic Information page and connect the workspace again.',
    });
    expect(await admin('tenants/test', { channel: 'slack', tenantId: SANDBOX_WORKSPACE.teamId })).toMatchObject({ ok: true });
    expect(await sandboxStatus()).toMatchObject({ ok: false, message: expect.stringContaining('signing secret does not match') });

    await connect(SANDBOX_WORKSPACE.signingSecret);
    expect(await sandboxStatus()).toMatchObject({ ok: true });
    expect((await slack.sendAs('UDANA', 'Hello?')).status).toBe(200);
  });

  it('should write the status once for a minute of refused events, not once per event', async () => {
    await connect('a-signing-secret-from-another-app0');
    triggers = [];

    for (let i = 0; i < 30; i += 1) expect((await slack.sendAs('UDANA', `Hello ${i}?`)).status).toBe(401);
    const refused = await Promise.all(Array.from({ length: 30 }, (_, i) => forged(i)));

    expect(refused.every((r) => r.status === 401)).toBe(true);
    expect(triggers).toHaveLength(60);
    expect(triggers.reduce((sum, t) => sum + t.counters.kvsWrites, 0)).toBe(1);
    expect(await sandboxStatus()).toMatchObject({ ok: false, message: expect.stringContaining('signing secret does not match') });
  });

  it('should stay Working through forged requests while Slack’s own events verify', async () => {
    await connect(SANDBOX_WORKSPACE.signingSecret);

    for (let round = 0; round < 3; round += 1) {
      expect((await slack.sendAs('UDANA', `Question ${round}`)).status).toBe(200);
      const refused = await Promise.all(Array.from({ length: 20 }, (_, i) => forged(round * 20 + i)));
      expect(refused.map((r) => r.status)).toEqual(Array(20).fill(401));
    }
    await settle();

    expect(await sandboxStatus()).toMatchObject({ ok: true });
    expect(await sandboxStatus()).not.toHaveProperty('source');
  });

  it('should let a Failing written for refused events go by itself an hour after they stop, as no request can clear another function’s status', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'clearImmediate', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'queueMicrotask', 'hrtime', 'performance'] });
    try {
      await connect(SANDBOX_WORKSPACE.signingSecret);
      // A function that has seen nothing verify yet takes a forged request's wrong signature for a wrong secret.
      expect((await forged(1)).status).toBe(401);
      expect(await sandboxStatus()).toMatchObject({ ok: false, source: 'traffic' });

      // Another function relays real events: it never wrote Failing, and reads nothing to learn that one did.
      forgetTenantHealth();
      expect((await slack.sendAs('UDANA', 'Hello?')).status).toBe(200);
      jest.setSystemTime(Date.now() + 59 * 60_000);
      expect(await sandboxStatus()).toMatchObject({ ok: false, source: 'traffic' });

      jest.setSystemTime(Date.now() + 2 * 60_000);
      expect(await sandboxStatus()).not.toMatchObject({ ok: false });
    } finally {
      jest.useRealTimers();
    }
  });

  it('should show Failing when Slack refuses the bot token, and take the operator Koji could not tell off duty', async () => {
    await connect(SANDBOX_WORKSPACE.signingSecret);
    await admin('roles/grant', { channel: 'slack', tenantId: SANDBOX_WORKSPACE.teamId, userId: 'UALICE' });
    await settle();

    slack.failNext('chat.postMessage', 'token_revoked');
    expect((await slack.sendAs('UALICE', '#on')).status).toBe(200);
    await settle();

    expect(await sandboxStatus()).toMatchObject({ ok: false, source: 'traffic', message: expect.stringContaining('Slack does not accept the bot token (token_revoked)') });
    const overview = await admin('activity/get');
    expect(overview.data).toMatchObject({ onDuty: { rows: [] }, takenOffDuty: [{ name: expect.any(String), channel: 'slack', reason: 'token_revoked' }] });
  });
});

describe('a Teams tenant whose Azure Bot is not the connected one', () => {
  it('should show Failing once Teams’ activities are refused for a token meant for another app', async () => {
    await admin('tenants/connect', { channel: 'teams', tenantId: TEAMS_SANDBOX.tenantId, name: 'Koji Sandbox (Teams)', appId: TEAMS_SANDBOX.appId, appPassword: TEAMS_SANDBOX.appPassword });
    await teams.install('vic');
    await settle();
    expect(await sandboxStatus(TEAMS_SANDBOX.tenantId)).toMatchObject({ ok: true });
    // Vic's install verified: a refusal within the same minute would not count. Later, in another function:
    forgetTenantHealth();

    expect((await teams.sendAs('vic', 'Hello?', { token: 'wrong-audience' })).status).toBe(401);

    expect(await sandboxStatus(TEAMS_SANDBOX.tenantId)).toMatchObject({
      ok: false,
      source: 'traffic',
      message: expect.stringMatching(/^Teams messages are refused because their token does not check out: .*aud/),
    });
  });

  it.each([['expired'], ['serviceurl-mismatch']] as const)('should show Failing once Microsoft’s own tokens are refused (%s)', async (token) => {
    await admin('tenants/connect', { channel: 'teams', tenantId: TEAMS_SANDBOX.tenantId, name: 'Koji Sandbox (Teams)', appId: TEAMS_SANDBOX.appId, appPassword: TEAMS_SANDBOX.appPassword });
    await teams.install('vic');
    await settle();
    forgetTenantHealth();

    expect((await teams.sendAs('vic', 'Hello?', { token })).status).toBe(401);

    expect(await sandboxStatus(TEAMS_SANDBOX.tenantId)).toMatchObject({ ok: false, source: 'traffic', message: expect.stringMatching(/^Teams messages are refused because their token does not check out/) });
  });

  it('should record nothing for a token nothing shows Microsoft made, whichever bot it names, and look up no more than the bot’s binding', async () => {
    await admin('tenants/connect', { channel: 'teams', tenantId: TEAMS_SANDBOX.tenantId, name: 'Koji Sandbox (Teams)', appId: TEAMS_SANDBOX.appId, appPassword: TEAMS_SANDBOX.appPassword });
    await teams.install('vic');
    await settle();
    forgetTenantHealth();
    triggers = [];

    // Signed with a key that is not Bot Framework's: for the connected bot, and for the tenant's other one.
    expect((await teams.sendAs('vic', 'Hello?', { token: 'unknown-key' })).status).toBe(401);
    expect((await teams.sendAs('vic', 'Hello?', { token: 'unknown-key', bot: TEAMS_SANDBOX.secondBot })).status).toBe(403);

    // The binding is all that is read (for a bot with none, under its current key and the one before 2.0).
    expect(triggers.map((t) => [t.counters.kvsReads, t.counters.kvsWrites])).toEqual([
      [1, 0],
      [2, 0],
    ]);
    expect(await sandboxStatus(TEAMS_SANDBOX.tenantId)).toMatchObject({ ok: true });
  });

  it('should show Failing once Teams’ activities come for another Azure Bot of the tenant than the connected one', async () => {
    await admin('tenants/connect', { channel: 'teams', tenantId: TEAMS_SANDBOX.tenantId, name: 'Koji Sandbox (Teams)', appId: TEAMS_SANDBOX.appId, appPassword: TEAMS_SANDBOX.appPassword });
    await teams.install('vic');
    await settle();
    forgetTenantHealth();

    // The tenant's other bot has this Koji as its messaging endpoint, and no project connected it.
    expect((await teams.sendAs('vic', 'Hello?', { bot: TEAMS_SANDBOX.secondBot })).status).toBe(403);

    expect(await sandboxStatus(TEAMS_SANDBOX.tenantId)).toMatchObject({
      ok: false,
      source: 'traffic',
      message: expect.stringContaining('for another bot than the connected App ID'),
    });
  });
});
