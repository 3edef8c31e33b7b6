import type { Conversation, TicketOfferReason } from '../../domain/conversation';
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
  conversation: Conversation,
  reason: TicketOfferReason,
  stillApplies: (current: Conversation) => boolean = () => true,
): Promise<Conversation | undefined> {
  return untilCommitted(async () => {
    const current = await deps.state.getConversation(conversation.user);
    if (!current || current.value.id !== conversation.id || current.value.state.kind !== 'queued') return undefined;
    if (!stillApplies(current.value)) return undefined;
    const offered: Conversation = { ...current.value, state: { kind: 'ticket-offered', since: deps.clock.now(), reason } };
    return (await deps.state.commit([{ kind: 'put-conversation', conversation: offered, expected: current.version }])) ? offered : LOST_RACE;
  });
}
