import type { Operator } from '../../domain/operator';
import type { CoreDeps, Versioned } from '../ports';

/** Activity closer together than this moves `idleSince` once: a burst of commands costs one write. */
const ACTIVITY_RESOLUTION_MS = 60 * 1000;

/**
 * An on-duty operator with no conversation wrote or clicked something: they are there, so idle auto-away
 * (idle-away.ts) counts from now. Only such an operator's messages come here with anything to write, and
 * they are commands, buttons or words with nobody to relay them to, each already claimed in the delivery
 * log: the relay path (an operator with a conversation) writes nothing more. One compare-and-set on the
 * record the router already read; a lost race means the record just changed (an assignment, a duty
 * change, the idle sweep) and is left to that change.
 */
export async function noteOperatorActivity(deps: Pick<CoreDeps, 'state' | 'clock'>, operator: Versioned<Operator>): Promise<void> {
  const { value } = operator;
  const now = deps.clock.now();
  if (value.duty !== 'on' || value.assignments.length > 0 || now - value.idleSince < ACTIVITY_RESOLUTION_MS) return;
  await deps.state.commit([{ kind: 'put-operator', operator: { ...value, idleSince: now }, expected: operator.version }]);
}
