import { renderForSlack } from '../../../src/adapters/slack/slack-blocks';
import { renderForTeams } from '../../../src/adapters/teams/teams-cards';
import { COMMANDS, COMMAND_WORDS as OPERATOR_COMMAND_WORDS } from '../../../src/app/commands';
import { helpLines } from '../../../src/app/commands/help';
import type { OutgoingMessage } from '../../../src/domain/outgoing-message';
import { LANGUAGES } from '../../../src/domain/language';
import { english, say, type Catalogue } from '../../../src/domain/replies';
import { slackInlines, teamsCardRuns, teamsTextShown } from '../../support/chat-surfaces';

const { relayFailures, toOperator, toUser } = english;

/**
 * Every sentence the app says, on both channels, as a notice and as a card:
 * shown word for word, with no formatting but command names as code (no
 * italics from `#create_ticket`'s underscores), and a card's text shown once.
 * The names in them have underscores and stars, as real names may.
 */
type Args<T> = { [K in keyof T]: T[K] extends (...args: infer A) => string ? A : never };
type English = typeof english;

const NAME = 'snake_case_user *star*';
const OTHER = 'Ana_Op';
const URL = 'https://example.atlassian.net/browse/SUP-1';
/** A handoff phrase an admin typed, with what each surface could read as markup. */
const PHRASE = 'a *real* <person> & _now_';

const USER_ARGS: Args<English['toUser']> = {
  liveAgentUnavailable: [],
  noOperatorOnDuty: [],
  // An IANA name with an underscore, which Slack's mrkdwn would read as italics.
  outsideBusinessHours: [{ at: 0, weekday: 'monday', time: '09:00', daysAhead: 3 }, 'America/New_York'],
  queued: [2],
  stillQueued: [3],
  beingConnected: [],
  offersWentRound: [true],
  connected: [NAME],
  alreadyConnected: [NAME],
  leftQueue: [],
  youEnded: [NAME],
  closedByOperator: [NAME],
  handedBack: [{ kind: 'tenant-disconnected', name: NAME, channel: 'teams' }, { kind: 'ticket-offer' }],
  passedToQueue: [NAME],
  takenOver: [NAME],
  ticketCreated: ['SUP-1', URL],
  ticketCreatedForYou: ['SUP-1', URL],
  ticketNotCreated: [true],
  ticketInProgress: [],
  ticketUpdatedForYou: ['SUP-1', URL],
  offerDeclined: [],
  noTicketOffered: [PHRASE],
  closedForInactivity: [30],
  queueTimedOut: [10],
  liveAgentTurnedOff: [],
  liveAgentTurnedOffWhileWaiting: [],
  tenantDisconnected: ['slack', NAME],
  assistantHint: [PHRASE],
  articlesFound: [3],
  noArticleFound: [PHRASE],
  gladItHelped: [],
  rateConversation: [NAME, 'five-stars', 24],
  ratingCommentAdded: [],
};

const OPERATOR_ARGS: Args<English['toOperator']> = {
  notAnOperator: [],
  liveAgentDisabled: [],
  onDuty: [2],
  alreadyOnDuty: [0],
  offDuty: [{ queued: [NAME], offeredTicket: [OTHER] }, 1],
  putOffDuty: [{ queued: [NAME], offeredTicket: [OTHER] }, 1],
  idleAway: [30],
  alreadyOffDuty: [],
  offer: [NAME, 'teams', 60],
  offerAccepted: [NAME],
  offerDeclined: [NAME],
  offerExpired: [NAME, 60],
  offerWithdrawn: [NAME],
  offerHandedBack: [NAME],
  offerClosed: [NAME],
  noOpenOffer: [],
  answerOfferFirst: [NAME],
  missedOffersAway: [2],
  noteAdded: [NAME],
  forwardNote: [NAME, PHRASE],
  forwardNoteTooLong: [1000],
  forwardNoteWithoutTarget: [],
  nobodyElseOnDuty: [NAME],
  forwardedToQueue: [NAME],
  noteRefused: [false, 4000],
  request: [NAME, 'teams'],
  ended: [NAME],
  userLeft: [NAME],
  notInConversation: ['off'],
  conversationAlreadyEnded: [],
  whichConversation: [[NAME, OTHER]],
  operatorList: [['• Ana_Op: 1/3 conversations', '• snake_case_user (you): 0/2 conversations']],
  operatorLine: [NAME, 1, 2, true],
  forwardChoices: [[NAME, OTHER]],
  nobodyToForwardTo: [],
  forwardUnknown: ['bob_the_op'],
  forwardToSelf: [],
  forwardOffDuty: [NAME],
  forwardAtCapacity: [NAME],
  forwardedToYou: [OTHER, NAME, 'slack'],
  earlierMessagesLeftOut: [undefined],
  forwarded: [NAME, OTHER],
  ticketCreated: ['SUP-1', URL],
  ticketUpdated: ['SUP-1', 2],
  ticketFailed: ['Jira said no_way.', false],
  ticketInProgress: [],
  ticketNotUpdated: ['SUP-1', 2, 'Jira said no_way.', true],
  ticketRemainderNotAdded: [NAME, 'SUP-1', 'Jira said no_way.', true],
  closedForInactivity: [NAME, 30],
  unknownCommand: ['#frobnicate_it', helpLines(COMMANDS, 'en')],
  help: [helpLines(COMMANDS, 'en')],
  endedBeforeTicket: [NAME],
  userUnreachable: [NAME, 'teams'],
  roleGranted: [],
  roleRevoked: [],
  liveAgentTurnedOff: [],
  userDisconnected: [NAME, 'slack'],
  tenantDisconnected: ['teams', { queued: [OTHER], offeredTicket: [NAME] }],
};

