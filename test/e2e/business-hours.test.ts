import { type TeamsSandbox } from '../../packages/forge-local/src/teams';
import type { SlackSandbox } from '../../packages/forge-local/src/slack';
import type { LocalPlatform } from '../../packages/forge-local/src/platform';
import { localPlatformClient } from '../local/support/local-platform-client';
import { deskChat, openTwoChannelDesk } from './support/two-channel-desk';

/**
 * Outside business hours, through the real doors of each channel and the settings resolver: a user who asks for a
 * person is told when the team is back and offered a ticket (its words and its button), while operators are on
 * duty; the button makes the ticket. The app reads the real clock here, so the schedule opens only on the weekday
 * three days from now, in Paris, from 09:00 to 10:00: whenever this runs, it is closed, and a midnight or a clock
 * change during the run moves "three days" to two or four, which the text names the same way ("on Thursday").
 */
let platform: LocalPlatform;
let slack: SlackSandbox;
let teams: TeamsSandbox;

const { admin, settle } = localPlatformClient(() => platform);
const openDay = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Paris', weekday: 'long' }).format(Date.now() + 3 * 24 * 3600_000);
const openDayInParis = openDay.toLowerCase();
const AWAY = `Our team is away now: we’re back on ${openDay} at 09:00 (Europe/Paris). I can create a ticket from your messages so the service desk gets back to you: reply “ticket” or use the button.`;

const { say, slackBotMessages, teamsBotMessages, slackWords, teamsWords } = deskChat(() => ({ platform, slack, teams }));

beforeEach(async () => {
  const businessHours = { [openDayInParis]: [{ from: '09:00', to: '10:00' }] };
  ({ platform, slack, teams } = await openTwoChannelDesk({ timeZone: 'Europe/Paris', businessHours }));
});

afterEach(() => platform.close());

describe('business hours, end to end', () => {
  it('should let operators go on duty, and tell a Slack user when the team is back and make the ticket from the button', async () => {
    await say('teams', 'tom', '#on');
    await say('slack', 'UALICE', '#on');
    expect(slackWords('UALICE').at(-1)).toMatch(/^You’re on duty/);

    await say('slack', 'UBOB', 'The printer on floor 3 jams');
    await say('slack', 'UBOB', 'operator');

    const offer = slackBotMessages('UBOB').at(-1)!;
    expect(slackWords('UBOB').at(-1)).toBe(AWAY);
    expect(JSON.stringify(offer.blocks)).toContain('koji:accept-ticket');
    expect(teamsWords('tom').some((t) => t.includes('Bob'))).toBe(false);

    expect((await slack.click('UBOB', offer.ts, 'koji:accept-ticket:0')).status).toBe(200);
    await settle();

    expect(platform.jsm!.requests().map((t) => t.key)).toEqual(['SUP-1']);
    expect(JSON.stringify(platform.jsm!.requests()[0]?.fields['description'])).toContain('The printer on floor 3 jams');
    expect(slackWords('UBOB').at(-1)).toMatch(/^I created ticket SUP-1 from your messages/);
  });

  it('should tell a Teams user when the team is back, on a card whose button makes the ticket', async () => {
    await say('slack', 'UALICE', '#on');

    await say('teams', 'vic', 'My VPN drops every hour');
    await say('teams', 'vic', 'operator');

    const offer = teamsBotMessages('vic').at(-1)!;
    expect(teamsWords('vic').at(-1)).toBe(AWAY);
    expect((await teams.clickSubmit('vic', offer.id, 'Create a ticket')).status).toBe(200);
    await settle();

    expect(platform.jsm!.requests().map((t) => t.key)).toEqual(['SUP-1']);
    expect(teamsWords('vic').at(-1)).toMatch(/^I created ticket SUP-1 from your messages/);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['an unknown time zone', { timeZone: 'Europe/Atlantis' }, 'The time zone must be an IANA time zone name, such as Europe/Paris.'],
    ['overlapping hours', { businessHours: { monday: [{ from: '09:00', to: '13:00' }, { from: '12:00', to: '17:00' }] } }, 'Monday: 09:00–13:00 and 12:00–17:00 overlap.'],
    ['hours past midnight', { businessHours: { friday: [{ from: '22:00', to: '02:00' }] } }, 'Friday: 22:00–02:00 must end after it starts (split hours past midnight over two days).'],
  ])('should refuse %s through the settings resolver with what to fix, and keep the saved settings', async (_what, change, message) => {
    expect(await admin('settings/update', { change })).toEqual({ ok: false, error: { code: 'invalid_settings', message } });
    expect((await admin('settings/get')).data?.['settings']).toMatchObject({ timeZone: 'Europe/Paris', businessHours: { [openDayInParis]: [{ from: '09:00', to: '10:00' }] } });
  });
});
