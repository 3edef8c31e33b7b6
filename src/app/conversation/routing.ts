import { operatorLoad, type Operator } from '../../domain/operator';
import { eligibleOperators, pickOperator, routingLane, type RoutingLane } from '../../domain/operator-selection';
import { participantKey } from '../../domain/participant';
import type { CoreDeps, Versioned } from '../ports';

/**
 * The first page holds the best operator and the next one, which shows whether
 * the best is tied; a tie that runs past it (operators who went on duty in the
 * same millisecond) is read on in bigger pages.
 */
const FIRST_PAGE = 2;
const NEXT_PAGE = 25;

export interface RoutingChoice {
  /** Whether anyone of the project is on duty, free or not. */
  readonly anyoneOnDuty: boolean;
  /** Who routing gives the next conversation to, when anyone has room. */
  readonly operator?: Versioned<Operator> | undefined;
}

/**
 * Whom routing picks (operator-selection: least busy, then idle longest, then
 * by name), read from the heads of the routing order instead of from every
 * operator on duty. The order puts operators with room under a capacity of
 * their own first, then those who follow the project's capacity, then those
 * full at their own (routingLane). When nobody has a capacity of their own
 * with room, the head of the whole order is the head of the project's lane:
 * least busy comes first there, so if it has no room nobody has; one read, as
 * before per-operator capacity. Otherwise the project lane's head is read too
 * and the less busy of the two heads wins.
 */
export async function routingChoice(
  deps: Pick<CoreDeps, 'state'>,
  projectId: string,
  projectCapacity: number,
  /** Operators (participant keys) never to be picked for this user: they declined them or let the offer pass. */
  passedOver: ReadonlySet<string> = NOBODY,
): Promise<RoutingChoice> {
  const { head, sawAnyone } = await tiedHead(deps, projectId, undefined, passedOver);
  const best = head[0];
  if (!best) return { anyoneOnDuty: sawAnyone };
  const heads = routingLane(best.value) === 'own-capacity-with-room' ? [...head, ...(await tiedHead(deps, projectId, 'project-capacity', passedOver)).head] : head;
  const chosen = pickOperator(eligibleOperators(heads.map((o) => o.value), projectCapacity));
  return { anyoneOnDuty: true, operator: chosen && heads.find((o) => o.value === chosen) };
}

const NOBODY: ReadonlySet<string> = new Set();

/**
 * The head of the routing order (or of one lane of it): the first operator and everyone tied with them, past
 * those who passed this user over (so those cost reads only for a user some operators passed over).
 */
async function tiedHead(
  deps: Pick<CoreDeps, 'state'>,
  projectId: string,
  lane: RoutingLane | undefined,
  passedOver: ReadonlySet<string>,
): Promise<{ head: Versioned<Operator>[]; sawAnyone: boolean }> {
  const read: Versioned<Operator>[] = [];
  let sawAnyone = false;
  let cursor: string | undefined;
  do {
    const page = await deps.state.operatorsForRouting(projectId, { limit: sawAnyone ? NEXT_PAGE : FIRST_PAGE, cursor, lane });
    sawAnyone ||= page.items.length > 0;
    read.push(...page.items.filter((o) => !passedOver.has(participantKey(o.value.participant))));
    cursor = page.cursor;
  } while (cursor && read.every((o) => tiedForRouting(o.value, read[0]!.value)));
  const first = read[0];
  return { head: first ? read.filter((o) => tiedForRouting(o.value, first.value)) : [], sawAnyone };
}

function tiedForRouting(a: Operator, b: Operator): boolean {
  return routingLane(a) === routingLane(b) && operatorLoad(a) === operatorLoad(b) && a.idleSince === b.idleSince;
}
