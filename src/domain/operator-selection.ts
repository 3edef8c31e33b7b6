import { hasFreeCapacity, operatorLoad, type Operator } from './operator';
import { sameParticipant, type Participant } from './participant';

/**
 * The three stretches of the routing order (LiveAgentState.operatorsForRouting), each least busy then idle
 * longest: operators with a capacity of their own and room under it; operators who follow the project's
 * capacity; operators full at their own capacity. Whether someone of the middle stretch is full depends on the
 * project's setting, which the stored order cannot know; within it the least busy comes first, so if its head
 * is full all of it is, and whoever has room is at the head of the first stretch.
 */
export type RoutingLane = 'own-capacity-with-room' | 'project-capacity' | 'own-capacity-full';

export const ROUTING_LANES: readonly RoutingLane[] = ['own-capacity-with-room', 'project-capacity', 'own-capacity-full'];

export function routingLane(op: Operator): RoutingLane {
  if (op.capacity === undefined) return 'project-capacity';
  return operatorLoad(op) < op.capacity ? 'own-capacity-with-room' : 'own-capacity-full';
}

/** Operators who could take one more conversation right now. */
export function eligibleOperators(
  operators: readonly Operator[],
  projectCapacity: number,
  options: { readonly excluding?: Participant | undefined } = {},
): Operator[] {
  const { excluding } = options;
  return operators.filter((op) => hasFreeCapacity(op, projectCapacity) && !(excluding && sameParticipant(op.participant, excluding)));
}

/** Least busy first, then the one idle longest; the display name makes ties deterministic. */
export function pickOperator(eligible: readonly Operator[]): Operator | undefined {
  return [...eligible].sort(compareForRouting)[0];
}

function compareForRouting(a: Operator, b: Operator): number {
  return (
    operatorLoad(a) - operatorLoad(b) ||
    a.idleSince - b.idleSince ||
    a.displayName.localeCompare(b.displayName) ||
    a.participant.userId.localeCompare(b.participant.userId)
  );
}

/** A stable order for lists people read and pick from by number. */
export function sortForDisplay(operators: readonly Operator[]): Operator[] {
  return [...operators].sort(
    (a, b) => a.displayName.localeCompare(b.displayName) || a.participant.userId.localeCompare(b.participant.userId),
  );
}
