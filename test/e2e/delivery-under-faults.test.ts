import { SANDBOX_WORKSPACE, type SlackSandbox } from '../../packages/forge-local/src/slack';
import { TEAMS_SANDBOX, type TeamsSandbox } from '../../packages/forge-local/src/teams';
import type { LocalPlatform } from '../../packages/forge-local/src/platform';
import { startLocalPlatform } from '../../dev/koji-app';
import type { QueueSwitches } from '../../packages/forge-local/src/local-queue';
import { localPlatformClient } from '../local/support/local-platform-client';

/**
 * Relayed messages under the faults Slack, Microsoft and Forge's queue
 * produce every day, through the real doors: signed Slack events and Teams
 * activities to the web triggers, the stand-ins answering 429, 5xx or late
 * (`platform.faults`, as `POST /local/faults` sets them), and the local queue
 * running the retries, out of order and twice when told to. Every message
 * arrives once and in order, the web trigger answers Slack inside 3 s, and
 * nobody is told of a loss that did not happen.
 */
let platform: LocalPlatform;
let slack: SlackSandbox;
let teams: TeamsSandbox;

const { admin, settle } = localPlatformClient(() => platform);

async function start(queue: QueueSwitches = {}): Promise<void> {
  // Backoff of 5, 10, 20 … s passes a hundred times faster; the app's own clock is not moved.
  platform = await startLocalPlatform({ port: 0, dataDir: ':memory:', queue: { delayScale: 0.01, ...queue } });
  slack = platform.slack!;
  teams = platform.teams!;
  expect(await admin('settings/update', { change: { enabled: true } })).toMatchObject({ ok: true });
  await admin('tenants/connect', { channel: 'slack', botToken: SANDBOX_WORKSPACE.botToken, signingSecret: SANDBOX_WORKSPACE.signingSecret });
  await admin('roles/grant', { channel: 'slack', tenantId: 'T0SANDBOX', userId: 'UALICE' });
  await settle();
  await slackSays('UALICE', '#on');
}
afterEach(() => platform.close());

/** Says something in the Slack sandbox; answers how long the web trigger took to answer Slack. */
async function slackSays(userId: string, text: string): Promise<number> {
  const started = performance.now();
  const sent = await slack.sendAs(userId, text);
  const took = performance.now() - started;
  expect(sent.status).toBe(200);
  await settle();
  return took;
}

