import type { Clock, Logger } from '../ports';

/** How much one run of a background job may do before it leaves the rest to the next run. */
export interface RunLimits {
  /** People (conversations, waiting users, operators) handled at most. */
  readonly maxItems: number;
  /** No new item is started after this much wall time: the function's own timeout must never cut a run. */
  readonly maxMillis: number;
  /** Items handled at once: each mostly waits on KVS and the chat platform. */
  readonly concurrency: number;
}

/**
 * What is left of a run's limits. A run asks before each item; once refused,
 * the budget stays spent, and the caller reports that work was left over.
 */
export class RunBudget {
  private taken = 0;
  private readonly until: number;
  private refused = false;

  constructor(
    private readonly clock: Clock,
    readonly limits: RunLimits,
  ) {
    this.until = clock.now() + limits.maxMillis;
  }

  /** Claims one item's worth of work; false once the run has done what it may. */
  take(): boolean {
    if (this.room() === 0) return false;
    this.taken += 1;
    return true;
  }

  /** Items the run may still start (for the size of the next page); 0 spends the budget. */
  room(): number {
    if (!this.refused && (this.taken >= this.limits.maxItems || this.clock.now() >= this.until)) this.refused = true;
    return this.refused ? 0 : this.limits.maxItems - this.taken;
  }

  /** True once the run stopped for its limits with work left. */
  get spent(): boolean {
    return this.refused;
  }
}

/**
 * Runs `work` for each item, at most `concurrency` at a time, as long as the
 * budget allows. One item's failure is logged (`event`, with the item's
 * `describe` fields) and counted, never thrown: the others still get done.
 * Resolves with what each item that did not fail returned.
 */
export async function eachWithinBudget<T, R>(
  items: readonly T[],
  budget: RunBudget,
  log: Logger,
  failure: { readonly event: string; readonly describe: (item: T) => Record<string, unknown>; readonly onFailure?: () => void },
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      if (!budget.take()) return;
      const item = items[next]!;
      next += 1;
      try {
        results.push(await work(item));
      } catch (error) {
        failure.onFailure?.();
        log.warn(failure.event, { ...failure.describe(item), ...errorFields(error) });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(budget.limits.concurrency, items.length)) }, worker));
  return results;
}

function errorFields(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { reason: String(error) };
  const code = (error as { code?: unknown }).code;
  return { error: error.name, ...(typeof code === 'string' ? { code } : {}), reason: error.message };
}
