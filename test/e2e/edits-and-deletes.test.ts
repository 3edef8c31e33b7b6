import type { TeamsSandbox } from '../../packages/forge-local/src/teams';
import { SANDBOX_WORKSPACE, type SlackSandbox } from '../../packages/forge-local/src/slack';
import { deliverEvent } from '../../packages/forge-local/src/slack/trigger-delivery';
import { eventCallback } from '../../packages/forge-local/src/slack/inbound-events';
import type { LocalPlatform } from '../../packages/forge-local/src/platform';
import { adfText, asAdfDoc } from '../support/adf';
import { deskChat, openTwoChannelDesk } from './support/two-channel-desk';
import { localPlatformClient } from '../local/support/local-platform-client';

/**
 * Edits and deletions follow the sender, through the real Slack and Teams web triggers: the copy the other side
 * received is replaced or removed, the transcript (and so the ticket and the issue panel) shows the edited text or
 * the message as deleted, and a ticket that already holds the message gets one internal comment saying so.
 */
let platform: LocalPlatform;
let slack: SlackSandbox;
let teams: TeamsSandbox;

const { say, slackWords, teamsWords } = deskChat(() => ({ platform, slack, teams }));
const { settle } = localPlatformClient(() => platform);

beforeEach(async () => {
  ({ platform, slack, teams } = await openTwoChannelDesk({ operatorCapacity: 2 }, ['tom', 'vic']));
});

afterEach(() => platform.close());

/** The ts of a person's newest message in their Slack DM with the bot. */
const lastSlackTs = (userId: string) => slack.conversation(userId).filter((m) => m.user === userId).at(-1)!.ts;
/** The id of a person's newest message in their Teams chat with the bot. */
const lastTeamsId = (person: string) => teams.conversation(person).filter((m) => m.from === 'person').at(-1)!.id;

async function ticketText(): Promise<{ description: string; internal: string[] }> {
  const [ticket] = platform.jsm!.requests();
  const description = adfText(asAdfDoc(ticket?.fields['description']));
  const internal = platform.jsm!.commentsOf(ticket!.key).filter((c) => !c.public).map((c) => adfText(c.body));
  return { description, internal };
}

