import type { TextLink } from './chat-text';
import type { KbArticle } from './knowledge-base';
import type { AttachmentRef, TranscriptLine } from './transcript';

/**
 * The one list of buttons a chat adapter may render; a click comes back as the
 * same intent. Adapters check a click against it; commands say which they answer.
 */
export const CHAT_ACTION_KINDS = ['request-operator', 'leave', 'end-session', 'create-ticket', 'forward', 'accept-ticket', 'accept-offer', 'decline-offer', 'send-saved-reply', 'rate', 'kb-solved', 'reply-on-ticket'] as const;

export type ChatActionKind = (typeof CHAT_ACTION_KINDS)[number];

export function isChatActionKind(value: unknown): value is ChatActionKind {
  return (CHAT_ACTION_KINDS as readonly unknown[]).includes(value);
}

export interface ChatButton {
  readonly action: ChatActionKind;
  readonly label: string;
  /** For `forward`: the chosen operator's participant key; for `accept-offer`/`decline-offer`: the offered conversation's id; for `send-saved-reply`: the reply's name; for `rate`: the score's value (rating.ts); for `reply-on-ticket`: the ticket's key. */
  readonly value?: string | undefined;
}

/**
 * What the core says to someone, channel-neutral. Adapters render it as Block
 * Kit, an Adaptive Card or plain text.
 */
export interface OutgoingMessage {
  /** `relay` carries another person's words; `request` offers a user to an operator; the rest are notices. */
  readonly kind: 'notice' | 'relay' | 'request' | 'choice';
  /** Plain text: relayed words as typed, or the app's own sentence. Adapters escape it for their surface. */
  readonly text: string;
  /**
   * For relayed words: links the sender's client made, each at its label in `text`. For a notice: the app's own
   * links (a ticket's address), so every surface shows them as links; never a person's words.
   */
  readonly links?: readonly TextLink[] | undefined;
  /** For relayed words: whose they are. */
  readonly senderName?: string | undefined;
  /** The conversation this message belongs to, so adapters can thread it and tie buttons to it. */
  readonly conversationId?: string | undefined;
  readonly buttons?: readonly ChatButton[] | undefined;
  /** For relayed words: files the sender shared, as links. */
  readonly attachments?: readonly AttachmentRef[] | undefined;
  /**
   * For relayed words: the transcript line they are, so a platform that can
   * look back (Slack's message metadata) can tell whether an attempt that
   * timed out arrived after all.
   */
  readonly lineId?: string | undefined;
  /** For requests and forwards: the user's recent messages or the transcript so far. */
  readonly excerpt?: readonly TranscriptLine[] | undefined;
  /** The assistant's answer: knowledge-base articles, each a title (a link when `url` is set), and an excerpt. Untrusted text. */
  readonly articles?: readonly KbArticle[] | undefined;
}

export function notice(text: string, extra: Partial<Omit<OutgoingMessage, 'kind' | 'text'>> = {}): OutgoingMessage {
  return { kind: 'notice', text, ...extra };
}
