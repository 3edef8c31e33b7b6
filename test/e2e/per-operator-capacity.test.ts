import { TEAMS_SANDBOX, type TeamsSandbox } from '../../packages/forge-local/src/teams';
import type { SlackSandbox } from '../../packages/forge-local/src/slack';
import type { LocalPlatform } from '../../packages/forge-local/src/platform';
import { localPlatformClient } from '../local/support/local-platform-client';
import { deskChat, openTwoChannelDesk, teamsPersonId } from './support/two-channel-desk';

/**
 * A Jira admin sets one operator's own capacity from Role setup (its real resolver), with the users and operators
 * on Slack and Teams through their real web triggers: routing, `list_operators` and forward go by it.
 */
let platform: LocalPlatform;
let slack: SlackSandbox;
let teams: TeamsSandbox;

const { admin, settle } = localPlatformClient(() => platform);
const personId = teamsPersonId;

const { say, slackWords, teamsWords } = deskChat(() => ({ platform, slack, teams }));

beforeEach(async () => {
  ({ platform, slack, teams } = await openTwoChannelDesk({ operatorCapacity: 1 }, ['tom', 'vic', 'wendy']));
});

afterEach(() => platform.close());

/** A Teams bot message as shown: a card's runs, or the text of a plain message. */

const TOM = () => ({ channel: 'teams', tenantId: TEAMS_SANDBOX.tenantId, userId: personId('tom') });

describe('an operator’s own capacity, end to end', () => {
  it('should send a Teams operator with a capacity of 2 two users while the project’s is 1, and list it', async () => {
    expect(await admin('roles/capacity', { ...TOM(), capacity: 2 })).toMatchObject({ ok: true, data: { result: 'set', capacity: 2 } });
    await say('teams', 'tom', '#on');
    await say('slack', 'UBOB', 'operator');
    await say('teams', 'vic', 'operator');
    await say('teams', 'wendy', 'operator');

    expect(slackWords('UBOB').at(-1)).toMatch(/^You’re now talking to Tom Operator/);
    expect(teamsWords('vic').at(-1)).toMatch(/^You’re now talking to Tom Operator/);
    expect(teamsWords('wendy').at(-1)).toMatch(/^All operators are busy\. You’re number 1 in the queue/);

    await say('teams', 'tom', 'list_operators');
    expect(teamsWords('tom').at(-1)).toContain('Tom Operator (you): 2/2 conversations, busy');
  });

  it('should refuse a Slack operator’s forward to a Teams colleague full at their own capacity, and let it through once it is raised', async () => {
    expect(await admin('roles/capacity', { ...TOM(), capacity: 1 })).toMatchObject({ ok: true });
    await say('teams', 'tom', '#on');
    await say('teams', 'vic', 'operator');
    await say('slack', 'UALICE', '#on');
    await say('slack', 'UBOB', 'operator');
    expect(slackWords('UBOB').at(-1)).toMatch(/^You’re now talking to Alice Operator/);

    await say('slack', 'UALICE', 'forward_operator Tom Operator');
    expect(slackWords('UALICE').at(-1)).toBe('Tom Operator has no room for another conversation right now.');

    expect(await admin('roles/capacity', { ...TOM(), capacity: 3 })).toMatchObject({ ok: true });
    await settle();
    await say('slack', 'UALICE', 'forward_operator Tom Operator');
    expect(slackWords('UBOB').at(-1)).toBe('Tom Operator has taken over your conversation.');
  });
});
