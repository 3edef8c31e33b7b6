import type { CoreDeps } from '../ports';

/** How long a backlog's job keeps trying before it names what is still waiting to its sender (see relay.ts). */
export const RETRY_WINDOW_MS = 10 * 60_000;

/** Backoff between attempts: 5 s, 10 s, 20 s, … at most 2 minutes, or longer when the platform asked. */
export function retryDelaySeconds(attempt: number, askedSeconds = 0): number {
  const backoff = Math.min(5 * 2 ** Math.max(0, attempt - 1), 120);
  return Math.min(Math.max(backoff, Math.ceil(askedSeconds)), 900);
}

/**
 * After an attempt that may have arrived, the next waits at least this long:
 * a post the platform is still working on when the client gave up lands within
 * seconds, and the check before resending must see it.
 */
export const UNCERTAIN_WAIT_SECONDS = 10;

export function nextDelay(attempt: number, failure: { readonly retryAfterSeconds: number; readonly uncertain: boolean }): number {
  const delay = retryDelaySeconds(attempt, failure.retryAfterSeconds);
  return failure.uncertain ? Math.max(delay, UNCERTAIN_WAIT_SECONDS) : delay;
}

/** Store writes that lose a race re-read and try again; a few rounds settle any real contention. */
export const MAX_ROUNDS = 5;

export function newToken(deps: CoreDeps, seed: string): string {
  return `${deps.clock.now().toString(36)}.${seed.slice(-24)}`;
}
