import { hasFreeCapacity, operatorLoad, type Operator } from './operator';
import { sameParticipant, type Participant } from './participant';

/** Operators who could take one more conversation right now. */
export function eligibleOperators(
  operators: readonly Operator[],
  capacity: number,
  options: { readonly excluding?: Participant | undefined } = {},
): Operator[] {
  const { excluding } = options;
  return operators.filter((op) => hasFreeCapacity(op, capacity) && !(excluding && sameParticipant(op.participant, excluding)));
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
