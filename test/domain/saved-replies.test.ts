import { InvalidSettingsError } from '../../src/domain/errors';
import {
  checkSavedReplies,
  expandSavedReply,
  findSavedReplies,
  placeholdersIn,
  savedReplyPreview,
  type SavedReply,
} from '../../src/domain/saved-replies';
import { applySettingsChange, checkSettingsChange, DEFAULT_SETTINGS } from '../../src/domain/settings';

const reply = (name: string, text = 'Hello {user}.'): SavedReply => ({ name, text });
const problemsOf = (replies: unknown) => checkSavedReplies(replies).problems;

describe('saved replies an admin saves', () => {
  it('should accept names of letters, digits, spaces, - and _, and texts with the three placeholders, trimmed', () => {
    const checked = checkSavedReplies([reply(' VPN reset '), reply('welcome_2-b', 'Hi {user}, I’m {operator}; your ticket is {ticket}.\nBye.'), reply('Ça marche ñ 東京')]);
    expect(checked.problems).toEqual([]);
    expect(checked.replies.map((r) => r.name)).toEqual(['VPN reset', 'welcome_2-b', 'Ça marche ñ 東京']);
  });

  it.each([
    ['an empty name', reply('  '), 'Saved reply 1: Give the reply a name.'],
    ['a name of 41 characters', reply('x'.repeat(41)), 'Saved reply 1: A name has at most 40 characters.'],
    ['a name starting with #', reply('#vpn'), 'Saved reply 1: Write the name without #: operators type #reply and then the name.'],
    ['a name with punctuation', reply('vpn!'), 'Saved reply 1: A name has only letters, digits, spaces, - and _.'],
    ['a name with markup', reply('<b>x</b>'), 'Saved reply 1: A name has only letters, digits, spaces, - and _.'],
    ['an empty text', reply('vpn', ' \n '), 'Saved reply “vpn”: Write the text the user gets.'],
    ['a text of 2,001 characters', reply('vpn', 'x'.repeat(2001)), 'Saved reply “vpn”: A text has at most 2,000 characters (this one has 2,001).'],
    ['a text of 100,000 characters', reply('vpn', 'x'.repeat(100_000)), 'Saved reply “vpn”: A text has at most 2,000 characters (this one has 100,000).'],
    ['an unknown placeholder', reply('vpn', 'Hi {usr}'), 'Saved reply “vpn”: {usr} is not a placeholder: use {user}, {operator} or {ticket} (and {{ or }} for a brace).'],
    ['a placeholder in capitals', reply('vpn', 'Hi {User}'), 'Saved reply “vpn”: {User} is not a placeholder: use {user}, {operator} or {ticket} (and {{ or }} for a brace).'],
    ['a brace that opens nothing', reply('vpn', 'a { b'), 'Saved reply “vpn”: A { opens no placeholder: write {{ for a brace.'],
    ['a brace that closes nothing', reply('vpn', 'a } b'), 'Saved reply “vpn”: A } closes no placeholder: write }} for a brace.'],
    ['a control character', reply('vpn', 'bell\u0007'), 'Saved reply “vpn”: The text has a control character or a broken one that chats can’t show: remove it.'],
    ['a lone surrogate', reply('vpn', 'broken \uD83D here'), 'Saved reply “vpn”: The text has a control character or a broken one that chats can’t show: remove it.'],
  ])('should refuse %s, saying why', (_what, bad, problem) => {
    expect(problemsOf([bad])).toEqual([problem]);
  });

  it('should refuse two names that differ only in capitals or spaces, naming the first', () => {
    expect(problemsOf([reply('VPN reset'), reply('vpn  RESET')])).toEqual([
      'Saved reply “vpn  RESET”: Another reply is already called “VPN reset” (capitals and spaces don’t count): pick another name.',
    ]);
  });

  it('should refuse more than 50 replies, and more than 40,000 characters of text together', () => {
    expect(problemsOf(Array.from({ length: 51 }, (_, i) => reply(`r${i}`)))).toEqual(['Keep at most 50 saved replies (there are 51).']);
    expect(problemsOf(Array.from({ length: 21 }, (_, i) => reply(`r${i}`, 'x'.repeat(2000))))).toEqual([
      'Saved replies hold at most 40,000 characters of text together (now 42,000): shorten or remove some.',
    ]);
  });

  it.each([
    ['not a list', { name: 'a', text: 'b' }],
    ['a reply without a text', [{ name: 'a' }]],
    ['a reply with another field', [{ name: 'a', text: 'b', html: '<b>' }]],
    ['a number for a name', [{ name: 1, text: 'b' }]],
  ])('should refuse %s as not saved replies at all', (_what, value) => {
    expect(problemsOf(value)).toEqual(['Saved replies must be a list of replies, each a name and a text.']);
  });

  it('should be checked with the other settings, before anything is read, and kept trimmed', () => {
    expect(() => checkSettingsChange({ savedReplies: [reply('vpn', '{nope}')] })).toThrow(InvalidSettingsError);
    expect(applySettingsChange(DEFAULT_SETTINGS, { savedReplies: [reply(' vpn ', ' Hi {user} ')] }).savedReplies).toEqual([reply('vpn', 'Hi {user}')]);
    expect(DEFAULT_SETTINGS.savedReplies).toBeUndefined();
  });
});

describe('a saved reply’s text as the user gets it', () => {
  const values = { user: 'Bob', operator: 'Alice', ticket: 'SUP-12' };

  it('should fill in the user, the operator and the ticket', () => {
    expect(expandSavedReply('Hi {user}, {operator} here. See {ticket}; {user}?', values)).toBe('Hi Bob, Alice here. See SUP-12; Bob?');
  });

  it('should make doubled braces single, and leave braces in the values alone', () => {
    expect(expandSavedReply('{{user}} is {user} and }}{{', { ...values, user: '{operator}' })).toBe('{user} is {operator} and }{');
  });

  it('should say which placeholders a text uses', () => {
    expect([...placeholdersIn('{user} {{ticket}} {operator}')]).toEqual(['user', 'operator']);
    expect(placeholdersIn('See {ticket}').has('ticket')).toBe(true);
  });

  it('should show the first words of a text on one line', () => {
    expect(savedReplyPreview('Hello\n\nthere   friend', 12)).toBe('Hello there…');
  });
});

describe('finding the reply an operator names', () => {
  const replies = [reply('VPN'), reply('VPN reset'), reply('VPN slow'), reply('welcome')];

  it('should take the whole name over replies it starts, in any capitals', () => {
    expect(findSavedReplies(replies, 'vpn')).toEqual({ kind: 'one', reply: replies[0] });
    expect(findSavedReplies(replies, 'vpn  RESET')).toEqual({ kind: 'one', reply: replies[1] });
  });

  it('should take the one reply a start names, and list several', () => {
    expect(findSavedReplies(replies, 'wel')).toEqual({ kind: 'one', reply: replies[3] });
    expect(findSavedReplies(replies, 'vpn ')).toEqual({ kind: 'one', reply: replies[0] });
    expect(findSavedReplies(replies.slice(1), 'vp')).toEqual({ kind: 'several', replies: [replies[1], replies[2]] });
    expect(findSavedReplies(replies, 'nope')).toEqual({ kind: 'none' });
  });

  it('should take a pick list’s name as the whole name only', () => {
    expect(findSavedReplies(replies, 'welc', true)).toEqual({ kind: 'none' });
    expect(findSavedReplies(replies, 'Welcome', true)).toEqual({ kind: 'one', reply: replies[3] });
  });
});
