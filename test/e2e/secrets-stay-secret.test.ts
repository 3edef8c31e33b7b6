import { inspect } from 'node:util';
import { signSlackRequest } from '../../src/adapters/slack/slack-signature';
import type { LocalPlatform } from '../../packages/forge-local/src/platform';
import { SANDBOX_WORKSPACE, type SlackSandbox } from '../../packages/forge-local/src/slack';
import { TEAMS_SANDBOX, type TeamsSandbox } from '../../packages/forge-local/src/teams';
import { invokeBackoffice, settle, startSandboxedPlatform } from '../local/support/local-platform-client';

/**
 * The Slack and Teams flows through their real doors, happy and failing, while everything the app
 * says is kept: every console line (the app's JSON logs, the platform's errors with their causes),
 * every resolver answer, every web trigger answer, every chat message, the backoffice page. None of
 * it may carry a bot token, signing secret or client secret, the right ones or wrong ones typed in.
 */
let platform: LocalPlatform;
let slack: SlackSandbox;
let teams: TeamsSandbox;
let said: string[];

/** Secrets an admin might paste by mistake: refusing them must not repeat them either. */
const WRONG_BOT_TOKEN = 'xoxb-wrong-but-secret-0000000000';
const WRONG_SIGNING_SECRET = 'wrong-but-secret-signing-0000000';
const WRONG_APP_PASSWORD = 'wrong~but.secret_client-password0';
const SECRETS = [SANDBOX_WORKSPACE.botToken, SANDBOX_WORKSPACE.signingSecret, TEAMS_SANDBOX.appPassword, WRONG_BOT_TOKEN, WRONG_SIGNING_SECRET, WRONG_APP_PASSWORD];

const tomId = TEAMS_SANDBOX.people.find((p) => p.key === 'tom')!.id;

beforeEach(async () => {
  said = [];
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    jest.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      said.push(args.map((a) => (typeof a === 'string' ? a : inspect(a, { depth: 10 }))).join(' '));
    });
  }
  ({ platform, slack, teams } = await startSandboxedPlatform());
});
afterEach(() => platform.close());

async function admin(key: string, payload: unknown = {}): Promise<{ ok: boolean }> {
  const answer = await invokeBackoffice(platform, key, payload);
  said.push(JSON.stringify(answer));
  return answer;
}

async function heard(response: Promise<{ status: number; body: string }>): Promise<number> {
  const { status, body } = await response;
  said.push(body);
  await settle(platform);
  return status;
}

function forgedSlackRequest(): Promise<Response> {
  const now = Math.floor(Date.now() / 1000);
  const body = JSON.stringify({
    type: 'event_callback',
    team_id: SANDBOX_WORKSPACE.teamId,
    api_app_id: SANDBOX_WORKSPACE.appId,
    event_id: 'Ev0FORGED',
    event_time: now,
    event: { type: 'message', user: 'UALICE', text: '#off', ts: `${now}.000100`, channel: 'DALICE', channel_type: 'im' },
  });
  const headers = { 'content-type': 'application/json', 'x-slack-request-timestamp': String(now), 'x-slack-signature': signSlackRequest(body, now, WRONG_SIGNING_SECRET) };
  return fetch(platform.webTriggerUrl('slack-events'), { method: 'POST', headers, body });
}

function expectNoSecretIn(texts: string[]): void {
  expect(texts.length).toBeGreaterThan(20);
  for (const secret of SECRETS) {
    expect({ secret, lines: texts.filter((t) => t.includes(secret)) }).toEqual({ secret, lines: [] });
  }
  expect(texts.filter((t) => /xox[abpr]-|Bearer\s+[\w.~+/-]{20,}|eyJ[\w-]+\.eyJ/.test(t))).toEqual([]);
}

