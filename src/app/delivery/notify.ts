import { ChatDeliveryError, ChatRateLimitedError, ChatRecipientUnreachableError, ChatTransientError } from '../../domain/errors';
import type { OutgoingMessage } from '../../domain/outgoing-message';
import { participantKey, type Participant } from '../../domain/participant';
import { retryDelaySeconds } from './timing';
import type { CoreDeps, SentCard } from '../ports';

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
  return (await sendNotice(deps, to, message, attempt)) !== false;
}

/**
 * notify() for a card the app may update later (an operator offer): answers where it went when the platform can
 * say (`true` when it went, or will go, but can't be updated; false when it was not delivered).
 */
export async function notifyCard(deps: CoreDeps, to: Participant, message: OutgoingMessage): Promise<SentCard | boolean> {
  return sendNotice(deps, to, message, 1);
}

async function sendNotice(deps: CoreDeps, to: Participant, message: OutgoingMessage, attempt: number): Promise<SentCard | boolean> {
  try {
    return (await deps.chat.send(to, message)) ?? true;
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
