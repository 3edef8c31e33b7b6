import { clipText, hasLoneSurrogate } from './text';

/**
 * Saved replies (issue 18): texts a Jira admin writes once in the backoffice and an operator sends with
 * `#reply <name>`. They are project settings; the rules here are the resolver's, and the backoffice repeats them
 * word for word as the admin types (static/backoffice/src/saved-reply-rules.ts, held to these by a spec).
 */
export interface SavedReply {
  /** Letters, digits, spaces, `-` and `_`: what an operator types after `#reply`, and the pick list's button. */
  readonly name: string;
  /** What the user gets, with `{user}`, `{operator}` and `{ticket}` filled in; `{{` and `}}` are braces. */
  readonly text: string;
}

export const MAX_SAVED_REPLIES = 50;
export const MAX_SAVED_REPLY_NAME_LENGTH = 40;
export const MAX_SAVED_REPLY_TEXT_LENGTH = 2000;
/**
 * All texts together: settings are one stored value, read by every command and request for an operator, and a
 * character can take 3 bytes stored, so 50 texts of 2,000 could pass Forge's 240 KB. This keeps them under 120 KB.
 */
export const MAX_SAVED_REPLIES_TOTAL_LENGTH = 40_000;

export const PLACEHOLDERS = ['user', 'operator', 'ticket'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

const NAME_CHARACTERS = /^[\p{L}\p{M}\p{N} _-]+$/u;
/** Control characters a chat could not show, but the line breaks and tabs of a written text. */
const CONTROL = /(?![\n\r\t])\p{Cc}/u;

/** The shape of a name, for a pick list's button value coming back from Slack or Teams. */
export function isSavedReplyName(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_SAVED_REPLY_NAME_LENGTH && NAME_CHARACTERS.test(value) && value.trim().length > 0;
}

/** A name as it is compared, typed or saved: capitals and runs of spaces don't count. */
export function savedReplyKey(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** What is wrong with a name on its own (undefined: nothing). The backoffice shows the same words. */
export function savedReplyNameProblem(name: string): string | undefined {
  const trimmed = name.trim();
  if (trimmed.length === 0) return 'Give the reply a name.';
  if (trimmed.length > MAX_SAVED_REPLY_NAME_LENGTH) return `A name has at most ${MAX_SAVED_REPLY_NAME_LENGTH} characters.`;
  if (trimmed.startsWith('#')) return 'Write the name without #: operators type #reply and then the name.';
  if (!NAME_CHARACTERS.test(trimmed)) return 'A name has only letters, digits, spaces, - and _.';
  return undefined;
}

/** What is wrong with a text on its own (empty: nothing). The backoffice shows the same words. */
export function savedReplyTextProblems(text: string): string[] {
  const trimmed = text.trim();
  if (trimmed.length === 0) return ['Write the text the user gets.'];
  const problems: string[] = [];
  if (trimmed.length > MAX_SAVED_REPLY_TEXT_LENGTH) {
    problems.push(`A text has at most ${MAX_SAVED_REPLY_TEXT_LENGTH.toLocaleString('en')} characters (this one has ${trimmed.length.toLocaleString('en')}).`);
  }
  if (CONTROL.test(trimmed) || hasLoneSurrogate(trimmed)) problems.push('The text has a control character or a broken one that chats can’t show: remove it.');
  problems.push(...templateOf(trimmed).problems);
  return problems;
}

type Part = { readonly kind: 'text'; readonly text: string } | { readonly kind: 'placeholder'; readonly name: Placeholder };

/** A text read as its parts: `{{` and `}}` are braces, `{name}` a placeholder; anything else is a problem to name. */
function templateOf(text: string): { readonly parts: readonly Part[]; readonly problems: readonly string[] } {
  const parts: Part[] = [];
  const problems = new Set<string>();
  let literal = '';
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if ((ch === '{' || ch === '}') && text[i + 1] === ch) {
      literal += ch;
      i += 1;
    } else if (ch === '}') {
      problems.add('A } closes no placeholder: write }} for a brace.');
    } else if (ch === '{') {
      const close = /^\{([^{}]{0,40})\}/.exec(text.slice(i));
      const name = close?.[1];
      if (name === undefined) {
        problems.add('A { opens no placeholder: write {{ for a brace.');
      } else if (isPlaceholder(name)) {
        if (literal) parts.push({ kind: 'text', text: literal });
        literal = '';
        parts.push({ kind: 'placeholder', name });
        i += name.length + 1;
      } else {
        problems.add(`{${clipText(name, 20)}} is not a placeholder: use {user}, {operator} or {ticket} (and {{ or }} for a brace).`);
        i += name.length + 1;
      }
    } else {
      literal += ch ?? '';
    }
  }
  if (literal) parts.push({ kind: 'text', text: literal });
  return { parts, problems: [...problems] };
}

function isPlaceholder(name: string): name is Placeholder {
  return (PLACEHOLDERS as readonly string[]).includes(name);
}

/** The placeholders a saved text uses. */
export function placeholdersIn(text: string): ReadonlySet<Placeholder> {
  return new Set(templateOf(text).parts.flatMap((p) => (p.kind === 'placeholder' ? [p.name] : [])));
}

/** The text the user gets: placeholders filled in once (a name with braces in it stays as it is), braces undoubled. */
export function expandSavedReply(text: string, values: { readonly [P in Placeholder]: string }): string {
  return templateOf(text)
    .parts.map((p) => (p.kind === 'text' ? p.text : values[p.name]))
    .join('');
}

export interface CheckedSavedReplies {
  /** Names and texts trimmed, in the admin's order. */
  readonly replies: readonly SavedReply[];
  /** What is wrong, each a sentence naming the reply; empty when they can be saved. */
  readonly problems: readonly string[];
}

/** The whole list as an admin saves it: each reply, their names against each other, and their size together. */
export function checkSavedReplies(value: unknown): CheckedSavedReplies {
  if (!Array.isArray(value) || !value.every(isReplyShape)) {
    return { replies: [], problems: ['Saved replies must be a list of replies, each a name and a text.'] };
  }
  const replies = value.map((r) => ({ name: r.name.trim(), text: r.text.trim() }));
  const problems: string[] = [];
  if (replies.length > MAX_SAVED_REPLIES) problems.push(`Keep at most ${MAX_SAVED_REPLIES} saved replies (there are ${replies.length}).`);
  replies.forEach((reply, i) => {
    const nameProblem = savedReplyNameProblem(reply.name);
    const label = nameProblem === undefined ? `Saved reply “${reply.name}”` : `Saved reply ${i + 1}`;
    const own = [...(nameProblem ? [nameProblem] : []), ...savedReplyTextProblems(reply.text)];
    const repeated = duplicateNameProblem(replies, i);
    if (repeated) own.push(repeated);
    problems.push(...own.map((p) => `${label}: ${p}`));
  });
  const total = replies.reduce((sum, r) => sum + r.text.length, 0);
  // Said once every text is within its own limit, which is the first thing to fix.
  const eachFits = replies.every((r) => r.text.length <= MAX_SAVED_REPLY_TEXT_LENGTH);
  if (eachFits && total > MAX_SAVED_REPLIES_TOTAL_LENGTH) problems.push(totalLengthProblem(total));
  return { replies, problems };
}

/** The backoffice shows the same words under the list. */
export function totalLengthProblem(total: number): string {
  return `Saved replies hold at most ${MAX_SAVED_REPLIES_TOTAL_LENGTH.toLocaleString('en')} characters of text together (now ${total.toLocaleString('en')}): shorten or remove some.`;
}

/** Said of the second and later replies whose name reads as an earlier one's. */
export function duplicateNameProblem(replies: readonly { readonly name: string }[], index: number): string | undefined {
  const key = savedReplyKey(replies[index]?.name ?? '');
  if (key.length === 0) return undefined;
  const first = replies.findIndex((r) => savedReplyKey(r.name) === key);
  return first < index ? `Another reply is already called “${replies[first]?.name.trim() ?? ''}” (capitals and spaces don’t count): pick another name.` : undefined;
}

function isReplyShape(value: unknown): value is SavedReply {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const { name, text, ...rest } = value as Record<string, unknown>;
  return Object.keys(rest).length === 0 && typeof name === 'string' && typeof text === 'string';
}

export type SavedReplyMatch =
  | { readonly kind: 'one'; readonly reply: SavedReply }
  | { readonly kind: 'several'; readonly replies: readonly SavedReply[] }
  | { readonly kind: 'none' };

/**
 * The replies an operator's words name: the one whose whole name they are, else those whose name starts with
 * them (`exact`: a pick list's button, which names one reply and must not send another if it was renamed).
 */
export function findSavedReplies(replies: readonly SavedReply[], typed: string, exact = false): SavedReplyMatch {
  const key = savedReplyKey(typed.replace(/[\u2066-\u2069]/g, ''));
  const same = replies.find((r) => savedReplyKey(r.name) === key);
  if (same) return { kind: 'one', reply: same };
  const starting = exact || key.length === 0 ? [] : replies.filter((r) => savedReplyKey(r.name).startsWith(key));
  const [only] = starting;
  if (starting.length === 1 && only) return { kind: 'one', reply: only };
  return starting.length === 0 ? { kind: 'none' } : { kind: 'several', replies: starting };
}

/** The first words of a text, on one line, for lists of replies. */
export function savedReplyPreview(text: string, max = 60): string {
  return clipText(text.replace(/\s+/g, ' ').trim(), max);
}
