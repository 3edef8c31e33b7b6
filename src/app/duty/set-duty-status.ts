import type { Operator } from '../../domain/operator';
import type { Participant } from '../../domain/participant';
import type { Conversation } from '../../domain/conversation';
import type { Language } from '../../domain/language';
import { say, type Catalogue } from '../../domain/replies';
import type { LiveAgentSettings } from '../../domain/settings';
import { LOST_RACE, untilCommitted } from '../compare-and-set';
import { dispatchQueue } from '../queue/dispatch-queue';
import { notify } from '../delivery/notify';
import type { CoreDeps } from '../ports';
import { queueLength } from '../queue/queue';
import { releaseOperator, tellHandedBack } from '../conversation/release-operator';

/**
 * `#on`: the operator starts a shift and, if users are waiting, gets the first of them at once. `language`: theirs,
 * from their locale now, kept on their record for everything Koji tells them this shift.
 */
export async function goOnDuty(deps: CoreDeps, operator: Operator, settings: LiveAgentSettings, language: Language): Promise<void> {
  const changed = await untilCommitted(async () => {
    const current = await deps.state.getOperator(operator.participant);
    if (!current || current.value.duty === 'on') return false;
    // Coming back on duty answers why Koji took them off, if it did: they can be reached again.
    // A new shift starts with no missed offers counted against it.
    const { unreachable: _answered, missedOffers: _forgiven, ...operatorNow } = current.value;
    const now = deps.clock.now();
    const onDuty: Operator = { ...operatorNow, duty: 'on', idleSince: now, onDutySince: now, lang: language };
    return (await deps.state.commit([{ kind: 'put-operator', operator: onDuty, expected: current.version }])) ? true : LOST_RACE;
  });
  const waiting = await queueLength(deps, operator.projectId);
  const { toOperator } = say(language);
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
    await notify(deps, operator.participant, { kind: 'notice', text: say(operator.lang).toOperator.alreadyOffDuty() });
    return;
  }
  const released = await releaseOperator(deps, operator.participant, 'off-duty');
  // An admin put them off duty a moment ago, and told them so: this #off only hears that it already is.
  if (released?.alreadyOff) {
    await notify(deps, operator.participant, { kind: 'notice', text: say(operator.lang).toOperator.alreadyOffDuty() });
    return;
  }
  await handBackAndTell(deps, operator, released?.requeued ?? [], settings, 'offDuty');
}

/** After an operator went off duty: their users told where they stand, matched with whoever is free, then the operator told. */
async function handBackAndTell(
  deps: CoreDeps,
  operator: Operator,
  requeued: readonly Conversation[],
  settings: LiveAgentSettings,
  told: keyof Pick<Catalogue['toOperator'], 'offDuty' | 'putOffDuty'>,
): Promise<void> {
  // Told before matching, so a user who is connected at once reads why before whom.
  const handedOver = await tellHandedBack(deps, operator.projectId, requeued, { kind: 'off-duty', name: operator.displayName });
  await dispatchQueue(deps, operator.projectId, settings);
  const waiting = await queueLength(deps, operator.projectId);
  const text: string = say(operator.lang).toOperator[told](handedOver, waiting);
  await notify(deps, operator.participant, { kind: 'notice', text });
}

export type PutOffDuty = 'put-off-duty' | 'already-off-duty' | 'not-an-operator';

/**
 * A Jira admin puts an operator off duty from the backoffice: exactly `#off` (the same release, the same words
 * to their users, the ticket offer when nobody else is on duty), but the operator hears that an administrator
 * did it and how to come back. Racing their own `#off`, whichever commits first tells them; the other changes
 * nothing. `projectId`: an admin reaches only their own project's operators.
 */
export async function putOffDuty(deps: CoreDeps, participant: Participant, projectId: string, settings: LiveAgentSettings): Promise<PutOffDuty> {
  const released = await releaseOperator(deps, participant, 'put-off-duty', projectId);
  if (!released) return 'not-an-operator';
  if (released.alreadyOff) return 'already-off-duty';
  await handBackAndTell(deps, released.operator, released.requeued, settings, 'putOffDuty');
  return 'put-off-duty';
}
