import { InvocationError, InvocationErrorCode } from '@forge/events';
import { followUpOnTicket } from '../app/follow-up/follow-up-on-ticket';
import { narrowTicketEvent } from '../adapters/forge/jira-event-payload';
import { buildServices } from '../composition';
import { TicketServiceError } from '../domain/errors';

/**
 * The Jira product events of manifest.yml's `trigger` (a comment added, an issue updated), filtered by Forge with
 * `ignoreSelf` so the app's own comments never come back. Transport only: the payload is checked and narrowed,
 * then the core decides whether the ticket's user is told (follow-up/follow-up-on-ticket.ts). Jira failing for a
 * passing reason asks Forge to deliver the event again later; the delivery log keeps the user from hearing twice.
 */
export async function ticketEvents(payload: unknown): Promise<InvocationError | undefined> {
  const services = buildServices({ trigger: 'jira-event' });
  const event = narrowTicketEvent(payload);
  if ('ignored' in event) {
    services.log.info('ticket_event_ignored', { reason: event.ignored });
    return undefined;
  }
  try {
    const outcome = await followUpOnTicket(services, event);
    services.log.info('ticket_event', { kind: event.kind, issueKey: event.issueKey, outcome });
    return undefined;
  } catch (error) {
    if (!(error instanceof TicketServiceError) || !error.retryable) throw error;
    services.log.warn('ticket_event_retrying', { issueKey: event.issueKey, reason: error.message });
    return new InvocationError({ retryAfter: 60, retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST });
  }
}
