/**
 * The server's rules for phrases that ask for a human (src/domain/handoff-phrases.ts), repeated here only to point
 * at a problem before saving: the server refuses a list whatever this shows. The French and German lists
 * (src/domain/language-settings.ts) follow the same rules, each list on its own.
 */
export const MAX_PHRASES = 20;
export const MAX_LENGTH = 80;

/** A phrase as Koji matches it: its words in lower case, so "Operator!" repeats "operator". */
export const matchKey = (phrase: string) =>
  phrase
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\s]+/gu, ' ')
    .split(/\s+/)
    .filter((w) => w.length > 0)
    .join(' ');

/** What is wrong with the phrase at `index`, in words for the admin; undefined when nothing is. */
export function problemOf(phrases: readonly string[], index: number): string | undefined {
  const phrase = (phrases[index] ?? '').trim();
  if (phrase.length === 0) return 'Empty: type a phrase or remove it.';
  if (phrase.length > MAX_LENGTH) return `At most ${MAX_LENGTH} characters.`;
  const key = matchKey(phrase);
  if (key.length === 0) return 'Has no letters or digits, so no message can match it.';
  const first = phrases.findIndex((p) => matchKey(p) === key);
  return first < index ? `Same as phrase ${first + 1}: remove one.` : undefined;
}
