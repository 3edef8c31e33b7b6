import type { TeamsSandbox } from '../../packages/forge-local/src/teams';
import type { SlackSandbox } from '../../packages/forge-local/src/slack';
import type { LocalPlatform } from '../../packages/forge-local/src/platform';
import { adfText, asAdfDoc } from '../support/adf';
import { deskChat, openTwoChannelDesk } from './support/two-channel-desk';
import { localPlatformClient } from '../local/support/local-platform-client';
import { storedTables } from './support/stored-tables';

/**
 * Redaction, through the real Slack and Teams web triggers: an operator's `#redact` takes a user's message out of
 * the transcript and out of the copy Koji posted in the operator's chat, and asks a ticket that already holds it to
 * be cleaned by hand; with "Remove secrets from messages" on, a card number or a password never reaches the other
 * side's chat nor Koji's storage, in conversations that started once it was on.
 */
let platform: LocalPlatform;
let slack: SlackSandbox;
let teams: TeamsSandbox;

const { say, slackWords, teamsWords, slackBotMessages } = deskChat(() => ({ platform, slack, teams }));
const { admin, settle } = localPlatformClient(() => platform);

afterEach(() => platform.close());

const CARD = '4111 1111 1111 1111';
const CARD_DIGITS = /4111[ -]?1111[ -]?1111[ -]?1111/;

/** Everything the app stores on the local platform (KVS items and their index rows, queued events), as one string. */
function everythingStored(): string {
  return storedTables(platform, (table) => table.startsWith('kvs') || table.startsWith('local_queue')).join('\n');
}

/** Whether the app's storage holds `secret` anywhere (a boolean, so a failure does not print the whole store). */
const stores = (secret: string | RegExp): boolean => (typeof secret === 'string' ? everythingStored().includes(secret) : secret.test(everythingStored()));

async function ticketText(): Promise<{ description: string; internal: string[] }> {
  const [ticket] = platform.jsm!.requests();
  const description = adfText(asAdfDoc(ticket?.fields['description']));
  const internal = platform.jsm!.commentsOf(ticket!.key).filter((c) => !c.public).map((c) => adfText(c.body));
  return { description, internal };
}

const removedNotices = (words: readonly string[]) => words.filter((w) => w.startsWith('Koji removed what looked like'));

