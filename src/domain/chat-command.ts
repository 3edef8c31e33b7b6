/** Whom `forward_operator` should hand the conversation to. */
export type ForwardTarget =
  | { readonly by: 'number'; readonly number: number }
  | { readonly by: 'user-id'; readonly userId: string }
  | { readonly by: 'name'; readonly name: string }
  /** From a button: the operator's participant key. */
  | { readonly by: 'key'; readonly key: string }
  /** `forward_operator anyone`: back to the queue, for the next operator other than the one forwarding. */
  | { readonly by: 'queue' };

/** The words that forward to the queue instead of to someone. */
const FORWARD_TO_QUEUE_WORDS = ['anyone', 'queue', 'the queue', 'anybody'];

/** A note for the next operator may be this long; past it the operator is told, nothing is cut. */
export const MAX_FORWARD_NOTE_CHARS = 1_000;

/**
 * `forward_operator Uma Smith: needs a VPN reset`: whom to (what comes before the first colon outside a Slack
 * mention or link) and the note for them (after it). No colon: no note.
 */
export function parseForwardArgument(argument: string): { readonly target?: ForwardTarget | undefined; readonly note?: string | undefined } {
  let depth = 0;
  let colon = -1;
  for (let i = 0; i < argument.length && colon < 0; i += 1) {
    const c = argument[i];
    if (c === '<') depth += 1;
    else if (c === '>') depth = Math.max(0, depth - 1);
    else if (c === ':' && depth === 0) colon = i;
  }
  const who = colon < 0 ? argument : argument.slice(0, colon);
  const note = colon < 0 ? undefined : argument.slice(colon + 1).trim();
  return { target: parseForwardTarget(who), ...(note ? { note } : {}) };
}

/** What a user (not an operator) can ask for in words. */
export type UserCommand = { readonly kind: 'leave' };

/** How a command is typed: its spellings, and whether words after it are its argument. */
export interface CommandWords {
  /** Accepted spellings, compared with every space removed and in lower case. */
  readonly names: readonly string[];
  readonly takesArgument: boolean;
}

/** What a text says when read against a table of commands. */
export type CommandMatch<R extends CommandWords> =
  | { readonly kind: 'command'; readonly rule: R; readonly argument: string | undefined }
  | { readonly kind: 'unknown'; readonly word: string };

