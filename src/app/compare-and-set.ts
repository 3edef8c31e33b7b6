import { StoreContentionError } from '../domain/errors';

/** Returned by an attempt whose commit lost a race: re-read and decide again. */
export const LOST_RACE = Symbol('lost-race');

/**
 * Enough for bursts of events about the same people; beyond it the caller gets
 * a polite "try again" rather than a function that spins until Forge kills it.
 */
const MAX_ATTEMPTS = 12;

/** Runs read-decide-commit attempts until one commits without losing a race. */
export async function untilCommitted<T>(attempt: () => Promise<T | typeof LOST_RACE>): Promise<T> {
  for (let i = 0; i < MAX_ATTEMPTS; i += 1) {
    const result = await attempt();
    if (result !== LOST_RACE) return result;
  }
  throw new StoreContentionError();
}
