import { handoffPhraseKey, isUsersOwnWord, MAX_WORDS_OF_A_HANDOFF_REQUEST } from './chat-command';
import { clipText } from './text';

/**
 * The rules for the phrases that ask for a human. The bot tells users to type the first one, so each phrase
 * must be one a user can type and Koji can recognise: an empty field or a second spelling of the same phrase
 * is a mistake to point out, never something to drop or keep silently.
 */
export const MAX_HANDOFF_PHRASES = 20;
export const MAX_HANDOFF_PHRASE_LENGTH = 80;

export interface CheckedPhrases {
  /** The phrases trimmed, in the admin's order. */
  readonly phrases: readonly string[];
  /** What is wrong with them, each a sentence for the admin; empty when they can be saved. */
  readonly problems: readonly string[];
}

export function checkHandoffPhrases(value: unknown): CheckedPhrases {
  if (!Array.isArray(value) || value.some((p) => typeof p !== 'string')) {
    return { phrases: [], problems: ['The phrases that ask for a human must be a list of texts.'] };
  }
  const phrases = (value as string[]).map((p) => p.trim());
  if (phrases.length === 0) return { phrases, problems: ['Give at least one phrase that asks for a human.'] };
  const problems: string[] = [];
  if (phrases.length > MAX_HANDOFF_PHRASES) {
    problems.push(`Give at most ${MAX_HANDOFF_PHRASES} phrases that ask for a human (there are ${phrases.length}).`);
  }
  const empty = phrases.flatMap((p, i) => (p.length === 0 ? [i + 1] : []));
  if (empty.length > 0) {
    problems.push(
      empty.length === 1
        ? `Phrase ${empty[0]} is empty: type a phrase or remove it.`
        : `Phrases ${listed(empty.map(String))} are empty: type a phrase in each or remove them.`,
    );
  }
  if (phrases.some((p) => p.length > MAX_HANDOFF_PHRASE_LENGTH)) problems.push(`Each phrase must be at most ${MAX_HANDOFF_PHRASE_LENGTH} characters.`);
  for (const p of phrases) {
    const problem = p.length > 0 ? whyNeverMatched(p) : undefined;
    if (problem) problems.push(problem);
  }
  problems.push(...sameAsAnother(phrases));
  return { phrases, problems };
}

/** Why Koji would never read a message as asking for a human with this phrase; undefined when it would. */
function whyNeverMatched(phrase: string): string | undefined {
  const words = handoffPhraseKey(phrase);
  if (words.length === 0) return `${shown(phrase)} has no letters or digits, so no message can match it.`;
  if (phrase.startsWith('#')) return `${shown(phrase)} starts with #, as commands do, so it is read as a command: write it without the #.`;
  if (isUsersOwnWord(phrase)) return `${shown(phrase)} is what users type to leave the queue or take a ticket, so it is read as that: pick another phrase.`;
  if (words.split(' ').length > MAX_WORDS_OF_A_HANDOFF_REQUEST) {
    return `${shown(phrase)} has more than ${MAX_WORDS_OF_A_HANDOFF_REQUEST} words, and Koji reads a phrase only in messages of at most ${MAX_WORDS_OF_A_HANDOFF_REQUEST} words: shorten it.`;
  }
  return undefined;
}

/** One problem per group of phrases that read the same to Koji (capitals, spaces and punctuation aside). */
function sameAsAnother(phrases: readonly string[]): string[] {
  const groups = new Map<string, string[]>();
  for (const p of phrases) {
    const key = handoffPhraseKey(p);
    if (key.length === 0) continue;
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  return [...groups.values()]
    .filter((group) => group.length > 1)
    .map((group) => {
      const spellings = [...new Set(group)];
      return spellings.length === 1
        ? `${shown(group[0]!)} is listed ${group.length} times: keep one.`
        : `${listed(spellings.map(shown))} are the same phrase to Koji (capitals, spaces and punctuation don’t count): keep one.`;
    });
}

const shown = (phrase: string): string => `“${clipText(phrase, 40)}”`;

function listed(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1) ?? ''}`;
}
