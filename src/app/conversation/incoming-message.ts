import type { Language } from '../../domain/language';
import type { ChatActionKind } from '../../domain/outgoing-message';
import type { Participant } from '../../domain/participant';
import type { TextLink } from '../../domain/chat-text';
import type { AttachmentRef } from '../../domain/transcript';

/**
 * One message or button click from Slack or Teams, already verified and
 * narrowed by the channel adapter. The same shape comes from every channel.
 */
export interface IncomingChatMessage {
  /** The platform's delivery id (Slack event_id, Teams activity id): the same on every retry. */
  readonly id: string;
  /** The Jira project whose live agents serve the sender's tenant. */
  readonly projectId: string;
  readonly from: Participant;
  /** The sender's display name, when the platform sent it along. */
  readonly senderName?: string | undefined;
  /** What the person typed, as plain text: the channel's markup already read. */
  readonly text: string;
  /** Links the sender's client made, each at its label in `text`. */
  readonly links?: readonly TextLink[] | undefined;
  /** When the platform says the message was sent, in ms; orders the transcript. */
  readonly sentAt: number;
  readonly attachments?: readonly AttachmentRef[] | undefined;
  /** A button click instead of typed words. */
  readonly action?: { readonly kind: ChatActionKind; readonly value?: string | undefined } | undefined;
  /** The conversation a reply belongs to, when the platform can tell (a thread, a card). */
  readonly conversationId?: string | undefined;
  /** The thread the message replies in (Slack: its `thread_ts`, a checked ts, other than its own): a follow-up's thread goes on the ticket. */
  readonly inThreadOf?: string | undefined;
  /** The sender's locale when the platform sends it with every message (Teams' `locale`), checked (isLocale). */
  readonly locale?: string | undefined;
  /**
   * The language Koji answers the sender in, once the router settled it: their conversation's, their operator
   * record's, or for someone talking to the bot their locale's or the project's default. Undefined: English.
   */
  readonly language?: Language | undefined;
}

/** What became of a message: for logs, counters and the benchmark. */
export type MessageOutcome =
  | 'relayed'
  | 'relayed-later'
  | 'relay-failed'
  | 'recorded'
  | 'duplicate'
  | 'command'
  | 'refused'
  | 'handoff'
  | 'left'
  | 'ticket'
  | 'assistant'
  /** A score or a comment for a conversation that ended (ratings). */
  | 'rated'
  /** Reply on ticket opened, or the user's reply added to their ticket (follow-up/reply-on-ticket.ts). */
  | 'ticket-reply'
  | 'failed';

/**
 * What became of a message, and for a button click that settled something,
 * a short note ("Ended by you") the channel shows on the card in place of its
 * buttons, so the card reads as used. No note: the card stays as it was (the
 * click was refused, failed, or a duplicate of one already handled).
 */
export interface HandledMessage {
  readonly outcome: MessageOutcome;
  readonly cardNote?: string | undefined;
}