/** Command names as typed, for showing them as code: the spellings a plain word could not be mistaken for. */
export function codeWords(table: readonly CommandWords[]): readonly string[] {
  return [...new Set(table.flatMap((r) => r.names).filter((w) => /[#_]/.test(w)))];
}

/** What a user types to leave the queue or end a conversation, in the languages Koji speaks (the replies name one of each). */
const USER_LEAVE_WORDS = ['stop', '#exit', 'exit', 'cancel', '#cancel', 'annuler', 'arrêter', 'arreter', 'quitter', 'abbrechen', 'beenden', 'stopp'];

const TICKET_OFFER_ACCEPT_WORDS = [
  'ticket', 'yes', 'yesplease', 'ticketplease', 'ok', 'okay', 'createticket', 'createaticket', 'create_ticket', '#create_ticket',
  'oui', 'ouimerci', 'ouisvp', 'ja', 'jabitte', 'ticketbitte',
];

/**
 * True when a user who was offered a ticket takes it up: "ticket", "yes",
 * "yes please". Only short, plain answers count, so that "ok thanks" said to
 * the bot hours later does not open a ticket.
 */
export function acceptsTicketOffer(text: string): boolean {
  return TICKET_OFFER_ACCEPT_WORDS.includes(compactForm(normalizeChatText(text)).replace(/[.!,]+/g, ''));
}

/**
 * Reads a message against a table of commands, or returns undefined for words
 * meant for a person. Tolerates capitals, stray spaces and Slack channel links:
 * Slack turns a typed `#on` into `<#C0123|on>` when a channel of that name exists.
 */
export function matchCommand<R extends CommandWords>(text: string, table: readonly R[]): CommandMatch<R> | undefined {
  const normalized = normalizeChatText(text);
  const compact = compactForm(normalized);
  for (const rule of table) {
    for (const word of rule.names) {
      if (compact === word) return { kind: 'command', rule, argument: undefined };
      if (rule.takesArgument) {
        const argument = argumentAfter(normalized, word);
        if (argument !== undefined) return { kind: 'command', rule, argument };
      }
    }
  }
  // `#on for lunch`: a `#` command reads the same with a few words after it.
  const [head, ...rest] = normalized.split(/\s+/);
  if (head?.startsWith('#') && rest.length > 0) {
    const leading = matchCommand(head, table);
    if (leading?.kind === 'command' && !leading.rule.takesArgument) return leading;
  }
  // Only a literally typed `#word` is an unknown command; a Slack channel link opening a sentence is just words.
  // Punctuation right after the word ("#foo:") makes it no less a command word: refused, never relayed.
  const hashWord = /^#\s*([a-z][a-z_]*)(?![a-z0-9_])/i.exec(text.trim());
  if (hashWord?.[1] === undefined) return undefined;
  const word = `#${hashWord[1].toLowerCase()}`;
  // `#off!`: a command that takes no words, with a mark after it.
  const known = compact === word ? undefined : matchCommand(word, table);
  return known?.kind === 'command' && !known.rule.takesArgument ? known : { kind: 'unknown', word };
}

/** Reads a user's message as a command to leave the queue or the conversation. */
export function parseUserCommand(text: string): UserCommand | undefined {
  return USER_LEAVE_WORDS.includes(compactForm(normalizeChatText(text))) ? { kind: 'leave' } : undefined;
}

/** True when a user's words ask for a human: a configured phrase, as whole words, in a short message. */
export function asksForHuman(text: string, phrases: readonly string[]): boolean {
  const words = wordsOf(text);
  if (words.length === 0 || words.length > MAX_WORDS_OF_A_HANDOFF_REQUEST) return false;
  const haystack = ` ${words.join(' ')} `;
  return phrases.some((phrase) => {
    const needle = handoffPhraseKey(phrase);
    return needle.length > 0 && haystack.includes(` ${needle} `);
  });
}

/**
 * A handoff phrase as asksForHuman reads it: its words, in lower case, one space apart. Two phrases with the
 * same key ask for the same thing; a phrase whose key is empty (only punctuation) can never match.
 */
/** True for a message that says nothing but a handoff phrase ("operator"): it asks, it does not tell what about. */
export function isOnlyAHandoffPhrase(text: string, phrases: readonly string[]): boolean {
  const said = handoffPhraseKey(text);
  return said.length > 0 && phrases.some((phrase) => handoffPhraseKey(phrase) === said);
}

export function handoffPhraseKey(phrase: string): string {
  return wordsOf(phrase).join(' ');
}

/**
 * Long messages are questions for the bot, even when a phrase such as "agent"
 * appears in them ("my VPN agent crashes when…").
 */
export const MAX_WORDS_OF_A_HANDOFF_REQUEST = 12;

/**
 * True for what a user types to leave the queue or take a ticket ("cancel", "ticket", "yes"): read as that
 * before any phrase, so it can never be a handoff phrase.
 */
export function isUsersOwnWord(phrase: string): boolean {
  const compact = compactForm(phrase);
  return USER_LEAVE_WORDS.includes(compact) || TICKET_OFFER_ACCEPT_WORDS.includes(compact);
}

export function parseForwardTarget(argument: string): ForwardTarget | undefined {
  const arg = argument.trim();
  if (arg.length === 0) return undefined;
  if (FORWARD_TO_QUEUE_WORDS.includes(arg.toLowerCase().replace(/\s+/g, ' '))) return { by: 'queue' };
  if (/^\d{1,3}$/.test(arg)) return { by: 'number', number: Number(arg) };
  const mention = /^<@([A-Z0-9]+)(?:\|[^>]*)?>$/i.exec(arg);
  if (mention?.[1] !== undefined) return { by: 'user-id', userId: mention[1] };
  // A Slack mention as the receiver shows it: `@` and the user id (capitals and digits, as display names rarely are).
  const shownMention = /^@([UW][A-Z0-9]{2,})$/.exec(arg);
  if (shownMention?.[1] !== undefined) return { by: 'user-id', userId: shownMention[1] };
  return { by: 'name', name: arg.replace(/^@/, '').trim() };
}

/** Replaces Slack channel links with the words they stand for. */
export function normalizeChatText(text: string): string {
  return text.replace(/<#[A-Z0-9]+\|([^>]*)>/gi, '#$1').trim();
}

function compactForm(text: string): string {
  // NFC: "arrêter" typed with a combining accent is the same word.
  return text.normalize('NFC').replace(/\s+/g, '').toLowerCase();
}

function argumentAfter(normalized: string, word: string): string | undefined {
  const hash = word.startsWith('#') ? '#\\s*' : '#?\\s*';
  const name = word.replace(/^#/, '');
  // `#note: text` and `#note - text` read as `#note text`: a `#` command's words may follow a colon or a dash.
  const separator = word.startsWith('#') ? '(?:\\s*[:,;\\-–—]\\s*|\\s+)' : '\\s+';
  const match = new RegExp(`^${hash}${name}(?:${separator}([\\s\\S]*))?$`, 'i').exec(normalized);
  if (!match) return undefined;
  const argument = match[1]?.trim();
  return argument && argument.length > 0 ? argument : undefined;
}

function wordsOf(text: string): string[] {
  // NFC first, and combining marks kept: in Hindi or Thai a vowel sign is part of the word, not a separator.
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\s]+/gu, ' ')
    .split(/\s+/)
    .filter((w) => w.length > 0);
}
