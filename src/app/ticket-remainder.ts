import type { ChatSession } from '../domain/chat-session';
import { DomainError } from '../domain/errors';
import { linesAfterTicket } from './create-ticket';
import type { CoreDeps } from './ports';

/**
 * When a conversation that already has a ticket ends, what was said after the
 * ticket goes on it as a comment, so the ticket holds the whole conversation.
 */
export async function addRemainderToTicket(deps: CoreDeps, session: ChatSession): Promise<void> {
  const { ticket } = session;
  if (!ticket) return;
  const lines = linesAfterTicket(await deps.transcripts.read(session.id, { after: ticket.coveredThrough }), ticket.coveredThrough);
  if (lines.length === 0) return;
  try {
    await deps.tickets.addComment(ticket.key, session.id, lines);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    // The transcript keeps every line; the ticket can still be completed from it.
    deps.log.warn('ticket_remainder_not_added', { ticket: ticket.key, code: error.code, reason: error.message });
  }
}
