import { ChatDeliveryError, ChatRateLimitedError, ChatRecipientUnreachableError, ChatTransientError } from '../../domain/errors';
import type { OutgoingMessage } from '../../domain/outgoing-message';
import { participantKey, type Participant } from '../../domain/participant';
import { retryDelaySeconds } from './timing';
import type { CoreDeps } from '../ports';

/** A notice gets this many tries in all, about ten minutes with the backoff below, then it is logged as lost. */
export const NOTICE_ATTEMPTS = 6;

/**
 * Tells someone something after the state change is committed. A failed notice
 * must not undo the change, so delivery problems are logged, not thrown; a
 * notice the platform asked to slow down for, or that failed for a passing
 * reason before it could arrive, is sent again later (`attempt`: the tries it
 * had); one that may have arrived is not sent twice; someone the platform says
 * can't be reached any more is taken out of whatever they hold (see
 * unreachable.ts, reached through deps).
 */
export async function notify(deps: CoreDeps, to: Participant, message: OutgoingMessage, attempt = 1): Promise<boolean> {
  try {
    await deps.chat.send(to, message);
    return true;
  } catch (error) {
    if (!(error instanceof ChatDeliveryError)) throw error;
    const retryAfter = error instanceof ChatRateLimitedError ? error.retryAfterSeconds : error instanceof ChatTransientError && !error.uncertain ? 0 : undefined;
    if (retryAfter !== undefined && attempt < NOTICE_ATTEMPTS) {
      await deps.outbox.sendLater(to, message, retryDelaySeconds(attempt, retryAfter), attempt + 1);
      return true;
    }
    deps.log.warn('notice_not_delivered', { to: participantKey(to), code: error.code, reason: error.message });
    if (error instanceof ChatRecipientUnreachableError) await deps.whenUnreachable(deps, to, error);
    return false;
  }
}
