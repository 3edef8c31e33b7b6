import { KojiError, messageOf } from '../domain/koji-error';
import type { ErrorCode } from '../shared/resolver-contract';

/** What the queue consumer does after a job failed: let Forge run it again, or drop it. */
export type JobDecision =
  | { readonly kind: 'retry'; readonly reason: string; readonly code?: ErrorCode | undefined }
  | { readonly kind: 'give-up'; readonly reason: string };

/** A job the consumer cannot read: a retry would fail the same way. */
export function unreadableJob(): JobDecision {
  return { kind: 'give-up', reason: 'malformed' };
}

/**
 * The queue consumer's one mapping from a failure to retry-or-give-up. The use cases
 * settle what they can themselves (a ticket job reschedules itself and tells the operator,
 * a backlog drains with its own attempts), so what reaches here is retried: the delivery
 * log and the backlog tokens make a repeated job safe. A code that should end a job
 * instead gets its own line here.
 */
export function afterJobFailure(error: unknown): JobDecision {
  return { kind: 'retry', reason: messageOf(error), code: error instanceof KojiError ? error.code : undefined };
}
