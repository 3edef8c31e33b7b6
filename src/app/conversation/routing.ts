import { operatorLoad, type Operator } from '../../domain/operator';
import { eligibleOperators, pickOperator, routingLane, type RoutingLane } from '../../domain/operator-selection';
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
export async function routingChoice(deps: Pick<CoreDeps, 'state'>, projectId: string, projectCapacity: number): Promise<RoutingChoice> {
  const head = await tiedHead(deps, projectId, undefined);
  const best = head[0];
  if (!best) return { anyoneOnDuty: false };
  const heads = routingLane(best.value) === 'own-capacity-with-room' ? [...head, ...(await tiedHead(deps, projectId, 'project-capacity'))] : head;
  const chosen = pickOperator(eligibleOperators(heads.map((o) => o.value), projectCapacity));
  return { anyoneOnDuty: true, operator: chosen && heads.find((o) => o.value === chosen) };
}

/** The head of the routing order (or of one lane of it): the first operator and everyone tied with them. */
async function tiedHead(deps: Pick<CoreDeps, 'state'>, projectId: string, lane: RoutingLane | undefined): Promise<Versioned<Operator>[]> {
  const read: Versioned<Operator>[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.state.operatorsForRouting(projectId, { limit: read.length === 0 ? FIRST_PAGE : NEXT_PAGE, cursor, lane });
    read.push(...page.items);
    cursor = page.cursor;
  } while (cursor && read.every((o) => tiedForRouting(o.value, read[0]!.value)));
  const first = read[0];
  return first ? read.filter((o) => tiedForRouting(o.value, first.value)) : [];
}

function tiedForRouting(a: Operator, b: Operator): boolean {
  return routingLane(a) === routingLane(b) && operatorLoad(a) === operatorLoad(b) && a.idleSince === b.idleSince;
}
