import type { TextLink } from '../../domain/chat-text';
import type { Participant } from '../../domain/participant';
import type { TranscriptLine } from '../../domain/transcript';
import type { SentCard, SentLine } from '../ports';

/**
 * A person edited or deleted a message they sent (Slack `message_changed` / `message_deleted`, Teams
 * `messageUpdate` / `messageDelete`), verified and narrowed by the channel adapter; the same shape from every channel.
 */
export interface IncomingChatEdit {
  /** This delivery's id (Slack's event_id; Teams: the activity, and for an edit its time): claimed once. */
  readonly id: string;
  readonly projectId: string;
  readonly from: Participant;
  /** The message edited or deleted, as its transcript line is keyed: the IncomingChatMessage.id it first came with. */
  readonly lineId: string;
  /** When it was edited or deleted (ms); an edit older than the line's last one changes nothing. */
  readonly at: number;
  readonly change: { readonly kind: 'edited'; readonly text: string; readonly links?: readonly TextLink[] | undefined } | { readonly kind: 'deleted' };
}

/** What became of an edit: for logs and the benchmark. `ignored`: no line of the sender's has that id (not relayed, too old). */
export type EditOutcome = 'edited' | 'deleted' | 'ignored' | 'duplicate' | 'refused';

/** A transcript line as found by its id, with what rewriting it needs (its conversation, when it expires). */
export interface StoredLine {
  readonly conversationId: string;
  readonly line: TranscriptLine;
  /** Epoch ms when the line's TTL ends; a revision keeps it. Absent: stored without a TTL. */
  readonly expiresAt?: number | undefined;
}

/** The transcript's part in edits: lines found by key (never a scan) and rewritten in place. */
export interface LineRevisions {
  /** The lines that exist among these (conversation, line id) keys, in one read (at most 25 keys). */
  findLines(keys: ReadonlyArray<{ readonly conversationId: string; readonly lineId: string }>): Promise<StoredLine[]>;
  /** Rewrites a line found by findLines with `line` (same id), keeping its expiry. */
  reviseLine(found: StoredLine, line: TranscriptLine): Promise<void>;
}

/**
 * The chat side of edits: finding and changing the copy of a relayed line that the other side received.
 * `findCopy`: platforms that can look back (Slack: the copy's message metadata names its line, found with
 * conversations.open and one conversations.history call); `findsCopies` says so, and where it is false the relay keeps where each copy went
 * (edits/relayed-copy.ts). `remove`: deletes a message the bot sent. Each throws ChatDeliveryError.
 */
export interface ChatCopies {
  findCopy?(to: Participant, sent: SentLine): Promise<SentCard | undefined>;
  findsCopies?(to: Participant): boolean;
  remove?(to: Participant, sent: SentCard): Promise<void>;
}
