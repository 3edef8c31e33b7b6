import { StoreContentionError } from '../../domain/errors';
import { KojiError } from '../../domain/koji-error';
import type { Catalogue } from '../../domain/replies';
import type { ErrorCode } from '../../shared/resolver-contract';

/** What the sender of a failed message or click is told in the chat, and the code to log with it. */
export interface FailureReply {
  readonly code: ErrorCode;
  readonly text: string;
}

/**
 * The core's one mapping from a failure to a chat reply, in the sender's language (`said`). A Koji error's message was
 * written to be shown to the person who caused it, so it is the reply whatever the
 * code; a code that needs other words gets its own line here. Anything else is
 * unexpected: no reply, so the caller releases the delivery and the platform retries.
 */
export function replyToFailure(error: unknown, said: Catalogue): FailureReply | undefined {
  if (!(error instanceof KojiError)) return undefined;
  if (error instanceof StoreContentionError) return { code: error.code, text: said.failureReplies.busy() };
  return { code: error.code, text: error.message };
}
