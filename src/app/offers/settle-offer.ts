import type { Conversation, OfferToOperator } from '../../domain/conversation';
import { holdsOffer, newAssignment, offersOf, withAssignment, withoutOffer, type Operator, type PendingOffer } from '../../domain/operator';
import type { Participant } from '../../domain/participant';
import { type Catalogue, notesFor, say } from '../../domain/replies';
import type { LiveAgentSettings } from '../../domain/settings';
import { LOST_RACE, untilCommitted } from '../compare-and-set';
import { announceConnection } from '../conversation/connect-to-operator';
import { notify } from '../delivery/notify';
import type { CoreDeps, StateWrite } from '../ports';
import { dispatchQueue } from '../queue/dispatch-queue';
import { loadSettings } from '../settings/project-settings';
import { recordSystemLine } from '../transcript/system-line';
import type { OfferExpiryJob } from './offer-expiry-job';
import { settleOfferCard } from './make-offer';
import { putAwayForMissedOffers } from './missed-offers';
import { backInLine, isOpenOffer } from '../../domain/operator-offer';
import { countFigures, servedEvent } from '../figures/service-figures';

export type OfferAnswer = 'accept' | 'decline';

export type Answered =
  | { readonly kind: 'accepted'; readonly userName: string; readonly offerId: string; readonly conversationId: string }
  | { readonly kind: 'declined'; readonly userName: string; readonly offerId: string; readonly conversationId: string }
  | { readonly kind: 'no-offer' };

/**
 * An operator accepts or declines an operator offer: the one a card's button names (`sessionId`), or, typed,
 * their oldest. Accepting connects the user in one commit with the offer's end, so an accept racing the expiry,
 * the user leaving or the operator's `#off` ends with exactly one of them; declining puts the user back at the
 * front of the queue, never to be offered to this operator again, and the queue goes on to the next operator.
 */
export async function answerOffer(deps: CoreDeps, operator: Participant, answer: OfferAnswer, sessionId: string | undefined, settings?: LiveAgentSettings): Promise<Answered> {
  const settled = await untilCommitted(async () => {
    const me = await deps.state.getOperator(operator);
    const offer = me && pickOffer(me.value, sessionId);
    if (!me || !offer) return { kind: 'no-offer' as const };
    const conversation = await deps.state.getConversation(offer.user);
    const now = deps.clock.now();
    const without: Operator = { ...withoutOffer(me.value, offer.id), missedOffers: 0 };
    if (!conversation || !isOpenOffer(conversation.value, offer)) {
      // Settled elsewhere in the same commit as the record: only a record written before that could hold it.
      return (await deps.state.commit([{ kind: 'put-operator', operator: without, expected: me.version }])) ? { kind: 'no-offer' as const } : LOST_RACE;
    }
    const next: { conversation: Conversation; operator: Operator } =
      answer === 'accept'
        ? {
            conversation: { ...conversation.value, state: { kind: 'with-operator', operator, operatorName: me.value.displayName, operatorLang: me.value.lang, since: now } },
            operator: withAssignment(without, newAssignment(conversation.value, now)),
          }
        : { conversation: backInLine(conversation.value, operator), operator: without };
    const writes: StateWrite[] = [
      { kind: 'put-conversation', conversation: next.conversation, expected: conversation.version },
      { kind: 'put-operator', operator: next.operator, expected: me.version },
    ];
    return (await deps.state.commit(writes)) ? { kind: answer, ...next, offer, waiting: conversation.value, at: now } : LOST_RACE;
  });
  if (settled.kind === 'no-offer') return settled;
  const { conversation, offer } = settled;
  const told = { userName: offer.userName, offerId: offer.id, conversationId: offer.sessionId };
  if (settled.kind === 'accept') {
    await countFigures(deps, conversation.projectId, settings, [servedEvent(settled.waiting, settled.operator, settled.at)]);
    await announceConnection(deps, conversation, settled.operator);
    return { kind: 'accepted', ...told };
  }
  await recordSystemLine(deps, conversation.id, 'offer-declined', notesFor(conversation).offerDeclined(settled.operator.displayName), conversation);
  await afterOfferFailed(deps, conversation);
  return { kind: 'declined', ...told };
}

/**
 * The end of an offer's window (the delayed queue event, or the sweep's safety net): if the offer is still open,
 * the user goes back to the front of the queue, never to be offered to this operator again, the card says so,
 * and an operator who let `missedOffersBeforeAway` offers in a row pass is put off duty. Anything else (accepted,
 * declined, withdrawn, or a later offer of the same user) is left alone, so the event may come any number of times.
 */
