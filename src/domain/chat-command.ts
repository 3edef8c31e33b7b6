/** Whom `forward_operator` should hand the conversation to. */
export type ForwardTarget =
  | { readonly by: 'number'; readonly number: number }
  | { readonly by: 'user-id'; readonly userId: string }
  | { readonly by: 'name'; readonly name: string }
  /** From a button: the operator's participant key. */
  | { readonly by: 'key'; readonly key: string };

/** What an operator asks for, named by intent rather than by the words typed. */
export type OperatorCommand =
  | { readonly kind: 'go-on-duty' }
  | { readonly kind: 'go-off-duty' }
  | { readonly kind: 'end-session' }
  | { readonly kind: 'create-ticket'; readonly summary?: string | undefined }
  | { readonly kind: 'list-operators' }
  | { readonly kind: 'forward'; readonly target?: ForwardTarget | undefined }
  | { readonly kind: 'help' }
  | { readonly kind: 'unknown'; readonly word: string };

/** What a user (not an operator) can ask for in words. */
export type UserCommand = { readonly kind: 'leave' };

interface CommandRule {
  /** Accepted spellings, compared with every space removed and in lower case. */
  readonly words: readonly string[];
  readonly takesArgument: boolean;
  readonly build: (argument: string | undefined) => OperatorCommand;
}

/** The one table of operator commands and their aliases. */
const OPERATOR_COMMANDS: readonly CommandRule[] = [
  { words: ['#on'], takesArgument: false, build: () => ({ kind: 'go-on-duty' }) },
  { words: ['#off'], takesArgument: false, build: () => ({ kind: 'go-off-duty' }) },
  { words: ['stop', '#exit', '#stop'], takesArgument: false, build: () => ({ kind: 'end-session' }) },
  { words: ['list_operators', '#list_operators'], takesArgument: false, build: () => ({ kind: 'list-operators' }) },
  { words: ['#help', 'help'], takesArgument: false, build: () => ({ kind: 'help' }) },
  {
    words: ['#create_ticket', 'create_ticket'],
    takesArgument: true,
    build: (summary) => ({ kind: 'create-ticket', summary }),
  },
  {
    words: ['forward_operator', '#forward_operator'],
    takesArgument: true,
    build: (arg) => ({ kind: 'forward', target: arg === undefined ? undefined : parseForwardTarget(arg) }),
  },
];

/** Command names as typed, for showing them as code: the spellings a plain word could not be mistaken for. */
export const OPERATOR_COMMAND_WORDS: readonly string[] = [...new Set(OPERATOR_COMMANDS.flatMap((r) => r.words).filter((w) => /[#_]/.test(w)))];

const USER_LEAVE_WORDS = ['stop', '#exit', 'exit', 'cancel', '#cancel'];

const TICKET_OFFER_ACCEPT_WORDS = ['ticket', 'yes', 'yesplease', 'ticketplease', 'ok', 'okay', 'createticket', 'createaticket', 'create_ticket', '#create_ticket'];

/** The commands only live agents may use; anyone else typing one is told so. */
export function isOperatorOnly(command: OperatorCommand): boolean {
  return ['go-on-duty', 'go-off-duty', 'create-ticket', 'list-operators', 'forward'].includes(command.kind);
}

/**
 * True when a user who was offered a ticket takes it up: "ticket", "yes",
 * "yes please". Only short, plain answers count, so that "ok thanks" said to
 * the bot hours later does not open a ticket.
 */
export function acceptsTicketOffer(text: string): boolean {
  return TICKET_OFFER_ACCEPT_WORDS.includes(compactForm(normalizeChatText(text)).replace(/[.!,]+/g, ''));
}

/** The command names operators see in help texts. */
export const OPERATOR_COMMAND_HELP: readonly string[] = [
  '#on (start your shift)',
  '#off (end your shift)',
  'stop or #exit (end the current conversation)',
  '#create_ticket [summary] (make a ticket from the conversation)',
  'list_operators (who is on duty)',
  'forward_operator [number or name] (hand the user to another operator)',
];

/**
 * Reads an operator's message as a command, or returns undefined for a message
 * meant for the user. Tolerates capitals, stray spaces and Slack channel links:
 * Slack turns a typed `#on` into `<#C0123|on>` when a channel of that name exists.
 */
export function parseOperatorCommand(text: string): OperatorCommand | undefined {
  const normalized = normalizeChatText(text);
  const compact = compactForm(normalized);
  for (const rule of OPERATOR_COMMANDS) {
    for (const word of rule.words) {
      if (compact === word) return rule.build(undefined);
      if (rule.takesArgument) {
        const argument = argumentAfter(normalized, word);
        if (argument !== undefined) return rule.build(argument);
      }
    }
  }
  // `#on for lunch`: a `#` command reads the same with a few words after it.
  const [head, ...rest] = normalized.split(/\s+/);
  if (head?.startsWith('#') && rest.length > 0) {
    const leading = parseOperatorCommand(head);
    if (leading && leading.kind !== 'unknown' && !OPERATOR_COMMANDS.some((r) => r.takesArgument && r.words.includes(compactForm(head)))) {
      return leading;
    }
  }
  // Only a literally typed `#word` is an unknown command; a Slack channel link opening a sentence is just words.
  const hashWord = /^#\s*([a-z][a-z_]*)(?:\s|$)/i.exec(text.trim());
  if (hashWord?.[1] !== undefined) return { kind: 'unknown', word: `#${hashWord[1].toLowerCase()}` };
  return undefined;
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
    const needle = wordsOf(phrase).join(' ');
    return needle.length > 0 && haystack.includes(` ${needle} `);
  });
}

/**
 * Long messages are questions for the bot, even when a phrase such as "agent"
 * appears in them ("my VPN agent crashes when…").
 */
const MAX_WORDS_OF_A_HANDOFF_REQUEST = 12;

export function parseForwardTarget(argument: string): ForwardTarget | undefined {
  const arg = argument.trim();
  if (arg.length === 0) return undefined;
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
  return text.replace(/\s+/g, '').toLowerCase();
}

function argumentAfter(normalized: string, word: string): string | undefined {
  const hash = word.startsWith('#') ? '#\\s*' : '#?\\s*';
  const name = word.replace(/^#/, '');
  const match = new RegExp(`^${hash}${name}(?:\\s+([\\s\\S]*))?$`, 'i').exec(normalized);
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