describe('secrets, whatever happens', () => {
  it('should never show up in a log line, an error, a resolver answer, a web trigger answer, a chat message or the page: Slack', async () => {
    await admin('settings/update', { change: { enabled: true } });
    await admin('tenants/connect', { channel: 'slack', botToken: WRONG_BOT_TOKEN, signingSecret: WRONG_SIGNING_SECRET });
    expect(await admin('tenants/connect', { channel: 'slack', botToken: SANDBOX_WORKSPACE.botToken, signingSecret: SANDBOX_WORKSPACE.signingSecret })).toMatchObject({ ok: true });
    await admin('roles/grant', { channel: 'slack', tenantId: SANDBOX_WORKSPACE.teamId, userId: 'UALICE' });
    await settle(platform);

    expect(await heard(slack.sendAs('UALICE', '#on'))).toBe(200);
    await heard(slack.sendAs('UBOB', 'operator'));
    await heard(slack.sendAs('UBOB', 'My laptop will not boot'));
    await heard(slack.sendAs('UALICE', '#create_ticket Laptop does not boot'));
    slack.failNext('chat.postMessage', 'invalid_auth');
    await heard(slack.sendAs('UALICE', 'Hold the power button'));
    await heard(slack.sendAs('UALICE', 'stop'));
    said.push(await (await forgedSlackRequest()).text());
    slack.failNext('auth.test', 'token_revoked');
    await admin('tenants/test', { channel: 'slack', tenantId: SANDBOX_WORKSPACE.teamId });
    for (const key of ['settings/get', 'activity/get', 'tenants/list', 'slack/manifest', 'webtriggers/list']) await admin(key);
    await admin('tenants/disconnect', { channel: 'slack', tenantId: SANDBOX_WORKSPACE.teamId });
    await settle(platform);
    said.push(await (await fetch(`${platform.url}/pages/koji-backoffice/`)).text());
    said.push(await (await fetch(`${platform.url}/__forge/bridge.js?module=koji-backoffice`)).text());

    expect(platform.jsm!.requests().map((r) => r.key)).toEqual(['SUP-1']);
    expectNoSecretIn([...said, ...['UALICE', 'UBOB'].flatMap((u) => slack.conversation(u).map((m) => JSON.stringify(m))), JSON.stringify(platform.jsm!.requests())]);
  });

  it('should never show up in a log line, an error, a resolver answer, a web trigger answer, a chat message or the page: Teams', async () => {
    const connect = { tenantId: TEAMS_SANDBOX.tenantId, name: 'Koji Sandbox (Teams)', appId: TEAMS_SANDBOX.appId };
    await admin('settings/update', { change: { enabled: true } });
    await admin('tenants/connect', { channel: 'teams', ...connect, appPassword: WRONG_APP_PASSWORD });
    expect(await admin('tenants/connect', { channel: 'teams', ...connect, appPassword: TEAMS_SANDBOX.appPassword })).toMatchObject({ ok: true });
    for (const person of ['tom', 'vic']) await teams.install(person);
    await admin('roles/grant', { channel: 'teams', tenantId: TEAMS_SANDBOX.tenantId, userId: tomId });
    await settle(platform);

    expect(await heard(teams.sendAs('tom', '#on'))).toBe(200);
    await heard(teams.sendAs('vic', 'operator'));
    await heard(teams.sendAs('vic', 'My VPN keeps dropping'));
    await heard(teams.sendAs('tom', '#create_ticket VPN drops'));
    teams.failNext('token', 401);
    await heard(teams.sendAs('tom', 'Which client version?'));
    for (const token of ['none', 'wrong-audience', 'unknown-key'] as const) await heard(teams.sendAs('vic', 'hello', { token }));
    await heard(teams.sendAs('tom', 'stop'));
    teams.failNext('token', 401);
    await admin('tenants/test', { channel: 'teams', tenantId: TEAMS_SANDBOX.tenantId });
    for (const key of ['settings/get', 'activity/get', 'tenants/list', 'webtriggers/list']) await admin(key);
    await admin('teams/package', { tenantId: TEAMS_SANDBOX.tenantId });
    await admin('tenants/disconnect', { channel: 'teams', tenantId: TEAMS_SANDBOX.tenantId });
    await settle(platform);
    said.push(await (await fetch(`${platform.url}/pages/koji-backoffice/`)).text());

    expect(platform.jsm!.requests().map((r) => r.key)).toEqual(['SUP-1']);
    expectNoSecretIn([...said, ...['tom', 'vic'].flatMap((p) => teams.conversation(p).map((m) => JSON.stringify(m))), JSON.stringify(platform.jsm!.requests())]);
  });
});
