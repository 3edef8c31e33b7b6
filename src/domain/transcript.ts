import type { TranscriptCursor } from './conversation';
import type { TextLink } from './chat-text';
import type { Participant } from './participant';
import { clipText } from './text';

export type SpeakerRole = 'user' | 'operator' | 'system';

/** A file someone shared: its name and link, and what its platform said of it (the adapter checked each field). */
export interface AttachmentRef {
  readonly name: string;
  /** Where people see it (a permalink): shown as a link in the issue panel, https only. */
  readonly url: string;
  readonly size?: number | undefined;
  /** The MIME type the platform reported, lower case. */
  readonly mimeType?: string | undefined;
  /**
   * Where the app downloads it with its own credentials: on the sender's platform's file host only (checked when
   * the message came in and again before the download). Absent: the file can only be shown as a link.
   */
  readonly download?: string | undefined;
}

/**
 * One message of a conversation. Its `id` is the delivery id of the chat event
 * that carried it, so writing the line doubles as the record that the event
 * was handled.
 */
export interface TranscriptLine {
  readonly id: string;
  readonly at: number;
  readonly role: SpeakerRole;
  readonly speakerName: string;
  readonly speaker?: Participant | undefined;
  /** What the person typed, as plain text: readable in the panel and on the ticket. */
  readonly text: string;
  /** Links their chat client made, each at its label in `text`; relays show them as links. */
  readonly links?: readonly TextLink[] | undefined;
  readonly attachments?: readonly AttachmentRef[] | undefined;
  /**
   * For the service desk's eyes only (an operator's `#note`, a rating, a forward's note): never relayed to the
   * user, and on a ticket only as an internal comment, never in its description or a public comment.
   */
  readonly internal?: true | undefined;
  /** When its sender last edited it (ms): `text` is the edited text (edits/handle-chat-edit.ts). */
  readonly editedAt?: number | undefined;
  /** When its sender deleted it (ms): its words, links and files are gone; the line stays, shown as deleted. */
  readonly deletedAt?: number | undefined;
  /** When an operator redacted it (`#redact`, ms): `text` is the marker that says by whom and when; its words, links and files are gone. */
  readonly redactedAt?: number | undefined;
}

/** Whether a line may reach the user, or a ticket's customer-visible parts. */
export function isInternal(line: TranscriptLine): boolean {
  return line.internal === true;
}

export function compareLines(a: TranscriptLine, b: TranscriptLine): number {
  return a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function cursorOf(line: TranscriptLine): TranscriptCursor {
  return { at: line.at, id: line.id };
}

export function isAfter(line: TranscriptLine, cursor: TranscriptCursor | undefined): boolean {
  if (!cursor) return true;
  return line.at > cursor.at || (line.at === cursor.at && line.id > cursor.id);
}

/** The first words a user wrote that say something (`saysNothing`: "operator" alone), as a ticket summary when the operator gives none. */
export function summaryFromLines(lines: readonly TranscriptLine[], fallback: string, saysNothing: (text: string) => boolean = () => false): string {
  const first = lines.find((l) => l.role === 'user' && l.text.trim().length > 0 && !saysNothing(l.text));
  // Cut between whole characters (emoji sequences included), never inside one.
  const flat = (first?.text ?? fallback).replace(/\s+/g, ' ').trim();
  return flat.length <= 120 ? flat : `${clipText(flat, 118, '').trimEnd()}…`;
}

/** Jira's limit on a summary, in UTF-16 units as Jira counts them. */
export const SUMMARY_MAX_CHARS = 255;

/**
 * A ticket summary Jira takes: one line (Jira refuses line breaks in a
 * summary) of at most 255 characters, cut at a whole character with an ellipsis.
 */
export function oneLineSummary(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  if (line.length <= SUMMARY_MAX_CHARS) return line;
  return `${clipText(line, SUMMARY_MAX_CHARS - 1, '').trimEnd()}…`;
}

/**
 * Whether an attachment link may be shown as a link: https only. Chat
 * platforms hand over whatever URL a message carried; `javascript:` or `data:`
 * must never become an href in the issue panel or the ticket.
 */
export function isSafeLink(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}
