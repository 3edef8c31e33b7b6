import type { ChatSession, TicketOfferReason } from '../../domain/chat-session';
import { LOST_RACE, untilCommitted } from '../compare-and-set';
import type { CoreDeps } from '../ports';

/**
 * Turns a waiting user's request into a ticket offer: nobody can take it (the
 * queue timed out, support was turned off), and the user's messages can still
 * reach the service desk. The same conversation carries on, so a ticket holds
 * all of it. Undefined when the user stopped waiting meanwhile (connected,
 * left, handed a different conversation) or `stillApplies` no longer holds on
 * the fresh read; the caller then tells them nothing.
 */
export async function offerTicketInstead(
  deps: CoreDeps,
  session: ChatSession,
  reason: TicketOfferReason,
  stillApplies: (current: ChatSession) => boolean = () => true,
): Promise<ChatSession | undefined> {
  return untilCommitted(async () => {
    const current = await deps.state.getSession(session.user);
    if (!current || current.value.id !== session.id || current.value.state.kind !== 'queued') return undefined;
    if (!stillApplies(current.value)) return undefined;
    const offered: ChatSession = { ...current.value, state: { kind: 'ticket-offered', since: deps.clock.now(), reason } };
    return (await deps.state.commit([{ kind: 'put-session', session: offered, expected: current.version }])) ? offered : LOST_RACE;
  });
}
