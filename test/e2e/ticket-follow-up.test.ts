import type { LocalPlatform } from '../../packages/forge-local/src/platform';
import type { SlackSandbox } from '../../packages/forge-local/src/slack';
import type { TeamsSandbox } from '../../packages/forge-local/src/teams';
import { adfText } from '../support/adf';
import { HOSTILE_STRINGS } from '../support/hostile-strings';
import { hasLoneSurrogate } from '../../src/domain/text';
import { localPlatformClient } from '../local/support/local-platform-client';
import { deskChat, openTwoChannelDesk } from './support/two-channel-desk';

/**
 * Tickets that keep talking (issue 22), through the real doors: the ticket is made in a Slack or Teams conversation,
 * then a Jira agent works it on the embedded JSM (the local platform emits Jira's product events to the app's
 * `trigger`, as Forge does), and the user hears of it in their chat and answers from there: their reply reaches
 * the ticket through the real web trigger. Every ticket here is SUP-1.
 */
let platform: LocalPlatform;
let slack: SlackSandbox;
let teams: TeamsSandbox;

const desk = () => ({ platform, slack, teams });
const { say, slackWords, teamsWords, slackBotMessages, teamsBotMessages } = deskChat(desk);
const { settle, admin } = localPlatformClient(() => platform);

beforeEach(async () => {
  ({ platform, slack, teams } = await openTwoChannelDesk({}, ['tom', 'vic']));
});

afterEach(() => platform.close());

const CHANNELS = [
  { channel: 'slack' as const, operator: 'UALICE', user: 'UBOB', userName: 'Bob User' },
  { channel: 'teams' as const, operator: 'tom', user: 'vic', userName: 'Vic User' },
];

/** The user's conversation with an operator becomes SUP-1, and ends. */
async function ticketFromConversation(c: (typeof CHANNELS)[number]): Promise<void> {
  await say(c.channel, c.operator, '#on');
  await say(c.channel, c.user, 'operator');
  await say(c.channel, c.user, 'My laptop will not boot');
  await say(c.channel, c.operator, '#create_ticket Laptop does not boot');
  await say(c.channel, c.operator, 'stop');
}

function words(c: (typeof CHANNELS)[number]): string[] {
  return c.channel === 'slack' ? slackWords(c.user) : teamsWords(c.user);
}

/** What an agent does on the ticket's page, then everything it set off is done. */
async function agent(step: (jsm: NonNullable<LocalPlatform['jsm']>) => unknown): Promise<void> {
  step(platform.jsm!);
  await settle();
}

/** The user clicks Reply on ticket on the newest follow-up. */
async function clickReply(c: (typeof CHANNELS)[number]): Promise<void> {
  if (c.channel === 'slack') {
    const followUp = slackBotMessages(c.user).filter((m) => JSON.stringify(m.blocks).includes('koji:reply-on-ticket')).at(-1);
    expect((await slack.click(c.user, followUp!.ts, 'koji:reply-on-ticket:0')).status).toBe(200);
  } else {
    const followUp = teamsBotMessages(c.user).filter((m) => JSON.stringify(m.attachments ?? []).includes('reply-on-ticket')).at(-1);
    expect((await teams.clickSubmit(c.user, followUp!.id, 'Reply on ticket SUP-1')).status).toBe(200);
  }
  await settle();
}

