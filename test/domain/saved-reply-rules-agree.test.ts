import { checkSavedReplies, duplicateNameProblem, savedReplyNameProblem, savedReplyTextProblems, totalLengthProblem } from '../../src/domain/saved-replies';
import { duplicateProblem, nameProblem, textProblems, totalProblem } from '../../static/backoffice/src/saved-reply-rules';
import { HOSTILE_TEXTS } from '../support/hostile-strings';

/**
 * The backoffice points at a saved reply's problems as the admin types, in the resolver's own words: the page
 * repeats the rules (it may import only the contract's types from src/), and this holds the two together.
 */
const NAMES = ['', '  ', 'vpn', ' VPN reset ', '#vpn', 'vpn!', 'x'.repeat(40), 'x'.repeat(41), 'Ça marche_2-b', '東京', '----', 'a\tb', ...HOSTILE_TEXTS];
const TEXTS = [
  '',
  ' \n ',
  'Hi {user}, {operator} here: {ticket}.',
  '{{user}} }} {{',
  '{usr}',
  '{User}',
  '{ user }',
  '{' + 'x'.repeat(30) + '}',
  '{\u{1F469}\u200D\u{1F4BB}'.repeat(12) + '}',
  'a { b',
  'a } b',
  '{user',
  'bell\u0007',
  'line\r\nbreak\ttab',
  'x'.repeat(2000),
  'x'.repeat(2001),
  ...HOSTILE_TEXTS,
];

describe('the backoffice’s saved reply rules', () => {
  it.each(NAMES.map((n) => [JSON.stringify(n.slice(0, 40)), n]))('should say what the resolver says of the name %s', (_label, name) => {
    expect(nameProblem(name)).toBe(savedReplyNameProblem(name));
  });

  it.each(TEXTS.map((t) => [JSON.stringify(t.slice(0, 40)), t]))('should say what the resolver says of the text %s', (_label, text) => {
    expect(textProblems(text)).toEqual(savedReplyTextProblems(text));
  });

  it('should say what the resolver says of a repeated name, and of too much text together', () => {
    const replies = [
      { name: 'VPN reset', text: 'x'.repeat(2000) },
      { name: 'vpn  RESET', text: 'y' },
    ];
    expect(duplicateProblem(replies[1]!.name, [replies[0]!])).toBe(duplicateNameProblem(replies, 1));
    const many = Array.from({ length: 21 }, (_, i) => ({ name: `r${i}`, text: 'x'.repeat(2000) }));
    expect(totalProblem(many)).toBe(totalLengthProblem(42_000));
    expect(checkSavedReplies(many).problems).toEqual([totalProblem(many)]);
  });
});
