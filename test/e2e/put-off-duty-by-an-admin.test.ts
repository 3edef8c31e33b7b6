import { TEAMS_SANDBOX, type TeamsSandbox } from '../../packages/forge-local/src/teams';
import { SANDBOX_WORKSPACE, type SlackSandbox } from '../../packages/forge-local/src/slack';
import type { LocalPlatform } from '../../packages/forge-local/src/platform';
import { teamsTextShown } from '../support/chat-surfaces';
import { localPlatformClient } from '../local/support/local-platform-client';
import { deskChat, openTwoChannelDesk, teamsPersonId } from './support/two-channel-desk';

/**
 * A Jira admin puts an operator off duty from the backoffice (its real resolver), with the users and operators on
 * Slack and Teams through their real web triggers: the users hear what `#off` would tell them, the operator hears
 * in their own chat that an administrator did it and how to come back.
 */
let platform: LocalPlatform;
let slack: SlackSandbox;
let teams: TeamsSandbox;

const { admin, settle } = localPlatformClient(() => platform);
const personId = teamsPersonId;

const OFFER =
  'No other operator is on duty right now, so nobody can take over this chat. I can create a ticket from your messages so the service desk gets back to you: reply “ticket” or use the button.';

const { say, teamsBotMessages, slackWords, teamsWords } = deskChat(() => ({ platform, slack, teams }));

beforeEach(async () => {
  ({ platform, slack, teams } = await openTwoChannelDesk({}));
});

afterEach(() => platform.close());

/** A Teams bot message as shown: a card's runs, or the text of a plain message. */

const PUT_OFF = 'An administrator put you off duty in the Koji backoffice.';
const COME_BACK = 'Type #on when you’re ready to take users again.';

describe('an operator put off duty by an admin, end to end', () => {
  it('should tell a Teams operator in Teams, and offer their Slack user a ticket when nobody else is on duty', async () => {
    await say('teams', 'tom', '#on');
    await say('slack', 'UBOB', 'operator');
    await say('slack', 'UBOB', 'The printer on floor 3 jams');

    expect(await admin('duty/put-off', { channel: 'teams', tenantId: TEAMS_SANDBOX.tenantId, userId: personId('tom') })).toMatchObject({ ok: true, data: { result: 'put-off-duty' } });
    await settle();

    expect(teamsWords('tom').at(-1)).toBe(`${PUT_OFF} No other operator is on duty, so Bob User was offered a ticket instead. ${COME_BACK}`);
    // #on shows as a command there, as in every reply that names one.
    expect(teamsTextShown(teamsBotMessages('tom').at(-1)?.text ?? '').code).toEqual(['#on']);
    expect(slackWords('UBOB').at(-1)).toBe(`Tom Operator had to leave. ${OFFER}`);
    expect(slackWords('UBOB').filter((t) => t.startsWith('Tom Operator had to leave.'))).toHaveLength(1);

    // Back with #on, Tom takes the next user.
    await say('teams', 'tom', '#on');
    await say('teams', 'vic', 'operator');
    expect(teamsWords('vic').at(-1)).toMatch(/^You’re now talking to Tom Operator/);
  });

  it('should tell a Slack operator in Slack, and put their Teams user first in line while another operator is busy', async () => {
    await say('slack', 'UALICE', '#on');
    await say('teams', 'vic', 'operator');
    await say('teams', 'tom', '#on');
    await say('slack', 'UBOB', 'operator');

    expect(await admin('duty/put-off', { channel: 'slack', tenantId: SANDBOX_WORKSPACE.teamId, userId: 'UALICE' })).toMatchObject({ ok: true, data: { result: 'put-off-duty' } });
    await settle();

    expect(slackWords('UALICE').at(-1)).toBe(`${PUT_OFF} Your conversation with Vic User was handed to another operator or back to the queue. 1 user is still waiting. ${COME_BACK}`);
    expect(teamsWords('vic').at(-1)).toBe('Alice Operator had to leave. You’re first in line for the next free operator.');
    // A second click (another admin, a stale page) changes nothing and tells nobody.
    const heard = slackWords('UALICE').length;
    expect(await admin('duty/put-off', { channel: 'slack', tenantId: SANDBOX_WORKSPACE.teamId, userId: 'UALICE' })).toMatchObject({ ok: true, data: { result: 'already-off-duty' } });
    await settle();
    expect(slackWords('UALICE')).toHaveLength(heard);
  });
});