describe('an operator’s #redact', () => {
  beforeEach(async () => {
    ({ platform, slack, teams } = await openTwoChannelDesk({ operatorCapacity: 2 }, ['tom', 'vic']));
  });

  it('should replace a Slack user’s message in the transcript and in the Teams operator’s chat, and say what stays', async () => {
    await say('teams', 'tom', '#on');
    await say('slack', 'UBOB', 'operator');
    await say('slack', 'UBOB', 'My login is bob and my pass is Sunny-Day-42');
    await say('slack', 'UBOB', 'Can you check?');
    expect(teamsWords('tom').slice(-2)).toEqual(['Bob User: My login is bob and my pass is Sunny-Day-42', 'Bob User: Can you check?']);

    await say('teams', 'tom', '#redact 2');

    const words = teamsWords('tom');
    expect(words).toContainEqual(expect.stringMatching(/^Bob User: \[redacted by Tom Operator at \d\d:\d\d UTC\]$/));
    expect(words).toContain('Bob User: Can you check?');
    expect(JSON.stringify(teams.conversation('tom'))).not.toContain('Sunny-Day-42');
    expect(words.at(-1)).toMatch(/^Bob User’s message of \d\d:\d\d UTC is redacted in the transcript and in the copy Koji posted in your chat\. .*Bob User.*’s own message stays in their chat/);
    // Bob's own message is his, in his chat: no platform lets Koji change it.
    expect(slack.conversation('UBOB').map((m) => m.text).join('\n')).toContain('Sunny-Day-42');
    expect(stores('Sunny-Day-42')).toBe(false);

    await say('teams', 'tom', '#create_ticket Login');
    const { description } = await ticketText();
    expect(description).toMatch(/Bob User: \[redacted by Tom Operator at \d\d:\d\d UTC\]/);
    expect(description).toContain('Bob User: Can you check?');
  });

  it('should replace a Teams user’s message in the Slack operator’s chat and ask the ticket that holds it to be cleaned', async () => {
    await say('slack', 'UALICE', '#on');
    await say('teams', 'vic', 'operator');
    await say('teams', 'vic', 'The door code is 8812, the card is on my desk');
    await say('slack', 'UALICE', '#create_ticket Door code');
    expect((await ticketText()).internal).toEqual([]);

    await say('slack', 'UALICE', '#redact');

    expect(slackWords('UALICE')).toContainEqual(expect.stringMatching(/^\[redacted by Alice Operator at \d\d:\d\d UTC\]$/));
    expect(slackWords('UALICE').join('\n')).not.toContain('8812');
    expect(slackWords('UALICE').at(-1)).toContain('Its ticket already held it');
    const { internal } = await ticketText();
    expect(internal).toEqual([expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d UTC Alice Operator redacted .*Vic User.*’s message of \d{4}-\d\d-\d\d \d\d:\d\d UTC in Koji\. This ticket already holds it: please remove it from the ticket by hand\.$/)]);
  });

  it('should redact every part of a message long enough to go out in parts, and say so', async () => {
    await say('slack', 'UALICE', '#on');
    await say('teams', 'vic', 'operator');
    await say('teams', 'vic', `${'lorem ipsum '.repeat(400)} my pass is Sunny-Day-42`);
    expect(JSON.stringify(slack.conversation('UALICE'))).toContain('Sunny-Day-42');

    await say('slack', 'UALICE', '#redact');

    expect(JSON.stringify(slack.conversation('UALICE'))).not.toContain('Sunny-Day-42');
    expect(JSON.stringify(slack.conversation('UALICE'))).not.toContain('lorem ipsum');
    expect(slackWords('UALICE').at(-1)).toMatch(/is redacted in the transcript and in the copy Koji posted in your chat/);
  });

  it('should refuse plainly when there is nothing to redact, or no conversation of the operator’s to redact in', async () => {
    await say('slack', 'UALICE', '#redact');
    expect(slackWords('UALICE').at(-1)).toBe('You’re off duty. Type #on to start your shift.');

    await say('slack', 'UALICE', '#on');
    await say('teams', 'vic', 'operator');
    await say('teams', 'vic', 'Hello');
    await say('slack', 'UALICE', '#redact 3');
    expect(slackWords('UALICE').at(-1)).toMatch(/^Koji found no such message from .*Vic User.* to redact\. #redact removes their last message/);
    for (const argument of ['twelve', '11', '0']) {
      await say('slack', 'UALICE', `#redact ${argument}`);
      expect(slackWords('UALICE').at(-1)).toBe('#redact takes which of the user’s messages to remove, counted from their last: a number from 1 to 10, or nothing for the last one.');
    }

    // With two conversations, the operator names whose message; a name that is none of theirs redacts nothing.
    await say('slack', 'UBOB', 'operator');
    await say('slack', 'UBOB', 'My pin is 7731');
    await say('slack', 'UALICE', '#redact');
    expect(slackWords('UALICE').at(-1)).toMatch(/which conversation|Start your message with/i);
    await say('slack', 'UALICE', 'Eve: #redact');
    expect(slackWords('UALICE').join('\n')).toContain('My pin is 7731');
    expect(slackWords('UALICE').join('\n')).toContain('Hello');
    await say('slack', 'UALICE', 'Bob: #redact');
    expect(slackWords('UALICE').join('\n')).not.toContain('7731');
    expect(slackWords('UALICE').join('\n')).toContain('Hello');
    await say('slack', 'UALICE', 'Bob: #redact');
    // "operator" asked for a person and is still Bob's; once it is gone too, nothing of his is left to take.
    await say('slack', 'UALICE', 'Bob: #redact');
    expect(slackWords('UALICE').at(-1)).toMatch(/^Koji found no such message from .*Bob User/);

    // Someone without the role typing it is told it is for live agents (a user in a conversation is only talking).
    await say('slack', 'UEVE', '#redact');
    expect(slackWords('UEVE').at(-1)).toMatch(/live agents/i);
  });
});

