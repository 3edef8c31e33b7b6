import { isolatedName } from '../text';

/**
 * What stands in a message for a secret Koji removed (auto-redaction.ts), in the conversation's language: the
 * transcript, the other side's copy and any ticket read the same marker, in square brackets.
 */
export const redactionMarkers = {
  cardNumber: 'card number removed',
  password: 'password removed',
  credential: 'access key removed',
};

type Found = readonly ('cardNumber' | 'password' | 'credential')[];

const SECRET_NAMES = { cardNumber: 'a card number', password: 'a password', credential: 'an access key' } as const;

/** "a card number", "a card number and a password", "a card number, a password and an access key". */
function listed(found: Found): string {
  const names = found.map((kind) => SECRET_NAMES[kind]);
  return names.length < 2 ? (names[0] ?? SECRET_NAMES.password) : `${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}`;
}

/** Redaction, automatic (app/privacy/screen-line.ts) and by an operator's `#redact` (app/commands/redact.ts). */
export const redactionReplies = {
  /** To the sender, once per conversation, in their language. */
  secretsRemoved: (found: Found) => `Koji removed what looked like ${listed(found)} from your message before passing it on.`,
  /** What a redacted message reads everywhere Koji keeps it (in square brackets), in the desk's language; `at`: `HH:MM UTC`. */
  redactedBy: (operatorName: string, at: string) => `redacted by ${isolatedName(operatorName)} at ${at}`,
  /** The transcript's internal note of it. */
  redactedNote: (operatorName: string) => `${isolatedName(operatorName)} redacted a message.`,
  /** On a ticket that already holds the message: `sentAt` as `YYYY-MM-DD HH:MM UTC`. */
  ticketNote: (operatorName: string, name: string, sentAt: string) =>
    `${isolatedName(operatorName)} redacted ${isolatedName(name)}’s message of ${sentAt} in Koji. This ticket already holds it: please remove it from the ticket by hand.`,
  /** To the operator: what changed, and what Koji cannot change. */
  redacted: (userName: string, sentAt: string, copyReplaced: boolean, onTicket: boolean) =>
    `${isolatedName(userName)}’s message of ${sentAt} is redacted in the transcript${copyReplaced ? ' and in the copy Koji posted in your chat' : ''}.` +
    `${copyReplaced ? '' : ' Koji could not change its copy in your chat.'}` +
    `${onTicket ? ' Its ticket already held it: the service desk is asked to remove it there.' : ''}` +
    ` ${isolatedName(userName)}’s own message stays in their chat: Koji cannot change what someone else sent.`,
  /** The argument is no number from 1 to `back`. */
  redactTakesANumber: (back: number) => `#redact takes which of the user’s messages to remove, counted from their last: a number from 1 to ${back}, or nothing for the last one.`,
  /** Nothing matches: what #redact takes. */
  nothingToRedact: (userName: string, back: number) =>
    `Koji found no such message from ${isolatedName(userName)} to redact. #redact removes their last message, #redact 2 the one before it, up to #redact ${back}.`,
};
