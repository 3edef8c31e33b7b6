import type { SavedReplyView } from '../../../src/shared/resolver-contract';

/**
 * The server's rules for saved replies (src/domain/saved-replies.ts), in its words, repeated here to point at a
 * problem as the admin types: the server refuses the list whatever this shows, and
 * test/domain/saved-reply-rules-agree.test.ts holds the two to the same words.
 */
export const MAX_SAVED_REPLIES = 50;
export const MAX_NAME_LENGTH = 40;
export const MAX_TEXT_LENGTH = 2000;
export const MAX_TOTAL_LENGTH = 40_000;

const NAME_CHARACTERS = /^[\p{L}\p{M}\p{N} _-]+$/u;
const CONTROL = /(?![\n\r\t])\p{Cc}/u;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const PLACEHOLDERS = ['user', 'operator', 'ticket'];
const count = (n: number) => n.toLocaleString('en');

export function nameProblem(name: string): string | undefined {
  const trimmed = name.trim();
  if (trimmed.length === 0) return 'Give the reply a name.';
  if (trimmed.length > MAX_NAME_LENGTH) return `A name has at most ${MAX_NAME_LENGTH} characters.`;
  if (trimmed.startsWith('#')) return 'Write the name without #: operators type #reply and then the name.';
  if (!NAME_CHARACTERS.test(trimmed)) return 'A name has only letters, digits, spaces, - and _.';
  return undefined;
}

export function textProblems(text: string): string[] {
  const trimmed = text.trim();
  if (trimmed.length === 0) return ['Write the text the user gets.'];
  const problems: string[] = [];
  if (trimmed.length > MAX_TEXT_LENGTH) problems.push(`A text has at most ${count(MAX_TEXT_LENGTH)} characters (this one has ${count(trimmed.length)}).`);
  if (CONTROL.test(trimmed) || LONE_SURROGATE.test(trimmed)) problems.push('The text has a control character or a broken one that chats can’t show: remove it.');
  return [...problems, ...braceProblems(trimmed)];
}

function braceProblems(text: string): string[] {
  const problems = new Set<string>();
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if ((ch === '{' || ch === '}') && text[i + 1] === ch) i += 1;
    else if (ch === '}') problems.add('A } closes no placeholder: write }} for a brace.');
    else if (ch === '{') {
      const name = /^\{([^{}]{0,40})\}/.exec(text.slice(i))?.[1];
      if (name === undefined) {
        problems.add('A { opens no placeholder: write {{ for a brace.');
        continue;
      }
      if (!PLACEHOLDERS.includes(name)) problems.add(`{${clip(name, 20)}} is not a placeholder: use {user}, {operator} or {ticket} (and {{ or }} for a brace).`);
      i += name.length + 1;
    }
  }
  return [...problems];
}

/** The server's clip: whole characters, with an ellipsis, within `max` UTF-16 units. */
function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let kept = '';
  for (const { segment } of new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)) {
    if (kept.length + segment.length > max - 1) break;
    kept += segment;
  }
  return `${kept}…`;
}

export const keyOf = (name: string) => name.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();

/** Said of a name that reads as another reply's (`others`: every reply but the one edited). */
export function duplicateProblem(name: string, others: readonly SavedReplyView[]): string | undefined {
  const key = keyOf(name);
  const same = key.length === 0 ? undefined : others.find((r) => keyOf(r.name) === key);
  return same ? `Another reply is already called “${same.name.trim()}” (capitals and spaces don’t count): pick another name.` : undefined;
}

export function totalProblem(replies: readonly SavedReplyView[]): string | undefined {
  const total = replies.reduce((sum, r) => sum + r.text.trim().length, 0);
  return total > MAX_TOTAL_LENGTH ? `Saved replies hold at most ${count(MAX_TOTAL_LENGTH)} characters of text together (now ${count(total)}): shorten or remove some.` : undefined;
}
