import type { Conversation } from '../../domain/conversation';
import type { LiveAgentSettings } from '../../domain/settings';
import { LOST_RACE } from '../compare-and-set';
import { announceConnection, connectWrites } from '../conversation/connect-to-operator';
import { announceOffer, offerWrites } from '../offers/make-offer';
import { participantKey } from '../../domain/participant';
import type { CoreDeps, Versioned } from '../ports';
import { routingChoice } from '../conversation/routing';
import { countFigures, servedEvent } from '../figures/service-figures';

/**
 * A generous bound: each round either connects someone or loses a race to a
 * concurrent dispatcher that connected someone instead.
 */
const MAX_ROUNDS = 50;

/**
 * How far down the queue one round looks for a user the free operator has not passed over, when those at the
 * front were passed over by everyone with room: one page, so one such crowd at the front does not hold up those
 * behind them, and the round's reads stay bounded however long the queue is.
 */
const LOOK_PAST = 25;

/**
 * Connects waiting users to free operators, first come first served, until
 * either runs out (in offer mode: offers them, and the offer keeps its place
 * under the operator's capacity until answered). Every change that could create a match (a user queues, an
 * operator comes on duty or becomes free, an offer fails) runs this after committing, so
 * whichever of two concurrent changes commits last sees both and makes the match.
 */
export async function dispatchQueue(deps: CoreDeps, projectId: string, settings: LiveAgentSettings): Promise<number> {
  if (!settings.enabled) return 0;
  let connected = 0;
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    const outcome = await matchOldest(deps, projectId, settings);
    if (outcome === 'done') break;
    if (outcome === 'matched') connected += 1;
  }
  return connected;
}

async function matchOldest(deps: CoreDeps, projectId: string, settings: LiveAgentSettings): Promise<'matched' | 'done' | typeof LOST_RACE> {
  const head = (await deps.state.conversationsInState(projectId, 'queued', { limit: 1 })).items[0];
  if (!head) return 'done';
  const passedOver = passedOverOf(head.value);
  const forHead = await routingChoice(deps, projectId, settings.operatorCapacity, new Set(passedOver));
  if (forHead.operator) return match(deps, head, forHead.operator, settings);
  // Nobody with room for a user nobody passed over: nobody has room for anyone behind them either.
  if (passedOver.length === 0) return 'done';
  // Someone has room but passed the first in line over: the first behind them they have not passed over is next.
  const { operator } = await routingChoice(deps, projectId, settings.operatorCapacity);
  if (!operator) return 'done';
  const free = participantKey(operator.value.participant);
  const behind = (await deps.state.conversationsInState(projectId, 'queued', { limit: LOOK_PAST })).items;
  const next = behind.find((c) => !passedOverOf(c.value).includes(free));
  return next ? match(deps, next, operator, settings) : 'done';
}

function passedOverOf(conversation: Conversation): readonly string[] {
  return conversation.state.kind === 'queued' ? (conversation.state.passedOver ?? []) : [];
}

async function match(
  deps: CoreDeps,
  head: Versioned<Conversation>,
  operator: NonNullable<Awaited<ReturnType<typeof routingChoice>>['operator']>,
  settings: LiveAgentSettings,
): Promise<'matched' | typeof LOST_RACE> {
  const now = deps.clock.now();
  if (settings.operatorAssignment === 'offer-first') {
    const offer = offerWrites(head.value, head.version, operator, now, settings);
    if (!(await deps.state.commit(offer.writes))) return LOST_RACE;
    // Told once that they are being connected, not again for each operator they are offered to.
    const offeredBefore = head.value.state.kind === 'queued' && head.value.state.offeredBefore === true;
    await announceOffer(deps, offer.conversation, offer.operator, offer.offer, settings, !offeredBefore);
    return 'matched';
  }
  const change = connectWrites(head.value, head.version, operator, now);
  if (!(await deps.state.commit(change.writes))) return LOST_RACE;
  await countFigures(deps, head.value.projectId, settings, [servedEvent(head.value, operator.value, now)]);
  await announceConnection(deps, change.conversation, change.operator);
  return 'matched';
}
