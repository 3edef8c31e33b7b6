import type { Conversation } from './conversation';
import type { PendingOffer } from './operator';
import { participantKey, type Participant } from './participant';

/**
 * How many operators one user's record remembers as having passed them over: far more than a team that could
 * each decline one user, and it keeps the record (and routing's pages past them) small.
 */
const MAX_PASSED_OVER = 100;

/** Back in the queue in the same place, with `operator` added to those never to be offered this user again. */
export function backInLine(conversation: Conversation, operator: Participant | undefined): Conversation {
  const { state } = conversation;
  if (state.kind !== 'offered') return conversation;
  const passedOver = [...(state.passedOver ?? []), ...(operator ? [participantKey(operator)] : [])].slice(-MAX_PASSED_OVER);
  return {
    ...conversation,
    state: { kind: 'queued', since: state.since, enteredAt: state.enteredAt, offeredBefore: true, ...(passedOver.length > 0 ? { passedOver } : {}) },
  };
}

/** Whether a conversation still waits on this very offer. */
export function isOpenOffer(conversation: Conversation, offer: PendingOffer): boolean {
  const { state } = conversation;
  return conversation.id === offer.sessionId && state.kind === 'offered' && state.offer.id === offer.id;
}

