import { TEAMS_SANDBOX, type TeamsSandbox } from '../../packages/forge-local/src/teams';
import type { LocalPlatform } from '../../packages/forge-local/src/platform';
import { localPlatformClient, startSandboxedPlatform } from '../local/support/local-platform-client';

/**
 * An operator whose chat refuses Koji's messages, through the real doors: the
 * Teams sandbox's Bot Connector answers 403 (the app blocked), the web trigger
 * and the core take the operator off duty, their user goes to the next
 * operator, and the backoffice Overview says who, when and why.
 */
let platform: LocalPlatform;
let teams: TeamsSandbox;

const { admin, settle } = localPlatformClient(() => platform);
const personId = (key: string) => TEAMS_SANDBOX.people.find((p) => p.key === key)!.id;

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

beforeEach(async () => {
  ({ platform, teams } = await startSandboxedPlatform());
  await admin('settings/update', { change: { enabled: true } });
  await admin('tenants/connect', { channel: 'teams', tenantId: TEAMS_SANDBOX.tenantId, name: 'Koji Sandbox (Teams)', appId: TEAMS_SANDBOX.appId, appPassword: TEAMS_SANDBOX.appPassword });
  for (const person of ['tom', 'uma', 'vic']) await teams.install(person);
  await settle();
  for (const person of ['tom', 'uma']) await admin('roles/grant', { channel: 'teams', tenantId: TEAMS_SANDBOX.tenantId, userId: personId(person) });
  await settle();
});
afterEach(() => platform.close());

describe('an operator Teams refuses to deliver to', () => {
  it('should be taken off duty, their user handed to the next operator, and the Overview say why', async () => {
    await say('tom', '#on');
    await say('uma', '#on');
    await say('vic', 'operator');
    expect(heard('vic').at(-1)).toContain('You’re now talking to Tom');

    teams.failNext('send', 403);
    await say('vic', 'Since this morning');

    expect(heard('vic')).toContain('Tom Operator can’t be reached any more. You’re first in line for the next free operator.');
    expect(heard('vic').at(-1)).toContain('You’re now talking to Uma');
    expect(JSON.stringify(teams.conversation('uma').at(-1)?.attachments)).toContain('Since this morning');
    const overview = await admin('activity/get');
    expect(overview.data).toMatchObject({
      onDuty: { rows: [{ name: expect.stringContaining('Uma'), load: 1 }] },
      takenOffDuty: [{ name: 'Tom Operator', channel: 'teams', reason: '403 Forbidden', at: expect.any(Number) }],
    });
  });

  it('should be taken off duty when they remove the app, their user handed on, and the Overview say so', async () => {
    await say('tom', '#on');
    await say('uma', '#on');
    await say('vic', 'operator');

    await teams.uninstall('tom');
    await settle();

    expect(heard('vic')).toContain('Tom Operator can’t be reached any more. You’re first in line for the next free operator.');
    expect(heard('vic').at(-1)).toContain('You’re now talking to Uma');
    expect((await admin('activity/get')).data).toMatchObject({
      takenOffDuty: [{ name: 'Tom Operator', channel: 'teams', reason: 'the Koji app was uninstalled' }],
    });
  });
});