function slackHeard(userId: string): string[] {
  return slack
    .conversation(userId)
    .filter((m) => m.user === SANDBOX_WORKSPACE.botUserId)
    .map((m) => m.text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'));
}

const teamsId = (key: string) => TEAMS_SANDBOX.people.find((p) => p.key === key)!.id;

async function teamsSays(person: string, text: string): Promise<void> {
  expect((await teams.sendAs(person, text)).status).toBe(200);
  await settle();
}

function teamsHeard(person: string): string[] {
  return teams
    .conversation(person)
    .filter((m) => m.from === 'bot')
    .map((m) => m.text ?? '');
}

/** Sends without waiting for the queue: the messages of one burst arrive while earlier ones are still being retried. */
async function slackBurst(userId: string, texts: readonly string[]): Promise<void> {
  for (const text of texts) expect((await slack.sendAs(userId, text)).status).toBe(200);
  await settle();
}

describe('relayed messages when Slack fails for a while', () => {
  it('should deliver every message once and in order through 429s and 500s, telling nobody of a loss', async () => {
    await start();
    await slackSays('UBOB', 'operator');
    platform.faults.add('slack', 'chat.postMessage', { status: 429, retryAfterSeconds: 1 }, 2);
    platform.faults.add('slack', 'chat.postMessage', { status: 500 }, 3);

    await slackBurst('UBOB', ['one', 'two', 'three']);

    expect(slackHeard('UALICE').slice(-3)).toEqual(['one', 'two', 'three']);
    expect(slackHeard('UALICE').filter((t) => ['one', 'two', 'three'].includes(t))).toHaveLength(3);
    expect(slackHeard('UBOB').some((t) => t.includes('couldn’t be delivered'))).toBe(false);
  });

  it('should answer Slack within 3 s while Slack stalls, and not post twice the message that arrived late', async () => {
    // Half-length waits here: the stalled post lands 2.5 s in, before the first retry (10 s after a maybe) looks for it.
    await start({ delayScale: 0.5 });
    await slackSays('UBOB', 'operator');
    platform.faults.add('slack', 'chat.postMessage', { stallMs: 2500 }, 1);

    const took = await slackSays('UBOB', 'Slow Slack today');
    await slackSays('UBOB', 'and a second line');

    expect(took).toBeLessThan(3000);
    expect(slackHeard('UALICE').filter((t) => t === 'Slow Slack today')).toHaveLength(1);
    expect(slackHeard('UALICE').slice(-2)).toEqual(['Slow Slack today', 'and a second line']);
    expect(slackHeard('UBOB')).not.toContainEqual(expect.stringContaining('may not have reached'));
  }, 20_000);

  it('should deliver in order and once when the queue delivers its jobs newest first and twice', async () => {
    await start({ order: 'newest-first', redeliver: true });
    await slackSays('UBOB', 'operator');
    platform.faults.add('slack', 'chat.postMessage', { status: 503 }, 3);

    await slackBurst('UBOB', ['a', 'b', 'c', 'd']);
    await slackSays('UALICE', 'Got them all?');

    expect(slackHeard('UALICE').slice(-4)).toEqual(['a', 'b', 'c', 'd']);
    expect(slackHeard('UALICE').filter((t) => t.length === 1)).toEqual(['a', 'b', 'c', 'd']);
    expect(slackHeard('UBOB').at(-1)).toBe('Got them all?');
  });

  it('should deliver an operator’s message after a reset before Slack saw it', async () => {
    await start();
    await slackSays('UBOB', 'operator');
    platform.faults.add('slack', 'chat.postMessage', { reset: true }, 1);

    await slackSays('UALICE', 'Try turning it off and on');

    expect(slackHeard('UBOB').filter((t) => t === 'Try turning it off and on')).toHaveLength(1);
    expect(slackHeard('UALICE').some((t) => t.includes('couldn’t be delivered'))).toBe(false);
  });
});

describe('relayed messages when the Bot Connector fails for a while', () => {
  beforeEach(async () => {
    await start();
    await admin('tenants/connect', { channel: 'teams', tenantId: TEAMS_SANDBOX.tenantId, name: 'Koji Sandbox (Teams)', appId: TEAMS_SANDBOX.appId, appPassword: TEAMS_SANDBOX.appPassword });
    for (const person of ['tom', 'vic']) await teams.install(person);
    await settle();
    await admin('roles/grant', { channel: 'teams', tenantId: TEAMS_SANDBOX.tenantId, userId: teamsId('tom') });
    await settle();
    await slackSays('UALICE', '#off');
    await teamsSays('tom', '#on');
    await teamsSays('vic', 'operator');
  });

  it('should retry a Teams message the Bot Connector answered 503, keeping the next one behind it', async () => {
    teams.failNext('send', 503, 2);

    await teamsSays('vic', 'First');
    await teamsSays('vic', 'Second');

    expect(teamsHeard('tom').filter((t) => /(First|Second)$/.test(t))).toEqual(['<b>Vic User:</b> First', '<b>Vic User:</b> Second']);
    expect(teamsHeard('vic').some((t) => t.includes('couldn’t be delivered'))).toBe(false);
  });

  it('should relay a Slack message longer than Teams takes in one activity, in parts, to a Teams operator', async () => {
    await teamsSays('vic', 'stop');
    const long = Array.from({ length: 700 }, (_, i) => `Step ${i}: restart the agent & check <logs>.`).join('\n');
    await slackSays('UBOB', 'operator');

    await slackSays('UBOB', long);

    const parts = teams.conversation('tom').filter((m) => m.from === 'bot' && (m.text ?? '').includes('Step '));
    expect(parts.length).toBeGreaterThan(1);
    expect(slackHeard('UBOB').some((t) => t.includes('couldn’t be delivered'))).toBe(false);
  });

  it('should tell the operator a message may not have arrived after a 504, rather than send it twice', async () => {
    teams.failNext('send', 504, 1);

    await teamsSays('tom', 'Please restart the VPN client');
    await teamsSays('tom', 'Then try again');

    expect(teamsHeard('vic')).toContain('<b>Tom Operator:</b> Then try again');
    expect(teamsHeard('vic').some((t) => t.includes('Please restart'))).toBe(false);
    expect(teamsHeard('tom')).toContain(
      'Your message “Please restart the VPN client” may not have reached Vic User: the chat service stopped answering while it was being sent. If Vic User doesn’t reply to it, please send it again.',
    );
  });
});
