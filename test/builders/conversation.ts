import type { Conversation, ConversationState, TicketOfferReason } from '../../src/domain/conversation';
import type { Participant } from '../../src/domain/participant';
import { aParticipant, PROJECT_ID, T0 } from './operator';

export function queued(since: number = T0, enteredAt: number = since): ConversationState {
  return { kind: 'queued', since, enteredAt };
}

export function withOperator(operator: Participant, operatorName = 'Alice', since: number = T0): ConversationState {
  return { kind: 'with-operator', operator, operatorName, since };
}

export function ticketOffered(since: number = T0, reason: TicketOfferReason = 'no-operator-on-duty'): ConversationState {
  return { kind: 'ticket-offered', since, reason };
}

/**
 * A queued conversation of user `n` (default 1) in the default project: id `conv-01`,
 * user `U0USER01`, asked at T0. Override anything, e.g. `aSession(3, { state: queued(T0 + 5) })`.
 */
export function aConversation(n = 1, overrides: Partial<Conversation> = {}): Conversation {
  const suffix = String(n).padStart(2, '0');
  return {
    id: `conv-${suffix}`,
    projectId: PROJECT_ID,
    user: aParticipant({ userId: `U0USER${suffix}` }),
    userName: `User ${suffix}`,
    requestedAt: T0,
    state: queued(),
    ...overrides,
  };
}
