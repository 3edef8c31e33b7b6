import type { Operator } from '../../domain/operator';
import { toOperator } from '../../domain/replies';
import type { LiveAgentSettings } from '../../domain/settings';
import { LOST_RACE, untilCommitted } from '../compare-and-set';
import { dispatchQueue } from '../queue/dispatch-queue';
import { notify } from '../delivery/notify';
import type { CoreDeps } from '../ports';
import { queueLength } from '../queue/queue';
import { releaseOperator, tellHandedBack } from '../conversation/release-operator';

/** `#on`: the operator starts a shift and, if users are waiting, gets the first of them at once. */
export async function goOnDuty(deps: CoreDeps, operator: Operator, settings: LiveAgentSettings): Promise<void> {
  const changed = await untilCommitted(async () => {
    const current = await deps.state.getOperator(operator.participant);
    if (!current || current.value.duty === 'on') return false;
    // Coming back on duty answers why Koji took them off, if it did: they can be reached again.
    const { unreachable: _answered, ...operatorNow } = current.value;
    const onDuty: Operator = { ...operatorNow, duty: 'on', idleSince: deps.clock.now() };
    return (await deps.state.commit([{ kind: 'put-operator', operator: onDuty, expected: current.version }])) ? true : LOST_RACE;
  });
  const waiting = await queueLength(deps, operator.projectId);
  const text = changed ? toOperator.onDuty(waiting) : toOperator.alreadyOnDuty(waiting);
  await notify(deps, operator.participant, { kind: 'notice', text });
  if (changed) await dispatchQueue(deps, operator.projectId, settings);
}

/**
 * `#off`: the shift ends. Users still with this operator go to another free
 * operator, or to the front of the queue, or are offered a ticket when nobody
 * else is on duty, and are told which; so is the operator.
 */
export async function goOffDuty(deps: CoreDeps, operator: Operator, settings: LiveAgentSettings): Promise<void> {
  if (operator.duty === 'off' && operator.assignments.length === 0) {
    await notify(deps, operator.participant, { kind: 'notice', text: toOperator.alreadyOffDuty() });
    return;
  }
  const released = await releaseOperator(deps, operator.participant, 'off-duty');
  const requeued = released?.requeued ?? [];
  // Told before matching, so a user who is connected at once reads why before whom.
  const handedOver = await tellHandedBack(deps, operator.projectId, requeued, { kind: 'off-duty', name: operator.displayName });
  await dispatchQueue(deps, operator.projectId, settings);
  const waiting = await queueLength(deps, operator.projectId);
  await notify(deps, operator.participant, { kind: 'notice', text: toOperator.offDuty(handedOver, waiting) });
}
