import { type TeamsSandbox } from '../../packages/forge-local/src/teams';
import type { SlackSandbox } from '../../packages/forge-local/src/slack';
import type { LocalPlatform } from '../../packages/forge-local/src/platform';
import { localPlatformClient } from '../local/support/local-platform-client';
import { deskChat, openTwoChannelDesk } from './support/two-channel-desk';

/**
 * Idle auto-away with operators on Slack and Teams through their real web triggers, the real scheduled
 * function (`timeout-sweep`) and the idle time set through the real settings resolver. Only the wall clock is
 * faked (Date), so that half an hour passes in a moment; every timer runs for real.
 */
let platform: LocalPlatform;
let slack: SlackSandbox;
let teams: TeamsSandbox;

const { admin, settle } = localPlatformClient(() => platform);
const MINUTE_MS = 60 * 1000;
const IDLE_AWAY = 'You’ve been idle for 30 minutes with nobody to serve, so I put you off duty. Type #on when you’re back.';

const { say, slackWords, teamsWords } = deskChat(() => ({ platform, slack, teams }));

beforeEach(async () => {
  jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'clearImmediate', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'queueMicrotask', 'hrtime', 'performance'] });
  ({ platform, slack, teams } = await openTwoChannelDesk({ inactivityTimeoutMinutes: 24 * 60 }, ['tom']));
});

afterEach(async () => {
  await platform.close();
  jest.useRealTimers();
});

async function minutesPass(minutes: number): Promise<void> {
  jest.setSystemTime(Date.now() + minutes * MINUTE_MS);
  await platform.runner.invoke('timeout-sweep', [{ context: { cloudId: 'local' } }]);
  await settle();
}

const onDuty = async () => ((await admin('activity/get', {})).data as { onDuty?: { rows: Array<{ name: string }> } } | undefined)?.onDuty?.rows.map((o) => o.name) ?? [];

describe('idle auto-away, end to end', () => {
  it('should put an idle Slack operator and an idle Teams operator off duty and tell each in their chat, but not one who was active', async () => {
    await say('slack', 'UALICE', '#on');
    await say('teams', 'tom', '#on');
    await minutesPass(20);
    await say('teams', 'tom', 'list_operators');

    await minutesPass(11);

    expect(slackWords('UALICE').at(-1)).toBe(IDLE_AWAY);
    expect(teamsWords('tom')).not.toContain(IDLE_AWAY);
    expect(await onDuty()).toEqual(['Tom Operator']);

    await minutesPass(20);
    expect(teamsWords('tom').at(-1)).toBe(IDLE_AWAY);
    expect(await onDuty()).toEqual([]);

    await say('slack', 'UALICE', '#on');
    expect(slackWords('UALICE').at(-1)).toMatch(/^You’re on duty\./);
  });

  it('should leave idle operators on duty once an admin turns it off, and refuse an idle time the sweep could not keep', async () => {
    expect(await admin('settings/update', { change: { idleAwayMinutes: 4 } })).toMatchObject({
      ok: false,
      error: { code: 'invalid_settings', message: expect.stringContaining('Putting idle operators off duty must be off or from 5 to 1440 minutes.') },
    });
    expect(await admin('settings/update', { change: { idleAwayMinutes: 'off' } })).toMatchObject({ ok: true, data: { settings: { idleAwayMinutes: 'off' } } });
    await say('slack', 'UALICE', '#on');

    await minutesPass(120);

    expect(slackWords('UALICE')).not.toContain(IDLE_AWAY);
    expect(await onDuty()).toHaveLength(1);
  });
});
