import { type TeamsSandbox } from '../../packages/forge-local/src/teams';
import type { SlackSandbox } from '../../packages/forge-local/src/slack';
import type { LocalPlatform } from '../../packages/forge-local/src/platform';
import { localPlatformClient } from '../local/support/local-platform-client';
import { deskChat, openTwoChannelDesk } from './support/two-channel-desk';

/**
 * A user whose operator goes off duty while nobody else is on duty, through the real doors of each channel: they
 * get the ticket offer a new request gets (its words and its button), not "first in line" in a queue nobody
 * serves, and the button makes the ticket with the whole conversation.
 */
let platform: LocalPlatform;
let slack: SlackSandbox;
let teams: TeamsSandbox;

const { settle } = localPlatformClient(() => platform);

const OFFER =
  'No other operator is on duty right now, so nobody can take over this chat. I can create a ticket from your messages so the service desk gets back to you: reply “ticket” or use the button.';

const { say, slackBotMessages, teamsBotMessages, slackWords, teamsWords } = deskChat(() => ({ platform, slack, teams }));

beforeEach(async () => {
  ({ platform, slack, teams } = await openTwoChannelDesk({}));
});

afterEach(() => platform.close());

/** A Teams bot message as shown: a card's runs, or the text of a plain message. */

describe('a user handed back while nobody is on duty, end to end', () => {
  it('should offer a Slack user a ticket when their Teams operator goes off duty, and make it from the button', async () => {
    await say('teams', 'tom', '#on');
    await say('slack', 'UBOB', 'operator');
    await say('slack', 'UBOB', 'The printer on floor 3 jams');

    await say('teams', 'tom', '#off');

    const offer = slackBotMessages('UBOB').at(-1)!;
    expect(slackWords('UBOB').at(-1)).toBe(`Tom Operator had to leave. ${OFFER}`);
    expect(slackWords('UBOB').some((t) => t.includes('first in line'))).toBe(false);
    expect(teamsWords('tom').at(-1)).toBe('You’re off duty. No other operator is on duty, so Bob User was offered a ticket instead.');

    expect((await slack.click('UBOB', offer.ts, 'koji:accept-ticket:0')).status).toBe(200);
    await settle();

    expect(platform.jsm!.requests().map((t) => t.key)).toEqual(['SUP-1']);
    expect(JSON.stringify(platform.jsm!.requests()[0]?.fields['description'])).toContain('The printer on floor 3 jams');
    expect(slackWords('UBOB').at(-1)).toMatch(/^I created ticket SUP-1 from your messages/);
  });

  it('should offer a Teams user a ticket when their Slack operator goes off duty, and make it from the button', async () => {
    await say('slack', 'UALICE', '#on');
    await say('teams', 'vic', 'operator');
    await say('teams', 'vic', 'My VPN drops every hour');

    await say('slack', 'UALICE', '#off');

    const offer = teamsBotMessages('vic').at(-1)!;
    expect(teamsWords('vic').at(-1)).toBe(`Alice Operator had to leave. ${OFFER}`);
    expect(teamsWords('vic').some((t) => t.includes('first in line'))).toBe(false);
    expect(slackWords('UALICE').at(-1)).toBe('You’re off duty. No other operator is on duty, so Vic User was offered a ticket instead.');

    expect((await teams.clickSubmit('vic', offer.id, 'Create a ticket')).status).toBe(200);
    await settle();

    expect(platform.jsm!.requests().map((t) => t.key)).toEqual(['SUP-1']);
    expect(JSON.stringify(platform.jsm!.requests()[0]?.fields['description'])).toContain('My VPN drops every hour');
    expect(teamsWords('vic').at(-1)).toMatch(/^I created ticket SUP-1 from your messages/);
  });
});
