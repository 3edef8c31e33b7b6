import { operatorLoad, type Operator } from '../../domain/operator';
import { eligibleOperators, pickOperator } from '../../domain/operator-selection';
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
 * by name), read from the head of the routing order instead of from every
 * operator on duty. Least busy comes first, so if the head has no room nobody
 * has; only the operators tied with the head are compared by name.
 */
export async function routingChoice(deps: Pick<CoreDeps, 'state'>, projectId: string, capacity: number): Promise<RoutingChoice> {
  const head: Versioned<Operator>[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.state.operatorsForRouting(projectId, { limit: head.length === 0 ? FIRST_PAGE : NEXT_PAGE, cursor });
    head.push(...page.items);
    cursor = page.cursor;
  } while (cursor && head.every((o) => tiedForRouting(o.value, head[0]!.value)));

  const best = head[0];
  if (!best) return { anyoneOnDuty: false };
  const tied = head.filter((o) => tiedForRouting(o.value, best.value));
  const chosen = pickOperator(eligibleOperators(tied.map((o) => o.value), capacity));
  return { anyoneOnDuty: true, operator: chosen && tied.find((o) => o.value === chosen) };
}

function tiedForRouting(a: Operator, b: Operator): boolean {
  return operatorLoad(a) === operatorLoad(b) && a.idleSince === b.idleSince;
}
