import { messageOf } from '../../domain/koji-error';
import type { TranscriptLine } from '../../domain/transcript';
import type { CoreDeps } from '../ports';
import { systemLineId } from '../transcript/transcript-ids';

/** A message's time as a ticket note names it: `YYYY-MM-DD HH:MM UTC`. */
export function sentAtOnTicket(at: number): string {
  return `${new Date(at).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/**
 * An internal comment on a ticket that already holds a message which changed in Koji (edited, deleted,
 * redacted): Jira's comments are Jira's, so the app says so instead of rewriting them. `kind` and `at` make the
 * note's line id. A failure is logged and answered false, never thrown: the change itself already stands.
 */
export async function noteOnTicket(
  deps: Pick<CoreDeps, 'tickets' | 'clock' | 'log'>,
  ticketKey: string,
  conversationId: string,
  note: { readonly kind: string; readonly at: number; readonly text: string },
): Promise<boolean> {
  const line: TranscriptLine = { id: systemLineId(note.kind, note.at), at: deps.clock.now(), role: 'system', speakerName: 'Koji', text: note.text, internal: true };
  try {
    await deps.tickets.addComment(ticketKey, conversationId, [line]);
    return true;
  } catch (error) {
    deps.log.warn(`${note.kind}_not_on_ticket`, { conversationId, ticketKey, reason: messageOf(error) });
    return false;
  }
}
