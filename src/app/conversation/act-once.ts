import { asksForHuman, parseUserCommand } from '../../domain/chat-command';
import { allHandoffPhrases } from '../../domain/language-settings';
import { say } from '../../domain/replies';
import type { LiveAgentSettings } from '../../domain/settings';
import { withCardNote, type Handled } from '../commands/command';
import { notify } from '../delivery/notify';
import type { CoreDeps } from '../ports';
import { replyToFailure } from './failure-replies';
import type { IncomingChatMessage, MessageOutcome } from './incoming-message';

/** The router's small rulings (handle-chat-message.ts): what a message asks for, and acting on a delivery once. */

export async function leaveWithCardNote(done: Promise<void>, cardNote: string): Promise<Handled> {
  await done;
  return withCardNote('left', cardNote);
}

/** A request for a person that went through (connected, queued, or told nobody is on duty) settles the click. */
export async function askedForOperator(msg: IncomingChatMessage, requested: Promise<MessageOutcome>): Promise<Handled> {
  const outcome = await requested;
  return outcome === 'handoff' ? withCardNote(outcome, say(msg.language).usedCardNotes.askedForOperator) : outcome;
}

export function asksForOperator(msg: IncomingChatMessage, settings: LiveAgentSettings): boolean {
  return msg.action ? msg.action.kind === 'request-operator' : asksForHuman(msg.text, allHandoffPhrases(settings));
}

export function wantsToLeave(msg: IncomingChatMessage): boolean {
  return msg.action ? msg.action.kind === 'leave' : parseUserCommand(msg.text) !== undefined;
}

/**
 * Acts on a delivery once: a retry of a claimed delivery is ignored. Expected
 * failures are told to the sender (failure-replies.ts); unexpected ones release the claim and
 * propagate, so the platform's retry gets another chance.
 */
export async function actOnDeliveryOnce(deps: CoreDeps, msg: IncomingChatMessage, work: () => Promise<Handled>): Promise<Handled> {
  if (!(await deps.deliveries.claim(msg.id))) return 'duplicate';
  try {
    return await work();
  } catch (error) {
    const reply = replyToFailure(error, say(msg.language));
    if (!reply) {
      await deps.deliveries.release(msg.id);
      throw error;
    }
    deps.log.warn('message_failed', { deliveryId: msg.id, code: reply.code });
    await notify(deps, msg.from, { kind: 'notice', text: reply.text });
    return 'failed';
  }
}
