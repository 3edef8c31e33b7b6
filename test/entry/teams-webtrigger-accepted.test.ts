import { TEAMS_SANDBOX, type TeamsSandbox } from '../../packages/forge-local/src/teams';
import type { LocalPlatform } from '../../packages/forge-local/src/platform';
import { localPlatformClient, startSandboxedPlatform } from '../local/support/local-platform-client';

/**
 * The Bot Connector took the bot's reply (a 2xx) but answered with a body
 * that is not the `{id}` Teams sends: Agents Playground's `202` with no body,
 * a proxy's page. The reply went out; the activity must not end in a 5xx,
 * which would make Teams deliver it again.
 */
let platform: LocalPlatform;
let teams: TeamsSandbox;

const { admin, settle } = localPlatformClient(() => platform);

beforeEach(async () => {
  ({ platform, teams } = await startSandboxedPlatform());
  await admin('settings/update', { change: { enabled: true } });
  await admin('tenants/connect', { channel: 'teams', tenantId: TEAMS_SANDBOX.tenantId, name: 'Sandbox', appId: TEAMS_SANDBOX.appId, appPassword: TEAMS_SANDBOX.appPassword });
  await teams.install('vic');
  await settle();
});
afterEach(() => platform.close());

describe('the Teams web trigger, when the Bot Connector accepts a reply without an id', () => {
  it('should answer the person’s activity with 200 and take the reply as sent', async () => {
    teams.misbehaveNext('send', 'garbage');

    const delivery = await teams.sendAs('vic', 'My VPN keeps dropping');
    await settle();

    expect(delivery.status).toBe(200);
    expect(teams.apiCalls.filter((c) => c.operation === 'send').map((c) => c.status)).toEqual([200]);
  });
});