export async function expireOffer(deps: CoreDeps, job: OfferExpiryJob): Promise<'expired' | 'settled'> {
  // Expired, the offer counts against its operator: passed over for this user, and one more miss in a row.
  const expired = await takeBackOffer(deps, job.user, (c) => c.state.kind === 'offered' && c.state.offer.id === job.offerId, true);
  if (!expired) return 'settled';
  const { conversation, offer, holder: missed } = expired;
  const settings = await loadSettings(deps, conversation.projectId);
  await countFigures(deps, conversation.projectId, settings, [{ kind: 'offer-missed', operator: { participant: offer.operator, name: offer.operatorName } }]);
  await recordSystemLine(deps, conversation.id, 'offer-expired', notesFor(conversation).offerExpired(offer.operatorName, settings.offerWindowSeconds), conversation);
  const cardText = say(offer.operatorLang).toOperator.offerExpired(conversation.userName, settings.offerWindowSeconds);
  await settleOfferCard(deps, offer.operator, offer.id, cardText, conversation.id);
  const limit = settings.missedOffersBeforeAway;
  if (missed && limit !== 'off' && (missed.missedOffers ?? 0) >= limit) {
    await putAwayForMissedOffers(deps, missed, limit, settings);
  }
  await afterOfferFailed(deps, (await deps.state.getConversation(job.user))?.value ?? conversation, settings);
  return 'expired';
}

/**
 * After an offer failed (declined or expired): the queue goes on, first come first served, so this user, at the
 * front, is offered to the next operator with room who has not passed them over. When nobody is left to offer
 * them to now, they hear so, with the choice to wait or have a ticket made.
 */
async function afterOfferFailed(deps: CoreDeps, conversation: Conversation, loaded?: LiveAgentSettings): Promise<void> {
  const settings = loaded ?? (await loadSettings(deps, conversation.projectId));
  await dispatchQueue(deps, conversation.projectId, settings);
  const now = await deps.state.getConversation(conversation.user);
  if (now?.value.id !== conversation.id || now.value.state.kind !== 'queued') return;
  const first = (await deps.state.conversationsInState(conversation.projectId, 'queued', { limit: 1 })).items[0];
  const { toUser, buttonLabels } = say(now.value.lang);
  await notify(deps, conversation.user, {
    kind: 'notice',
    text: toUser.offersWentRound(first?.value.id === conversation.id),
    conversationId: conversation.id,
    buttons: [
      { action: 'accept-ticket', label: buttonLabels.createTicketForMe },
      { action: 'leave', label: buttonLabels.leaveQueue },
    ],
  });
}

/** The operator's offer a button names, or their oldest for a typed answer. */
function pickOffer(operator: Operator, sessionId: string | undefined): PendingOffer | undefined {
  const offers = offersOf(operator);
  return sessionId === undefined ? offers[0] : offers.find((o) => o.sessionId === sessionId);
}


/**
 * Takes back an open operator offer without blaming its operator (support turned off while it was open, or the
 * user chose a ticket instead): the user waits again in the same place, and the card says why (`cardText`). Answers the conversation
 * as it now is, or undefined when the offer was settled meanwhile.
 */
export async function withdrawOffer(
  deps: CoreDeps,
  conversation: Conversation,
  cardText: keyof Pick<Catalogue['toOperator'], 'offerHandedBack' | 'offerWithdrawn'> = 'offerHandedBack',
): Promise<Conversation | undefined> {
  const withdrawn = await takeBackOffer(deps, conversation.user, (c) => c.id === conversation.id, false);
  if (!withdrawn) return undefined;
  const text = say(withdrawn.offer.operatorLang).toOperator[cardText](conversation.userName);
  await settleOfferCard(deps, withdrawn.offer.operator, withdrawn.offer.id, text, conversation.id);
  return withdrawn.waiting;
}

/**
 * Ends the open offer of `user`'s conversation (if `isIt` still picks it) and puts them back in line in the same
 * place, in one commit with the operator's record. `blame`: the operator let it pass (expiry): passed over for
 * this user and one more miss in a row; otherwise (a withdrawal) neither. Undefined when it was settled meanwhile.
 */
async function takeBackOffer(
  deps: CoreDeps,
  user: Participant,
  isIt: (conversation: Conversation) => boolean,
  blame: boolean,
): Promise<{ conversation: Conversation; waiting: Conversation; offer: OfferToOperator; holder?: Operator | undefined } | undefined> {
  return untilCommitted(async () => {
    const current = await deps.state.getConversation(user);
    if (current?.value.state.kind !== 'offered' || !isIt(current.value)) return undefined;
    const { offer } = current.value.state;
    const waiting = backInLine(current.value, blame ? offer.operator : undefined);
    const writes: StateWrite[] = [{ kind: 'put-conversation', conversation: waiting, expected: current.version }];
    const found = await deps.state.getOperator(offer.operator);
    const holder = found && holdsOffer(found.value, offer.id) ? withoutOffer(found.value, offer.id) : undefined;
    const counted = holder && blame ? { ...holder, missedOffers: (holder.missedOffers ?? 0) + 1 } : holder;
    if (found && counted) writes.push({ kind: 'put-operator', operator: counted, expected: found.version });
    const result = { conversation: current.value, waiting, offer, holder: counted };
    return (await deps.state.commit(writes)) ? result : LOST_RACE;
  });
}
