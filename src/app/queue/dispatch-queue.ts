import type { Conversation } from '../../domain/conversation';
import type { LiveAgentSettings } from '../../domain/settings';
import { LOST_RACE } from '../compare-and-set';
import { announceConnection, connectWrites } from '../conversation/connect-to-operator';
import { announceOffer, offerWrites } from '../offers/make-offer';
import type { CoreDeps, Versioned } from '../ports';
import { routingChoice } from '../conversation/routing';

/**
 * A generous bound: each round either connects someone or loses a race to a
 * concurrent dispatcher that connected someone instead.
 */
const MAX_ROUNDS = 50;

/**
 * How far down the queue one round looks past users whom every operator with room passed over (declined, or
 * let their offer expire): a few, so one such user at the front does not hold up those behind them, and the
 * round's reads stay bounded however long the queue is.
 */
const LOOK_PAST = 5;

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
  let cursor: string | undefined;
  for (let looked = 0; looked <= LOOK_PAST; ) {
    const page = await deps.state.conversationsInState(projectId, 'queued', { limit: looked === 0 ? 1 : LOOK_PAST, cursor });
    for (const head of page.items) {
      looked += 1;
      const passedOver = head.value.state.kind === 'queued' ? head.value.state.passedOver : undefined;
      const { operator } = await routingChoice(deps, projectId, settings.operatorCapacity, new Set(passedOver));
      if (operator) return match(deps, head, operator, settings);
      // Nobody with room for a user nobody passed over: nobody has room for anyone behind them either.
      if (!passedOver?.length) return 'done';
    }
    cursor = page.cursor;
    if (!cursor) return 'done';
  }
  return 'done';
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
    const offeredBefore = head.value.state.kind === 'queued' && (head.value.state.passedOver?.length ?? 0) > 0;
    await announceOffer(deps, offer.conversation, offer.operator, offer.offer, settings, !offeredBefore);
    return 'matched';
  }
  const change = connectWrites(head.value, head.version, operator, now);
  if (!(await deps.state.commit(change.writes))) return LOST_RACE;
  await announceConnection(deps, change.conversation, change.operator);
  return 'matched';
}