describe.each(CHANNELS)('a ticket that keeps talking, on $channel', (c) => {
  it('should tell the user an agent’s public comment once, with the agent’s name, the key and a link, and never an internal one', async () => {
    await ticketFromConversation(c);
    const before = words(c).length;
    platform.productEvents.redeliver = true;

    await agent((jsm) => jsm.agentComment('SUP-1', 'Please hold the power button for 10 seconds.', false));
    await agent((jsm) => jsm.agentComment('SUP-1', 'SECRET: the disk is probably dead', true));

    const told = words(c).slice(before);
    expect(told).toHaveLength(1);
    expect(told[0]).toContain('Local Agent commented on your ticket SUP-1:\nPlease hold the power button for 10 seconds.');
    expect(told[0]).toContain(`${platform.url}/jira/browse/SUP-1`);
    expect(JSON.stringify(c.channel === 'slack' ? slackBotMessages(c.user) : teamsBotMessages(c.user))).not.toContain('SECRET');
  });

  it('should tell the user when the ticket is resolved, with the resolution, and when it is reopened; other moves say nothing', async () => {
    await ticketFromConversation(c);
    const before = words(c).length;

    await agent((jsm) => jsm.transition('SUP-1', 'In progress'));
    await agent((jsm) => jsm.transition('SUP-1', 'Resolved'));
    await agent((jsm) => jsm.transition('SUP-1', 'Closed'));
    await agent((jsm) => jsm.transition('SUP-1', 'In progress'));

    expect(words(c).slice(before)).toEqual([
      expect.stringContaining('Your ticket SUP-1 is now Resolved (resolution: Done).'),
      expect.stringContaining('Your ticket SUP-1 was reopened: it is now In progress.'),
    ]);
  });

  it('should put the user’s reply on the ticket once, as a public comment opening with their chat name, and tell them', async () => {
    await ticketFromConversation(c);
    await agent((jsm) => jsm.agentComment('SUP-1', 'Does it beep when you start it?', false));
    const comments = platform.jsm!.commentsOf('SUP-1').length;

    await clickReply(c);
    expect(words(c).at(-1)).toBe('Write your reply now: your next message here, within 10 minutes, is added to ticket SUP-1.');
    await say(c.channel, c.user, 'Yes, three short beeps');

    const added = platform.jsm!.commentsOf('SUP-1').slice(comments);
    expect(added).toHaveLength(1);
    expect(added[0]?.public).toBe(true);
    expect(adfText(added[0]?.body)).toBe(`${c.userName}: Yes, three short beeps`);
    expect(words(c).at(-1)).toBe(`Your reply was added to ticket SUP-1: ${platform.url}/jira/browse/SUP-1`);

    // The window closed with the reply: the next message is the bot's again, and the app's comment came back to nobody.
    await say(c.channel, c.user, 'my vpn wont connect');
    expect(platform.jsm!.commentsOf('SUP-1').slice(comments)).toHaveLength(1);
  });

  it('should leave a user talking to an operator with the operator: the button is refused and their words are relayed', async () => {
    await ticketFromConversation(c);
    await agent((jsm) => jsm.agentComment('SUP-1', 'Any news?', false));
    await say(c.channel, c.operator, '#on');
    await say(c.channel, c.user, 'operator');
    const comments = platform.jsm!.commentsOf('SUP-1').length;

    await clickReply(c);
    await say(c.channel, c.user, 'Still broken');

    expect(words(c).at(-1)).toMatch(/^You’re already talking to/);
    expect(platform.jsm!.commentsOf('SUP-1').slice(comments).map((x) => adfText(x.body))).toEqual([]);
  });

  it('should say nothing while the project’s follow-up is off, and offer no button when replies are not allowed', async () => {
    await ticketFromConversation(c);
    const before = words(c).length;
    expect(await admin('settings/update', { change: { followUp: false } })).toMatchObject({ ok: true });
    await agent((jsm) => jsm.agentComment('SUP-1', 'Nobody hears this', false));
    expect(words(c).slice(before)).toEqual([]);

    expect(await admin('settings/update', { change: { followUp: true, followUpReplies: false } })).toMatchObject({ ok: true });
    await agent((jsm) => jsm.agentComment('SUP-1', 'A comment without a button', false));
    const last = c.channel === 'slack' ? slackBotMessages(c.user).at(-1) : teamsBotMessages(c.user).at(-1);
    expect(JSON.stringify(last)).toContain('A comment without a button');
    expect(JSON.stringify(last)).not.toContain('reply-on-ticket');
  });
});

