/** The conversation and transcript as the issue panel and the History tab show them (resolver-contract.ts re-exports these). */

/** The issue property `koji-conversation` of a ticket created from a conversation. */
export interface ConversationView {
  readonly conversationId: string;
  /** `slack` or `teams`. */
  readonly channel: string;
  readonly userName: string;
  readonly operatorName?: string | undefined;
}

export type TranscriptRole = 'user' | 'operator' | 'system';

/** One message of a conversation; `system` lines are the app's own notes (forwards, tickets, endings). */
export interface TranscriptLineView {
  readonly id: string;
  /** Epoch milliseconds. */
  readonly at: number;
  readonly role: TranscriptRole;
  readonly speakerName: string;
  readonly text: string;
  readonly attachments?: ReadonlyArray<{ readonly name: string; readonly url: string }> | undefined;
  /** An operator's `#note` (or another line for the service desk only): shown marked, never sent to the user. */
  readonly internal?: true | undefined;
  /** When its sender edited it in the chat (`text` is the edited text), or deleted it (no text left): shown marked. */
  readonly editedAt?: number | undefined;
  readonly deletedAt?: number | undefined;
}

/** A conversation as the issue panel shows it on its ticket. */
export interface TranscriptView {
  readonly participants: ReadonlyArray<{ readonly name: string; readonly role: 'user' | 'operator' }>;
  readonly startedAt?: number | undefined;
  readonly lastAt?: number | undefined;
  readonly lines: readonly TranscriptLineView[];
  /** The app's closing note, once the conversation ended. */
  readonly ending?: string | undefined;
  /** How the user rated the conversation, once they did. */
  readonly rating?: RatingView | undefined;
}

export interface RatingView {
  readonly scale: 'five-stars' | 'thumbs';
  /** 1 to 5 stars; on the thumbs scale 1 (up) or 0 (down). */
  readonly score: number;
  /** "4/5", "👍" or "👎". */
  readonly label: string;
  readonly comment?: string | undefined;
  /** Epoch milliseconds. */
  readonly at: number;
}
