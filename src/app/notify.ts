import { ChatDeliveryError, ChatRateLimitedError, ChatRecipientUnreachableError } from '../domain/errors';
import type { OutgoingMessage } from '../domain/outgoing-message';
import { participantKey, type Participant } from '../domain/participant';
import type { CoreDeps } from './ports';
import { whenUnreachable } from './unreachable';

/**
 * Tells someone something after the state change is committed. A failed notice
 * must not undo the change, so delivery problems are logged, not thrown; a
 * notice the platform asked to slow down for is sent again later; someone the
 * platform says can't be reached any more is taken out of whatever they hold
 * (see unreachable.ts).
 */
export async function notify(deps: CoreDeps, to: Participant, message: OutgoingMessage): Promise<boolean> {
  try {
    await deps.chat.send(to, message);
    return true;
  } catch (error) {
    if (!(error instanceof ChatDeliveryError)) throw error;
    if (error instanceof ChatRateLimitedError) {
      await deps.outbox.sendLater(to, message, error.retryAfterSeconds);
      return true;
    }
    deps.log.warn('notice_not_delivered', { to: participantKey(to), code: error.code, reason: error.message });
    if (error instanceof ChatRecipientUnreachableError) await whenUnreachable(deps, to, error);
    return false;
  }
}
