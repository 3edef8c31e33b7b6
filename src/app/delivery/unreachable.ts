import type { Conversation } from '../../domain/conversation';
import { ChatDeliveryError, type ChatRecipientUnreachableError } from '../../domain/errors';
import type { Operator } from '../../domain/operator';
import type { OutgoingMessage } from '../../domain/outgoing-message';
import { participantKey, type Participant } from '../../domain/participant';
import { notesFor } from '../../domain/replies';
import { dispatchQueue } from '../queue/dispatch-queue';
import { closeWithoutOperator, endConversation } from '../conversation/end-conversation';
import type { ChatGateway, ChatProfile, CoreDeps, SentCard } from '../ports';
import { loadSettings } from '../settings/project-settings';
import { releaseOperator, tellHandedBack } from '../conversation/release-operator';
import { messageOf } from '../../domain/koji-error';

/**
 * Someone Koji can no longer write to, for good: the platform said so
 * (ChatRecipientUnreachableError: deactivated, bot removed from the chat, app
 * blocked or uninstalled, the workspace's token refused). Nobody may be left
 * waiting on them, so whatever they hold is undone at once:
 *
 * - an operator goes off duty, with the platform's reason on their record for
 *   the backoffice Overview; their users go back to the queue ahead of anyone
 *   who asked later (release-operator.ts), are told, and are matched again;
 * - a user's conversation ends: their operator is told and freed, or, waiting,
 *   they leave the queue (an operator would otherwise be handed someone who
 *   will never read them).
 *
 * Every delivery failure of the core comes here: notices through notify(), the
 * relay from its catch. What this does tells other people through notify()
 * too, so one unreachable person can lead to another (the next operator a user
 * is handed to may be gone as well); each is handled once, and nothing more is
 * sent to those already found unreachable.
 *
 * For the relay, a message that met an unreachable person is not worth
 * resending: its sender hears what became of the conversation instead (a
 * user, that they are back in the queue; an operator, that it ended), and the
 * message stays in the transcript for whoever takes over.
 *
 * True once done. False when the store failed meanwhile (logged): whatever
 * could not be changed is changed by the next send that meets the same
 * person, and the caller carries on as for any failed delivery.
 */
export async function whenUnreachable(deps: CoreDeps, person: Participant, error: ChatRecipientUnreachableError): Promise<boolean> {
  deps.log.warn('person_unreachable', { person: participantKey(person), reason: error.reason });
  try {
    await takeOut({ ...deps, chat: new NotWritingTo(deps.chat, participantKey(person)) }, person, error.reason);
    return true;
  } catch (failure) {
    deps.log.warn('unreachable_not_handled', { person: participantKey(person), reason: messageOf(failure) });
    return false;
  }
}

async function takeOut(deps: CoreDeps, person: Participant, reason: string): Promise<void> {
  const { conversation, operator } = await deps.state.getParticipant(person);
  if (operator && (operator.value.duty === 'on' || operator.value.assignments.length > 0)) await takeOffDuty(deps, operator.value, reason);
  if (conversation) await endForUser(deps, conversation.value);
}

async function takeOffDuty(deps: CoreDeps, operator: Operator, reason: string): Promise<void> {
  const released = await releaseOperator(deps, operator.participant, { unreachable: reason });
  if (!released) return;
  deps.log.warn('operator_taken_off_duty', {
    operator: participantKey(operator.participant),
    reason,
    handedBack: released.requeued.length,
  });
  await tellHandedBack(deps, operator.projectId, released.requeued, { kind: 'unreachable', name: operator.displayName });
  await dispatchQueue(deps, operator.projectId, await loadSettings(deps, operator.projectId));
}

async function endForUser(deps: CoreDeps, conversation: Conversation): Promise<void> {
  if (conversation.state.kind === 'with-operator') {
    await endConversation(deps, conversation.user, conversation.id, 'user-unreachable', await loadSettings(deps, conversation.projectId));
    return;
  }
  await closeWithoutOperator(deps, conversation, (s) => notesFor(s).stoppedWaitingUnreachable(s.userName, s.user.channel), undefined, 'user-unreachable');
}

/**
 * The chat as it is, minus the person just found unreachable: a notice to them
 * fails at once as an ordinary delivery failure, which notify() logs and does
 * not bring back here.
 */
class NotWritingTo implements ChatGateway {
  constructor(
    private readonly chat: ChatGateway,
    private readonly unreachable: string,
  ) {}

  send(to: Participant, message: OutgoingMessage): Promise<SentCard | void> {
    if (participantKey(to) === this.unreachable) return Promise.reject(new ChatDeliveryError('Not sent: this person can no longer be reached.'));
    return this.chat.send(to, message);
  }

  replace(to: Participant, sent: SentCard, message: OutgoingMessage): Promise<void> {
    if (participantKey(to) === this.unreachable || !this.chat.replace) return Promise.reject(new ChatDeliveryError('Not updated: this person can no longer be reached.'));
    return this.chat.replace(to, sent, message);
  }

  profile(participant: Participant): Promise<ChatProfile> {
    return this.chat.profile(participant);
  }
}
