import { messageOf } from '../../domain/koji-error';
import { ChatDeliveryError, ChatRateLimitedError, ChatRecipientUnreachableError, ChatTransientError } from '../../domain/errors';
import type { TranscriptLine } from '../../domain/transcript';
import type { CoreDeps } from '../ports';
import type { Lane } from './lane';
import { tellNotDelivered, tellPartsNotDelivered } from './notices';
import { PartsNotDelivered } from './send-line';

/** A passing failure: the line is worth sending again later. */
export interface Retry {
  readonly kind: 'retry';
  readonly uncertain: boolean;
  readonly retryAfterSeconds: number;
}

/**
 * What a failed send of a line came to, for the relay and the backlog's job
 * alike: `retry` (the caller starts or keeps the backlog), `told` (the sender
 * heard the line, or some of its parts, did not arrive: it is settled), or
 * `taken-out` (the recipient can't be reached any more and was taken out of
 * the conversation; see unreachable.ts).
 */
export type SendFailure = Retry | { readonly kind: 'told' } | { readonly kind: 'taken-out' };

export async function onSendFailure(deps: CoreDeps, lane: Lane, line: TranscriptLine, error: unknown): Promise<SendFailure> {
  if (error instanceof PartsNotDelivered) {
    await tellPartsNotDelivered(deps, lane, line, error);
    return { kind: 'told' };
  }
  const failure = classify(error);
  switch (failure.kind) {
    case 'retry':
      deps.log.warn('relay_retrying', { conversationId: lane.ref.conversationId, reason: failure.reason });
      return { kind: 'retry', uncertain: failure.uncertain, retryAfterSeconds: failure.retryAfterSeconds };
    case 'unreachable':
      if (await deps.whenUnreachable(deps, lane.to, failure.error)) return { kind: 'taken-out' };
      await tellNotDelivered(deps, lane, [line]);
      return { kind: 'told' };
    case 'refused':
      deps.log.warn('relay_not_delivered', { conversationId: lane.ref.conversationId, reason: failure.reason });
      await tellNotDelivered(deps, lane, [line]);
      return { kind: 'told' };
  }
}

type Failure =
  | (Retry & { readonly reason: string })
  | { readonly kind: 'unreachable'; readonly error: ChatRecipientUnreachableError }
  | { readonly kind: 'refused'; readonly reason: string };

/**
 * A failure that is not the platform's answer about the message (the store
 * failing while the adapter looked up the recipient's chat, say) happened
 * before anything was sent: retried as certainly not delivered.
 */
function classify(error: unknown): Failure {
  if (error instanceof ChatRateLimitedError) return { kind: 'retry', uncertain: false, retryAfterSeconds: error.retryAfterSeconds, reason: error.message };
  if (error instanceof ChatTransientError) return { kind: 'retry', uncertain: error.uncertain, retryAfterSeconds: 0, reason: error.message };
  if (error instanceof ChatRecipientUnreachableError) return { kind: 'unreachable', error };
  if (error instanceof ChatDeliveryError) return { kind: 'refused', reason: error.message };
  return { kind: 'retry', uncertain: false, retryAfterSeconds: 0, reason: messageOf(error) };
}