const FAILURE_ARGS: Args<English['relayFailures']> = {
  notDelivered: [NAME, ['*bold* _it_', 'list_operators please']],
  dropped: [NAME, ['one', 'two'], 'forwarded'],
  partsNotDelivered: [NAME, '*long* message', 2, 3],
  mayNotHaveArrived: [NAME, ['`code`']],
};

/** Saved reply names and texts are an admin's words: names with underscores, texts with markup and command words. */
const SAVED = [
  { name: 'vpn_reset', preview: 'Type *list_operators* or <b>restart</b>…' },
  { name: 'Welcome', preview: '[click](https://evil.example) & `code`' },
];
const SAVED_REPLY_ARGS: Args<English['savedReplyNotices']> = {
  list: [SAVED],
  choices: ['vpn_', SAVED, 3],
  unknown: ['#on', ['vpn_reset', 'Welcome']],
  needsTicket: ['vpn_reset', NAME],
  sent: ['vpn_reset', NAME, 'Hi *Bob*, try #create_ticket or <b>this</b>'],
};

/** File names as people give them: markup characters, an underscore pair, a right-to-left override. */
const FILE = 'my_report *final*.pdf';
const FILE_ARGS: Args<English['fileReplies']> = {
  notRelayed: [FILE, NAME, { kind: 'too-big', maxMegabytes: 20 }],
  conversationOver: ['<b>x</b>.png', NAME],
  declined: [FILE, NAME],
  consentDescription: [FILE, NAME],
  notAttached: ['SUP-1', [FILE, '_a_.txt'], 'Jira refused the file (413).'],
  sharedAFile: [NAME],
};

function sentences<T extends Record<string, (...args: never[]) => string>>(replies: T, args: Args<T>, group: string): [string, string][] {
  return (Object.keys(args) as (keyof T & string)[]).map((key) => [`${group}.${key}`, (replies[key] as (...a: unknown[]) => string)(...(args[key] as unknown[]))]);
}

/** Every sentence in one language's catalogue (each language says the same things, with the same arguments). */
const sentencesIn = (c: Catalogue, lang: string): [string, string][] =>
  [
    ...sentences(c.toUser, USER_ARGS, 'toUser'),
    ...sentences(c.toOperator, OPERATOR_ARGS, 'toOperator'),
    ...sentences(c.relayFailures, FAILURE_ARGS, 'relayFailures'),
    ...sentences(c.savedReplyNotices, SAVED_REPLY_ARGS, 'savedReplyNotices'),
    ['savedReplyNotices.list (none)', c.savedReplyNotices.list([])],
    ['savedReplyNotices.unknown (none)', c.savedReplyNotices.unknown('vpn', [])],
    ...sentences(c.fileReplies, FILE_ARGS, 'fileReplies'),
  ].map(([name, text]) => [`${lang} ${name}`, text] as [string, string]);

const ALL = LANGUAGES.flatMap((lang) => sentencesIn(say(lang), lang));

