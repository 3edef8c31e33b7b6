import { ChatDeliveryError, ChatRateLimitedError } from '../domain/errors';
import type { OutgoingMessage } from '../domain/outgoing-message';
import { participantKey, type Participant } from '../domain/participant';
import type { CoreDeps } from './ports';

/**
 * Tells someone something after the state change is committed. A failed notice
 * must not undo the change, so delivery problems are logged, not thrown; a
 * notice the platform asked to slow down for is sent again later.
 */
export async function notify(deps: Pick<CoreDeps, 'chat' | 'log' | 'outbox'>, to: Participant, message: OutgoingMessage): Promise<boolean> {
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
    return false;
  }
}
