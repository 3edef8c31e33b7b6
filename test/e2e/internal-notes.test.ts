import type { TeamsSandbox } from '../../packages/forge-local/src/teams';
import type { SlackSandbox } from '../../packages/forge-local/src/slack';
import type { LocalPlatform } from '../../packages/forge-local/src/platform';
import { adfText, asAdfDoc } from '../support/adf';
import { deskChat, openTwoChannelDesk } from './support/two-channel-desk';

/**
 * Notes through the real Slack and Teams web triggers and the service desk stand-in: a Teams user served by a
 * Slack operator who writes `#note`s and forwards with a note to a Teams colleague, who notes too and makes the
 * ticket. Everything the user's chat received, and everything the ticket shows the customer, is read back: no note
 * is in any of it; the ticket's internal comments hold them all.
 */
let platform: LocalPlatform;
let slack: SlackSandbox;
let teams: TeamsSandbox;

const { say, slackWords, teamsWords } = deskChat(() => ({ platform, slack, teams }));

beforeEach(async () => {
  ({ platform, slack, teams } = await openTwoChannelDesk({ operatorCapacity: 2 }, ['tom', 'vic']));
});

afterEach(() => platform.close());

describe('internal notes, end to end', () => {
  it('should keep every note from the user’s chat and the customer’s view of the ticket, and give the next operator the forward note', async () => {
    await say('slack', 'UALICE', '#on');
    await say('teams', 'vic', 'My badge stopped opening the door on floor 2');
    await say('teams', 'vic', 'operator');
    expect(teamsWords('vic').at(-1)).toMatch(/^You’re now talking to Alice Operator/);

    await say('slack', 'UALICE', '#note SECRET-A badge was re-issued last week <b>');
    expect(slackWords('UALICE').at(-1)).toBe('Note added to the conversation with Vic User. Vic User doesn’t see it; it goes on a ticket as an internal comment.');
    await say('slack', 'UALICE', '##2 is the door code you asked about');
    expect(teamsWords('vic').at(-1)).toBe('Alice Operator: #2 is the door code you asked about');

    await say('teams', 'tom', '#on');
    await say('slack', 'UALICE', 'forward_operator Tom Operator: SECRET-B facilities must re-enable it');
    expect(teamsWords('tom').at(-1)).toContain('Note from Alice Operator: SECRET-B facilities must re-enable it');
    expect(teamsWords('vic').at(-1)).toBe('Tom Operator has taken over your conversation.');

    await say('teams', 'tom', '#note SECRET-C called facilities');
    await say('teams', 'tom', 'Facilities will fix it within the hour');
    await say('teams', 'tom', '#create_ticket Badge does not open floor 2');
    await say('teams', 'tom', 'stop');

    // All the user's chat ever received, cards and updates included.
    const toVic = JSON.stringify(teams.conversation('vic'));
    expect(toVic).toContain('Facilities will fix it within the hour');
    expect(toVic).not.toMatch(/SECRET/);

    const [ticket] = platform.jsm!.requests();
    const description = adfText(asAdfDoc(ticket?.fields['description']));
    expect(description).toContain('My badge stopped opening the door on floor 2');
    expect(description).not.toMatch(/SECRET/);
    const comments = platform.jsm!.commentsOf(ticket!.key).map((c) => ({ text: adfText(c.body), public: c.public }));
    expect(comments.filter((c) => c.public).map((c) => c.text).join('\n')).not.toMatch(/SECRET/);
    const internal = comments.filter((c) => !c.public).map((c) => c.text).join('\n');
    expect(internal).toContain('Alice Operator (operator, note): SECRET-A badge was re-issued last week <b>');
    expect(internal).toContain('SECRET-B facilities must re-enable it');
    expect(internal).toContain('Tom Operator (operator, note): SECRET-C called facilities');
  });

  it('should pass a Teams user to the next operator with forward_operator anyone, the note on that operator’s card only', async () => {
    await say('slack', 'UALICE', '#on');
    await say('teams', 'vic', 'operator');
    await say('teams', 'tom', '#on');

    await say('slack', 'UALICE', 'forward_operator anyone: SECRET-D wants someone on site');

    expect(slackWords('UALICE').at(-1)).toBe('Vic User went back to the queue, first in line for the next free operator other than you. You’re free for the next user.');
    expect(teamsWords('vic').slice(-2)).toEqual([
      'Alice Operator passed your conversation on. You’re first in line for the next free operator.',
      expect.stringMatching(/^You’re now talking to Tom Operator/),
    ]);
    expect(teamsWords('tom').at(-1)).toContain('Alice Operator (note): SECRET-D wants someone on site');
    expect(JSON.stringify(teams.conversation('vic'))).not.toMatch(/SECRET/);
  });
});