describe('edits and deletes, end to end', () => {
  it('should change and remove a Slack user’s words on the Teams operator’s side, and the operator’s on the user’s', async () => {
    await say('teams', 'tom', '#on');
    await say('slack', 'UBOB', 'operator');
    await say('slack', 'UBOB', 'My pasword is hunter2');
    const typo = lastSlackTs('UBOB');
    await say('slack', 'UBOB', 'Oops, ignore that');
    const oops = lastSlackTs('UBOB');
    expect(teamsWords('tom').slice(-2)).toEqual(['Bob User: My pasword is hunter2', 'Bob User: Oops, ignore that']);

    expect((await slack.editAs('UBOB', typo, 'My password expired')).status).toBe(200);
    await settle();
    expect((await slack.deleteAs('UBOB', oops)).status).toBe(200);
    await settle();
    // Tom's chat holds the edited words where the message was, and nothing of the deleted one.
    expect(teamsWords('tom').at(-1)).toBe('Bob User: My password expired');
    expect(JSON.stringify(teams.conversation('tom'))).not.toMatch(/hunter2|Oops/);

    await say('teams', 'tom', 'Which acount?');
    const question = lastTeamsId('tom');
    await say('teams', 'tom', 'Try the reset link');
    const hint = lastTeamsId('tom');
    expect(slackWords('UBOB').slice(-2)).toEqual(['Which acount?', 'Try the reset link']);
    expect((await teams.editAs('tom', question, 'Which account is it?')).status).toBe(200);
    expect((await teams.deleteAs('tom', hint)).status).toBe(200);
    await settle();
    expect(slackWords('UBOB').at(-1)).toBe('Which account is it?');
    expect(JSON.stringify(slack.conversation('UBOB'))).not.toContain('reset link');

    await say('teams', 'tom', '#create_ticket Password expired');
    const { description } = await ticketText();
    expect(description).toContain('Bob User: My password expired (edited)');
    expect(description).toContain('Tom Operator (operator): Which account is it? (edited)');
    expect(description.match(/\(deleted\)/g)).toHaveLength(2);
    expect(description).not.toMatch(/hunter2|Oops|reset link|pasword|acount/);
  });

  it('should tell a ticket that already holds a Teams user’s message once when they edit or delete it, however often it is delivered', async () => {
    await say('slack', 'UALICE', '#on');
    await say('teams', 'vic', 'operator');
    await say('teams', 'vic', 'The printer on floor 3 is down');
    const printer = lastTeamsId('vic');
    await say('teams', 'vic', 'Since this morning');
    const since = lastTeamsId('vic');
    await say('slack', 'UALICE', '#create_ticket Printer floor 3');
    expect((await ticketText()).internal).toEqual([]);

    const edit = teams.changeFor('vic', printer, { kind: 'edit', text: 'The printer on floor 4 is down' });
    expect((await teams.deliver(edit)).status).toBe(200);
    await settle();
    // Teams delivers the same activity again: acted on once.
    expect((await teams.deliver(edit)).status).toBe(200);
    await settle();
    await teams.deleteAs('vic', since);
    await settle();

    expect(slackWords('UALICE')).toContain('The printer on floor 4 is down');
    expect(slackWords('UALICE').join('\n')).not.toContain('Since this morning');
    const { internal } = await ticketText();
    expect(internal).toHaveLength(2);
    expect(internal[0]).toMatch(/Vic User edited their message of \d{4}-\d\d-\d\d \d\d:\d\d UTC in the chat\. It now reads: “The printer on floor 4 is down”/);
    expect(internal[1]).toMatch(/Vic User deleted their message of .* from the chat\./);
  });

  it('should act once on a redelivered Slack edit, and quietly leave edits of words Koji never relayed', async () => {
    await say('teams', 'tom', '#on');
    await say('slack', 'UBOB', 'operator');
    const asked = lastSlackTs('UBOB');
    await say('slack', 'UBOB', 'Hello');
    const hello = lastSlackTs('UBOB');
    await say('teams', 'tom', '#create_ticket Greeting');

    const sent = await slack.editAs('UBOB', hello, 'Hello there');
    await settle();
    expect((await slack.redeliver(sent)).status).toBe(200);
    await settle();
    expect((await ticketText()).internal).toHaveLength(1);
    expect(teamsWords('tom')).toContain('Bob User: Hello there');

    // "operator" asked for a person: it was never relayed, so its edit changes nobody's chat.
    const before = JSON.stringify(teams.conversation('tom'));
    expect((await slack.editAs('UBOB', asked, 'operator please')).status).toBe(200);
    await settle();
    expect(JSON.stringify(teams.conversation('tom'))).toBe(before);
  });

  it('should follow an edit and a deletion of a message long enough to go out in parts through every part', async () => {
    await say('teams', 'tom', '#on');
    await say('slack', 'UBOB', 'operator');
    await say('slack', 'UBOB', `${'lorem ipsum '.repeat(400)} FIRST-TAIL-in-part-two`);
    const edited = lastSlackTs('UBOB');
    await say('slack', 'UBOB', `${'dolor sit '.repeat(500)} SECOND-TAIL-in-part-two`);
    expect(JSON.stringify(teams.conversation('tom'))).toContain('FIRST-TAIL');
    expect(JSON.stringify(teams.conversation('tom'))).toContain('SECOND-TAIL');

    expect((await slack.editAs('UBOB', edited, 'Never mind, it works now')).status).toBe(200);
    expect((await slack.deleteAs('UBOB', lastSlackTs('UBOB'))).status).toBe(200);
    await settle();

    const tom = JSON.stringify(teams.conversation('tom'));
    expect(tom).not.toContain('FIRST-TAIL');
    expect(tom).not.toContain('SECOND-TAIL');
    expect(teamsWords('tom')).toContainEqual(expect.stringContaining('Never mind, it works now'));
  });

  it('should answer a malformed edit without a 5xx: ignored on Slack, refused on Teams', async () => {
    await say('teams', 'tom', '#on');
    await say('slack', 'UBOB', 'operator');
    const garbled = [
      { type: 'message', subtype: 'message_changed', hidden: true, channel: 'D0BOB', channel_type: 'im', message: { user: 'UBOB', ts: 'not-a-ts', text: 'x', edited: { ts: '1' } } },
      { type: 'message', subtype: 'message_changed', hidden: true, channel: 'D0BOB', channel_type: 'im', message: 'nope' },
      { type: 'message', subtype: 'message_deleted', hidden: true, channel: '../../etc', channel_type: 'im', deleted_ts: '1.2' },
      { type: 'message', subtype: 'message_deleted', hidden: true, channel: 'D0BOB', channel_type: 'im', deleted_ts: { ts: 1 }, previous_message: { user: 'UBOB' } },
    ];
    for (const event of garbled) {
      const answered = await deliverEvent(platform.webTriggerUrl('slack-events'), eventCallback(event, Date.now()), Date.now());
      expect(answered.status).toBe(200);
    }
    const bad = { ...teams.activityFor('tom', 'x'), type: 'messageUpdate' as const, id: 'a b' };
    expect((await teams.deliver(bad)).status).toBe(400);
    const undated = { ...teams.activityFor('tom', 'x'), type: 'messageDelete' as const, timestamp: 'whenever' };
    expect((await teams.deliver(undated)).status).toBe(200);
    // Nothing reached Bob from any of them.
    expect(slack.conversation('UBOB').filter((m) => m.user === SANDBOX_WORKSPACE.botUserId).map((m) => m.text).join('\n')).not.toMatch(/x$/);
  });
});
