import { isWaiting, type Conversation } from '../../domain/conversation';
import { messageOf } from '../../domain/koji-error';
import { sameParticipant } from '../../domain/participant';
import { offersOf, type Operator, type PendingOffer } from '../../domain/operator';
import type { OutgoingMessage } from '../../domain/outgoing-message';
import type { Language } from '../../domain/language';
import { say } from '../../domain/replies';
import type { LiveAgentSettings } from '../../domain/settings';
import { notify, notifyCard } from '../delivery/notify';
import type { CoreDeps, Expected, StateWrite, Versioned } from '../ports';
import { handoverExcerpt, handoverText, type HandoverExcerpt } from '../transcript/handover-excerpt';

/** A card whose offer was settled without a click is updated for this long after its window; later, it is left as it is. */
const CARD_MEMORY_SECONDS = 60 * 60;

/**
 * The pair of writes that offers a waiting user to an operator (offer mode): both succeed or neither. The user
 * keeps their place in line; the offer takes a place under the operator's capacity until it is settled.
 */
export function offerWrites(
  conversation: Conversation,
  conversationExpected: Expected,
  operator: Versioned<Operator>,
  now: number,
  settings: LiveAgentSettings,
): { conversation: Conversation; operator: Operator; offer: PendingOffer; writes: StateWrite[] } {
  const { state } = conversation;
  const waiting = isWaiting(state) ? state : { since: now, enteredAt: now, passedOver: undefined };
  const until = now + settings.offerWindowSeconds * 1000;
  // One conversation has one open offer at a time, and its version changes with each: its id and the time name it.
  const id = `${conversation.id}~${now.toString(36)}`;
  const offered: Conversation = {
    ...conversation,
    state: {
      kind: 'offered',
      since: waiting.since,
      enteredAt: waiting.enteredAt,
      offer: { id, operator: operator.value.participant, operatorName: operator.value.displayName, operatorLang: operator.value.lang, at: now, until },
      ...(waiting.passedOver?.length ? { passedOver: waiting.passedOver } : {}),
    },
  };
  const offer: PendingOffer = { id, sessionId: conversation.id, user: conversation.user, userName: conversation.userName, at: now, until };
  const holding: Operator = { ...operator.value, offers: [...offersOf(operator.value), offer] };
  return {
    conversation: offered,
    operator: holding,
    offer,
    writes: [
      { kind: 'put-conversation', conversation: offered, expected: conversationExpected },
      { kind: 'put-operator', operator: holding, expected: operator.version },
    ],
  };
}

/**
 * Once an offer is committed: its expiry is scheduled first (so an offer whose card never went still ends),
 * the user hears they are being connected (`tellUser`: not again when an earlier offer of them failed), and the
 * operator gets the card: who is waiting, the conversation so far, Accept and Decline.
 */
export async function announceOffer(
  deps: CoreDeps,
  conversation: Conversation,
  operator: Operator,
  offer: PendingOffer,
  settings: LiveAgentSettings,
  tellUser: boolean,
): Promise<void> {
  await deps.outbox.expireOfferLater({ kind: 'offer-expiry', user: conversation.user, offerId: offer.id }, settings.offerWindowSeconds);
  if (tellUser) {
    await notify(deps, conversation.user, {
      kind: 'notice',
      text: say(conversation.lang).toUser.beingConnected(),
      conversationId: conversation.id,
      buttons: [{ action: 'leave', label: say(conversation.lang).buttonLabels.leaveQueue }],
    });
  }
  const excerpt = await handoverExcerpt(deps, conversation.id);
  const sent = await notifyCard(deps, operator.participant, offerCard(conversation, excerpt, settings.offerWindowSeconds, operator.lang));
  if (typeof sent !== 'object') return;
  await deps.state.rememberCard(offer.id, sent, settings.offerWindowSeconds + CARD_MEMORY_SECONDS);
  // Settled while the card was on its way (the user left, the operator went off duty): whoever settled it found
  // no card to update, so it is updated here. Read after remembering, one of the two always sees the other.
  const now = (await deps.state.getConversation(conversation.user))?.value;
  const state = now?.id === conversation.id ? now.state : undefined;
  const open = state?.kind === 'offered' && state.offer.id === offer.id;
  // Accepted already (a quick click): its own card note says so.
  const taken = state?.kind === 'with-operator' && sameParticipant(state.operator, operator.participant);
  if (!open && !taken) await settleOfferCard(deps, operator.participant, offer.id, say(operator.lang).toOperator.offerClosed(conversation.userName), conversation.id);
}

/** The card offering `conversation`'s user to an operator, in the operator's `language`. */
export function offerCard(conversation: Conversation, excerpt: HandoverExcerpt, windowSeconds: number, language: Language | undefined): OutgoingMessage {
  const { toOperator, buttonLabels } = say(language);
  return {
    kind: 'request',
    text: handoverText(toOperator.offer(conversation.userName, conversation.user.channel, windowSeconds), conversation, excerpt, language),
    conversationId: conversation.id,
    excerpt: excerpt.lines,
    buttons: [
      { action: 'accept-offer', label: buttonLabels.acceptOffer, value: conversation.id },
      { action: 'decline-offer', label: buttonLabels.declineOffer, value: conversation.id },
    ],
  };
}

/**
 * Updates an offer's card once it is settled without a click on it (it expired, the user left, the operator
 * went off duty, or they answered by typing): its buttons go, `text` says what happened. When the platform
 * can't update it (or the card is forgotten), the operator is told in a message instead, so a stale card is never the last word.
 */
export async function settleOfferCard(deps: CoreDeps, operator: Operator['participant'], offerId: string, text: string, conversationId: string): Promise<void> {
  const sent = await deps.state.recallCard(offerId);
  const message: OutgoingMessage = { kind: 'notice', text, conversationId };
  if (sent && deps.chat.replace) {
    try {
      await deps.chat.replace(operator, sent, message);
      return;
    } catch (error) {
      deps.log.warn('offer_card_not_updated', { offerId, reason: messageOf(error) });
    }
  }
  await notify(deps, operator, message);
}
