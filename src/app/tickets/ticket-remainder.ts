import type { Conversation, TranscriptCursor } from '../../domain/conversation';
import { TicketServiceError } from '../../domain/errors';
import { KojiError } from '../../domain/koji-error';
import { say } from '../../domain/replies';
import { isAfter, type TranscriptLine } from '../../domain/transcript';
import { notify } from '../delivery/notify';
import type { CoreDeps } from '../ports';
import { systemLineId } from '../transcript/transcript-ids';
import { attachFilesLater, ticketOf } from '../files/ticket-files';

/**
 * When a conversation that already has a ticket closes, in whatever way (ended,
 * left the queue, timed out, support switched off), what was said after the
 * ticket goes on it as a comment, so the ticket holds the whole conversation.
 */
export async function addRemainderToTicket(deps: CoreDeps, conversation: Conversation): Promise<void> {
  const { ticket } = conversation;
  if (!ticket) return;
  const lines = linesAfterTicket(await deps.transcripts.read(conversation.id, { after: ticket.coveredThrough }), ticket.coveredThrough);
  if (lines.length === 0) return;
  try {
    await deps.tickets.addComment(ticket.key, conversation.id, lines);
    await attachFilesLater(deps, ticketOf(conversation, ticket.key), lines);
  } catch (error) {
    if (!(error instanceof KojiError)) throw error;
    deps.log.warn('ticket_remainder_not_added', { ticket: ticket.key, code: error.code, reason: error.message });
    // The conversation is over, so the operator who held it is the one who can see to the ticket.
    if (conversation.state.kind !== 'with-operator') return;
    await notify(deps, conversation.state.operator, {
      kind: 'notice',
      text: say(conversation.state.operatorLang).toOperator.ticketRemainderNotAdded(conversation.userName, ticket.key, error.message, error instanceof TicketServiceError ? error.retryable : true),
      conversationId: conversation.id,
    });
  }
}

/** What a ticket does not have yet; the note that it was created is not news to the ticket itself. */
export function linesAfterTicket(lines: readonly TranscriptLine[], cursor: TranscriptCursor): TranscriptLine[] {
  return lines.filter((l) => isAfter(l, cursor) && !l.id.startsWith(TICKET_NOTE_PREFIX));
}

const TICKET_NOTE_PREFIX = systemLineId('ticket', 0).replace(/0$/, '');
