import { type TeamsSandbox } from '../../packages/forge-local/src/teams';
import type { SlackSandbox } from '../../packages/forge-local/src/slack';
import type { LocalPlatform } from '../../packages/forge-local/src/platform';
import { localPlatformClient } from '../local/support/local-platform-client';
import { deskChat, openTwoChannelDesk } from './support/two-channel-desk';

/**
 * A user who asks again soon goes back to the operator who last served them, with users and operators on Slack
 * and Teams through their real web triggers and the window set through the real settings resolver.
 */
let platform: LocalPlatform;
let slack: SlackSandbox;
let teams: TeamsSandbox;

const { admin } = localPlatformClient(() => platform);

const { say, slackWords, teamsWords } = deskChat(() => ({ platform, slack, teams }));

beforeEach(async () => {
  ({ platform, slack, teams } = await openTwoChannelDesk({ operatorCapacity: 1 }));
  await say('slack', 'UALICE', '#on');
  await say('teams', 'tom', '#on');
});

afterEach(() => platform.close());

describe('returning to the same operator, end to end', () => {
  it('should send a Slack user and a Teams user back to the operator who served them, though the other has been idle longer', async () => {
    await say('slack', 'UBOB', 'operator');
    expect(slackWords('UBOB').at(-1)).toMatch(/^You’re now talking to Alice Operator/);
    await say('slack', 'UBOB', 'stop');
    // Alice became free last: plain routing would pick Tom, idle longest.
    await say('slack', 'UBOB', 'operator');
    expect(slackWords('UBOB').at(-1)).toMatch(/^You’re now talking to Alice Operator/);
    await say('slack', 'UBOB', 'stop');

    await say('teams', 'vic', 'operator');
    expect(teamsWords('vic').at(-1)).toMatch(/^You’re now talking to Tom Operator/);
    await say('teams', 'vic', 'stop');
    await say('teams', 'vic', 'operator');
    expect(teamsWords('vic').at(-1)).toMatch(/^You’re now talking to Tom Operator/);
  });

  it('should route as usual once an admin turns it off in the settings', async () => {
    await say('slack', 'UBOB', 'operator');
    await say('slack', 'UBOB', 'stop');
    expect(await admin('settings/update', { change: { returnToOperatorHours: 'off' } })).toMatchObject({ ok: true, data: { settings: { returnToOperatorHours: 'off' } } });

    await say('slack', 'UBOB', 'operator');

    expect(slackWords('UBOB').at(-1)).toMatch(/^You’re now talking to Tom Operator/);
  });

  it('should refuse a window out of bounds with the reason, and keep the one saved', async () => {
    const refused = await admin('settings/update', { change: { returnToOperatorHours: 0 } });

    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_settings', message: expect.stringContaining('Returning to the same operator must be off or from 1 to 168 hours.') } });
    expect(await admin('settings/get', {})).toMatchObject({ ok: true, data: { settings: { returnToOperatorHours: 24 } } });
  });
});