describe('what a follow-up carries, and what the trigger takes', () => {
  const bob = CHANNELS[0]!;
  const vic = CHANNELS[1]!;

  it('should show an agent’s hostile text as the characters typed, on Slack and on Teams', async () => {
    await ticketFromConversation(bob);
    const hostile = HOSTILE_STRINGS.filter((s) => s.text.length < 1_000 && !hasLoneSurrogate(s.text) && s.text.trim() === s.text);
    for (const { text } of hostile) await agent((jsm) => jsm.agentComment('SUP-1', text, false));
    const told = slackWords(bob.user).filter((w) => w.includes('commented on your ticket'));
    expect(told).toHaveLength(hostile.length);
    hostile.forEach(({ text }, i) => expect(told[i]).toContain(`SUP-1:\n${text.replace(/\n{2,}/g, '\n')}\n`));

    await platform.close();
    ({ platform, slack, teams } = await openTwoChannelDesk({}, ['tom', 'vic']));
    await ticketFromConversation(vic);
    for (const { text } of hostile) await agent((jsm) => jsm.agentComment('SUP-1', text, false));
    const shown = teamsWords(vic.user).filter((w) => w.includes('commented on your ticket'));
    hostile.forEach(({ text }, i) => expect(shown[i]).toContain(text.replace(/\n{2,}/g, '\n')));
  });

  it('should cut a long comment and link to the rest on the ticket', async () => {
    await ticketFromConversation(bob);
    await agent((jsm) => jsm.agentComment('SUP-1', 'word '.repeat(5_000).trim(), false));
    const told = slackWords(bob.user).at(-1) ?? '';
    expect(told.length).toBeLessThan(2_000);
    expect(told).toContain(`…\nThe rest is on the ticket: ${platform.url}/jira/browse/SUP-1`);
  });

  /** The newest follow-up in Bob's DM, the one with Reply on ticket. */
  const followUpTs = () => slackBotMessages(bob.user).filter((m) => JSON.stringify(m.blocks).includes('koji:reply-on-ticket')).at(-1)!.ts;

  it('should put Bob’s reply in the thread of a follow-up on the ticket once, and tell him; a redelivered reply adds nothing', async () => {
    await ticketFromConversation(bob);
    await agent((jsm) => jsm.agentComment('SUP-1', 'Does it beep when you start it?', false));
    const comments = platform.jsm!.commentsOf('SUP-1').length;

    const sent = await slack.sendAs(bob.user, 'Yes, three short beeps', [], { threadTs: followUpTs() });
    expect(sent.status).toBe(200);
    await settle();
    expect((await slack.redeliver(sent)).status).toBe(200);
    await settle();

    const added = platform.jsm!.commentsOf('SUP-1').slice(comments);
    expect(added).toHaveLength(1);
    expect(added[0]?.public).toBe(true);
    expect(adfText(added[0]?.body)).toBe('Bob User: Yes, three short beeps');
    expect(slackWords(bob.user).filter((w) => w.startsWith('Your reply was added to ticket SUP-1'))).toEqual([`Your reply was added to ticket SUP-1: ${platform.url}/jira/browse/SUP-1`]);

    // A reply in the thread of any other message of the bot's is an ordinary message.
    const other = slackBotMessages(bob.user).find((m) => !JSON.stringify(m.blocks).includes('koji:reply-on-ticket'))!;
    await slack.sendAs(bob.user, 'my vpn wont connect', [], { threadTs: other.ts });
    await settle();
    expect(platform.jsm!.commentsOf('SUP-1').slice(comments)).toHaveLength(1);
  });

  it('should relay a thread reply of a user talking to an operator to the operator, not to the ticket', async () => {
    await ticketFromConversation(bob);
    await agent((jsm) => jsm.agentComment('SUP-1', 'Any news?', false));
    await say('slack', bob.operator, '#on');
    await say('slack', bob.user, 'operator');
    const comments = platform.jsm!.commentsOf('SUP-1').length;

    expect((await slack.sendAs(bob.user, 'Still broken', [], { threadTs: followUpTs() })).status).toBe(200);
    await settle();

    expect(slackWords(bob.operator).at(-1)).toContain('Still broken');
    expect(platform.jsm!.commentsOf('SUP-1').slice(comments)).toEqual([]);
  });

  it.each([
    ['nothing', undefined],
    ['a string', 'avi:jira:commented:issue'],
    ['no issue key', { eventType: 'avi:jira:commented:issue', comment: { id: '1' } }],
    ['a key with markup', { eventType: 'avi:jira:commented:issue', issue: { key: '<b>SUP-1</b>' }, comment: { id: '1' } }],
    ['a comment id that is not a number', { eventType: 'avi:jira:commented:issue', issue: { key: 'SUP-1' }, comment: { id: '../1' } }],
    ['a changelog of a million items', { eventType: 'avi:jira:updated:issue', issue: { key: 'SUP-1' }, changelog: { id: '1', items: new Array(1_000_000).fill({ field: 'status' }) } }],
    ['an unknown event', { eventType: 'avi:jira:deleted:issue', issue: { key: 'SUP-1' } }],
    ['a ticket Koji did not make', { eventType: 'avi:jira:commented:issue', issue: { key: 'SUP-99' }, comment: { id: '5' } }],
  ])('should take an event with %s without failing, and tell nobody', async (_what, payload) => {
    await ticketFromConversation(bob);
    const before = slackWords(bob.user).length;
    await expect(platform.runner.invoke('ticket-events', [payload, {}])).resolves.toBeUndefined();
    expect(slackWords(bob.user)).toHaveLength(before);
  });
});