describe('removing secrets automatically', () => {
  it('should keep a card number and a password out of the operator’s chat and out of storage, and tell each sender once', async () => {
    ({ platform, slack, teams } = await openTwoChannelDesk({ operatorCapacity: 1, autoRedaction: true }, ['tom', 'vic']));
    await say('teams', 'tom', '#on');
    await say('teams', 'vic', 'operator');
    // Tom is busy: Bob asks with his card number in the request, and writes his password while he waits.
    await say('slack', 'UBOB', `operator, card ${CARD}`);
    await say('slack', 'UBOB', 'password: hunter2');
    await say('teams', 'vic', 'stop');

    const request = teamsWords('tom').at(-1)!;
    expect(request).toContain('[card number removed]');
    expect(request).toContain('password: [password removed]');
    await say('slack', 'UBOB', `The other card is ${CARD.replace(/ /g, '-')}`);
    expect(teamsWords('tom').at(-1)).toBe('Bob User: The other card is [card number removed]');
    expect(removedNotices(slackWords('UBOB'))).toEqual(['Koji removed what looked like a card number from your message before passing it on.']);

    // The operator's words to the user are screened the same way, and so is an edit.
    await say('teams', 'tom', 'Your new pin is 0451');
    expect(slackWords('UBOB').at(-1)).toBe('Your new pin is [password removed]');
    expect(removedNotices(teamsWords('tom'))).toHaveLength(1);
    await say('slack', 'UBOB', 'Thanks');
    const thanks = slack.conversation('UBOB').filter((m) => m.user === 'UBOB').at(-1)!.ts;
    await slack.editAs('UBOB', thanks, `Thanks, it was ${CARD}`);
    await settle();
    expect(teamsWords('tom').at(-1)).toBe('Bob User: Thanks, it was [card number removed]');

    expect(stores(CARD_DIGITS)).toBe(false);
    expect(stores('hunter2')).toBe(false);
    // Not inside a longer number: a stored timestamp may hold those four digits.
    expect(stores(/(?<!\d)0451(?!\d)/)).toBe(false);
    expect(JSON.stringify(teams.conversation('tom'))).not.toMatch(CARD_DIGITS);
    expect(JSON.stringify(teams.conversation('tom'))).not.toContain('hunter2');
  });

  it('should remove a card number from a user’s reply on their ticket, and tell them', async () => {
    ({ platform, slack, teams } = await openTwoChannelDesk({ autoRedaction: true }, ['tom', 'vic']));
    await say('slack', 'UALICE', '#on');
    await say('slack', 'UBOB', 'operator');
    await say('slack', 'UBOB', 'My card is blocked');
    await say('slack', 'UALICE', '#create_ticket Card blocked');
    await say('slack', 'UALICE', 'stop');
    platform.jsm!.agentComment('SUP-1', 'Which card?', false);
    await settle();
    const followUp = slackBotMessages('UBOB').filter((m) => JSON.stringify(m.blocks).includes('koji:reply-on-ticket')).at(-1);
    expect((await slack.click('UBOB', followUp!.ts, 'koji:reply-on-ticket:0')).status).toBe(200);
    await settle();

    await say('slack', 'UBOB', `It is ${CARD}`);

    const comments = platform.jsm!.commentsOf('SUP-1').map((c) => adfText(c.body)).join('\n');
    expect(comments).toContain('Bob User: It is [card number removed]');
    expect(comments).not.toMatch(CARD_DIGITS);
    expect(removedNotices(slackWords('UBOB'))).toHaveLength(1);
    expect(stores(CARD_DIGITS)).toBe(false);
  });

  it('should screen an edit of a message to the bot, before any conversation, before it is stored', async () => {
    ({ platform, slack, teams } = await openTwoChannelDesk({ autoRedaction: true }, ['tom', 'vic']));
    await say('slack', 'UBOB', 'hello');
    const ts = slack.conversation('UBOB').filter((m) => m.user === 'UBOB').at(-1)!.ts;

    expect((await slack.editAs('UBOB', ts, 'hello, password: hunter2')).status).toBe(200);
    await settle();

    expect(stores('hunter2')).toBe(false);
  });

  it('should remove a card number from an operator’s #create_ticket summary', async () => {
    ({ platform, slack, teams } = await openTwoChannelDesk({ autoRedaction: true }, ['tom', 'vic']));
    await say('slack', 'UALICE', '#on');
    await say('slack', 'UBOB', 'operator');
    await say('slack', 'UBOB', 'My card is blocked');

    await say('slack', 'UALICE', `#create_ticket Unblock card ${CARD}`);

    const [ticket] = platform.jsm!.requests();
    expect(String(ticket?.fields['summary'])).toBe('Unblock card [card number removed]');
    expect(adfText(asAdfDoc(ticket?.fields['description']))).not.toMatch(CARD_DIGITS);
    expect(stores(CARD_DIGITS)).toBe(false);
  });

  it('should leave messages as typed when it is off, and in a conversation that started before it was turned on', async () => {
    ({ platform, slack, teams } = await openTwoChannelDesk({ operatorCapacity: 2 }, ['tom', 'vic']));
    await say('slack', 'UALICE', '#on');
    await say('slack', 'UBOB', 'operator');
    await say('slack', 'UBOB', `card ${CARD}`);
    expect(slackWords('UALICE').at(-1)).toBe(`card ${CARD}`);

    expect((await admin('settings/update', { change: { autoRedaction: true } })).ok).toBe(true);
    await say('slack', 'UBOB', 'password: hunter2');
    expect(slackWords('UALICE').at(-1)).toBe('password: hunter2');

    // A conversation that starts now is screened.
    await say('teams', 'vic', 'operator');
    await say('teams', 'vic', 'password: hunter3');
    expect(slackWords('UALICE').at(-1)).toBe('password: [password removed]');
    expect(stores('hunter3')).toBe(false);
  });
});
