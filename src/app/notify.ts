import { ChatDeliveryError } from '../domain/errors';
import type { OutgoingMessage } from '../domain/outgoing-message';
import { participantKey, type Participant } from '../domain/participant';
import type { CoreDeps } from './ports';

/**
 * Tells someone something after the state change is committed. A failed notice
 * must not undo the change, so delivery problems are logged, not thrown.
 */
export async function notify(deps: Pick<CoreDeps, 'chat' | 'log'>, to: Participant, message: OutgoingMessage): Promise<boolean> {
  try {
    await deps.chat.send(to, message);
    return true;
  } catch (error) {
    if (!(error instanceof ChatDeliveryError)) throw error;
    deps.log.warn('notice_not_delivered', { to: participantKey(to), code: error.code, reason: error.message });
    return false;
  }
}
