import type { OutgoingMessage } from '../../domain/outgoing-message';
import { isIssueKey } from '../../domain/ticket-follow-up';

/**
 * The message metadata the bot's posts carry (chat.postMessage `metadata`), read back with conversations.history
 * (`include_all_metadata`): a relayed line's id, so a later look can tell whether it arrived; the ticket a follow-up
 * with **Reply on ticket** is about, so a reply in its thread can find the ticket.
 */
const RELAY_METADATA_TYPE = 'koji_relayed_line';
const FOLLOW_UP_METADATA_TYPE = 'koji_ticket_follow_up';

type PostMetadata = { readonly event_type: string; readonly event_payload: Record<string, string> };
type ReadMetadata = { metadata?: { event_type?: unknown; event_payload?: { line?: unknown; ticket?: unknown } } } | undefined;

/** The metadata a post of `message` carries, as chat.postMessage's arguments (none for most messages). */
export function metadataOf(message: OutgoingMessage): { metadata?: PostMetadata } {
  if (message.lineId) return { metadata: { event_type: RELAY_METADATA_TYPE, event_payload: { line: message.lineId } } };
  const ticket = message.buttons?.find((b) => b.action === 'reply-on-ticket')?.value;
  return isIssueKey(ticket) ? { metadata: { event_type: FOLLOW_UP_METADATA_TYPE, event_payload: { ticket } } } : {};
}

/** Whether a message from conversations.history is the relay of line `lineId`. */
export function isRelayOf(message: unknown, lineId: string): boolean {
  const metadata = (message as ReadMetadata)?.metadata;
  return metadata?.event_type === RELAY_METADATA_TYPE && metadata.event_payload?.line === lineId;
}

/** The ticket a message from conversations.history follows up on, checked as an issue key; undefined for any other. */
export function followUpTicketOf(message: unknown): string | undefined {
  const metadata = (message as ReadMetadata)?.metadata;
  const ticket = metadata?.event_type === FOLLOW_UP_METADATA_TYPE ? metadata.event_payload?.ticket : undefined;
  return isIssueKey(ticket) ? ticket : undefined;
}