/** The command names a sentence mentions, as they should show: as code. */
const commandsIn = (text: string) =>
  // An isolated name or admin's text (U+2068 … U+2069) stays plain, whatever it says.
  [...text.replace(/\u2068[^\u2069]*\u2069/g, '').matchAll(/(?<![\w#])(#?[a-z]+(?:_[a-z]+)+|#[a-z]+)(?![\w])/g)].map((m) => m[0]).filter((w) => OPERATOR_COMMAND_WORDS.includes(w));

describe.each(ALL)('%s', (_name, text) => {
  const notice: OutgoingMessage = { kind: 'notice', text };
  const card: OutgoingMessage = { kind: 'notice', text, conversationId: 'c-1', buttons: [{ action: 'end-session', label: 'End conversation' }] };

  it('should show on Slack word for word, command names as code and nothing else formatted, once', () => {
    for (const message of [notice, card]) {
      const inlines = slackInlines(renderForSlack(message).blocks);
      expect(inlines.map((i) => i.text).join('')).toBe(text);
      expect(inlines.filter((i) => i.type !== 'text' || (i.style !== undefined && !i.style['code']))).toEqual([]);
      expect(inlines.filter((i) => i.style?.['code']).map((i) => i.text)).toEqual(commandsIn(text));
    }
  });

  it('should show on Teams word for word, command names as code and nothing else formatted, and a card’s text once', () => {
    expect(teamsTextShown(String(renderForTeams(notice)['text']))).toEqual({ bold: [], links: [], shown: text, ...(commandsIn(text).length > 0 ? { code: commandsIn(text) } : {}) });
    const activity = renderForTeams(card);
    expect(activity['text']).toBeUndefined();
    const runs = teamsCardRuns(activity);
    expect(runs.map((r) => r.text).join('')).toBe(text);
    expect(runs.filter((r) => r.fontType === 'Monospace').map((r) => r.text)).toEqual(commandsIn(text));
    expect(runs.filter((r) => r.weight !== undefined || r.selectAction !== undefined || (r.fontType !== undefined && r.fontType !== 'Monospace'))).toEqual([]);
  });
});

describe('the help', () => {
  it('should end with how to write to one of several users, and how to send a # as text', () => {
    expect(toOperator.help(helpLines(COMMANDS, 'en'))).toMatch(/\. With several conversations, start with the user’s name: “Bob: …”\. To send a message that starts with #, write ## in its place\.$/);
  });

  it('should name every command as code on both channels', () => {
    const expected = ['#on', '#off', '#accept', '#decline', '#exit', '#note', '#redact', '#create_ticket', 'list_operators', 'forward_operator', '#reply'];
    expect(slackInlines(renderForSlack({ kind: 'notice', text: toOperator.help(helpLines(COMMANDS, 'en')) }).blocks).filter((i) => i.style?.['code']).map((i) => i.text)).toEqual(expected);
    expect(teamsTextShown(String(renderForTeams({ kind: 'notice', text: toOperator.help(helpLines(COMMANDS, 'en')) })['text'])).code).toEqual(expected);
  });
});

/**
 * A name is the person's words in the app's sentences: one that reads like a command stays plain, and one that
 * could reorder the sentence (right-to-left letters, a U+202E override) is isolated (U+2068 … U+2069), so "is now
 * with" and "You’re free" read in order whatever the name.
 */
describe('names in the app’s sentences', () => {
  const isolated = (name: string) => `\u2068${name}\u2069`;

  it.each([['list_operators'], ['#create_ticket'], ['#on']])('should not show a user called %s as a command on either channel', (name) => {
    const text = toOperator.forwarded(name, 'forward_operator');
    expect(text).toBe(`${isolated(name)} is now with ${isolated('forward_operator')}. You’re free for the next user.`);
    expect(slackInlines(renderForSlack({ kind: 'notice', text }).blocks).filter((i) => i.style?.['code'])).toEqual([]);
    expect(teamsTextShown(String(renderForTeams({ kind: 'notice', text })['text'])).code).toBeUndefined();
  });

  it.each([
    ['an override', 'Eve \u202Eevil', 'Eve \u202Eevil'],
    ['Arabic letters', 'سارة', 'سارة'],
    ['an isolate of its own that would close ours early', 'Eve\u2069 \u202E', 'Eve \u202E'],
  ])('should isolate a name with %s, so the rest of the sentence keeps its order', (_what, name, kept) => {
    expect(toUser.connected(name)).toBe(`You’re now talking to ${isolated(kept)}, a live agent. Type “stop” when you’re done.`);
    expect(relayFailures.notDelivered(name, ['hi'])).toContain(`delivered to ${isolated(kept)}.`);
  });

  it.each(LANGUAGES)('should isolate every name in the app’s notes on a transcript (%s), which the ticket and the panel show', (lang) => {
    const name = 'Eve \u202Eevil';
    const notes = Object.values(say(lang).transcriptNotes).map((note) => (note as (...args: string[]) => string)(name, 'slack', 'reason'));
    for (const note of notes.filter((n) => n.includes('Eve'))) expect(note).toContain(isolated(name));
    expect(notes.filter((n) => n.includes('Eve')).length).toBeGreaterThan(12);
  });

  it('should leave a plain name as it is', () => {
    expect(toUser.connected('Ana Lima')).toBe('You’re now talking to Ana Lima, a live agent. Type “stop” when you’re done.');
  });

  it('should isolate the speaker’s name on a card’s excerpt and before a relayed Teams message', () => {
    const name = 'Eve \u202Eevil';
    const relay = renderForTeams({ kind: 'relay', text: 'hello', senderName: name });
    expect(String(relay['text'])).toContain(`<b>${isolated(name)}:</b> hello`);
    const card: OutgoingMessage = { kind: 'request', text: 'x', conversationId: 'c', excerpt: [{ id: 'l', at: 1, role: 'user', speakerName: name, text: 'hi' }], buttons: [] };
    expect(teamsCardRuns(renderForTeams(card)).map((r) => r.text)).toContain(`${isolated(name)}:`);
    expect(slackInlines(renderForSlack(card).blocks).map((i) => i.text)).toContain(`${isolated(name)}:`);
  });
});
