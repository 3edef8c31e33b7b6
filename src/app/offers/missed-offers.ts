import type { Operator } from '../../domain/operator';
import { say } from '../../domain/replies';
import type { LiveAgentSettings } from '../../domain/settings';
import { releaseOperator } from '../conversation/release-operator';
import { notify } from '../delivery/notify';
import type { CoreDeps } from '../ports';
import { dispatchQueue } from '../queue/dispatch-queue';

/**
 * An operator let `limit` operator offers in a row expire: they are put off duty and told why and how to come
 * back, and their other open offers go back to the queue for the next operator. Conversations they hold stay
 * with them. Nothing happens if they answered an offer meanwhile (releaseOperator checks the count again).
 */
export async function putAwayForMissedOffers(deps: CoreDeps, operator: Operator, limit: number, settings: LiveAgentSettings): Promise<void> {
  const released = await releaseOperator(deps, operator.participant, { missedOffers: limit });
  if (!released) return;
  deps.log.info('operator_away_missed_offers', { projectId: operator.projectId, missed: operator.missedOffers ?? limit });
  await notify(deps, operator.participant, { kind: 'notice', text: say(operator.lang).toOperator.missedOffersAway(operator.missedOffers ?? limit) });
  if (released.withdrawn.length > 0) await dispatchQueue(deps, operator.projectId, settings);
}
