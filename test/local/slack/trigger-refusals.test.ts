import { signSlackRequest } from '../../../src/adapters/slack/slack-signature';
import type { LocalPlatform } from '../../../packages/forge-local/src/platform';
import { startLocalPlatform } from '../../../dev/koji-app';
import { SANDBOX_WORKSPACE } from '../../../packages/forge-local/src/slack';
import { localPlatformClient } from '../support/local-platform-client';

/**
 * What the Slack web trigger answers to requests Slack would never send, on
 * the local platform with the sandbox workspace connected: always a clear 4xx
 * (never a 500), and nothing changes.
 */
let platform: LocalPlatform;

const { admin } = localPlatformClient(() => platform);

function post(body: string, headers: Record<string, string>): Promise<Response> {
  return fetch(platform.webTriggerUrl('slack-events'), { method: 'POST', headers, body });
}

const now = () => Math.floor(Date.now() / 1000);
const FORM = 'application/x-www-form-urlencoded';

function signed(body: string, contentType: string): Record<string, string> {
  const ts = now();
  return { 'content-type': contentType, 'x-slack-request-timestamp': String(ts), 'x-slack-signature': signSlackRequest(body, ts, SANDBOX_WORKSPACE.signingSecret) };
}

function onEvent(): string {
  return JSON.stringify({
    type: 'event_callback',
    team_id: SANDBOX_WORKSPACE.teamId,
    api_app_id: SANDBOX_WORKSPACE.appId,
    event_id: 'Ev0SIGLEN01',
    event_time: now(),
    event: { type: 'message', user: 'UALICE', text: '#on', ts: `${now()}.000100`, channel: 'DALICE', channel_type: 'im' },
  });
}

async function aliceDuty(): Promise<unknown> {
  const listed = await admin('tenant-users/list', { channel: 'slack', tenantId: SANDBOX_WORKSPACE.teamId, query: 'alice' });
  return (listed.data?.['users'] as Array<{ duty?: string }>)[0]?.duty;
}

beforeAll(async () => {
  platform = await startLocalPlatform({ port: 0, dataDir: ':memory:' });
  await admin('settings/update', { change: { enabled: true } });
  await admin('tenants/connect', { channel: 'slack', botToken: SANDBOX_WORKSPACE.botToken, signingSecret: SANDBOX_WORKSPACE.signingSecret });
  await admin('roles/grant', { channel: 'slack', tenantId: SANDBOX_WORKSPACE.teamId, userId: 'UALICE' });
});
afterAll(() => platform.close());

describe('the Slack web trigger, to requests Slack would never send', () => {
  it.each([
    ['shorter', (good: string) => good.slice(0, -1)],
    ['longer', (good: string) => `${good}0`],
    ['empty after v0=', () => 'v0='],
    ['of multi-byte characters, as long in characters', (good: string) => `v0=${'é'.repeat(good.length - 3)}`],
  ])('should answer 401, not 500, to a signature %s than the right one, and change nothing', async (_, forge) => {
    const body = onEvent();
    const headers = signed(body, 'application/json');

    const response = await post(body, { ...headers, 'x-slack-signature': forge(headers['x-slack-signature']!) });
    await platform.queue.drained();

    expect(response.status).toBe(401);
    expect(await aliceDuty()).toBe('off');
  });

  it.each([
    ['no payload field', 'token=x&team_id=T0SANDBOX'],
    ['a payload that is not JSON', 'payload=%7Bnot-json'],
    ['a payload that is JSON but no object', 'payload=%5B1%2C2%5D'],
    ['a payload with no team', `payload=${encodeURIComponent(JSON.stringify({ type: 'block_actions', actions: [] }))}`],
    ['an empty body', ''],
  ])('should answer a form with %s with a 400 and a reason, signed or not', async (_, body) => {
    for (const headers of [{ 'content-type': FORM }, signed(body, FORM)]) {
      const response = await post(body, headers);

      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: 'malformed_request' });
    }
    expect(await aliceDuty()).toBe('off');
  });
});
