import type { Backlog, Conversation, ConversationStateKind } from '../../domain/conversation';
import { lastOperatorLifetimeSeconds } from '../../domain/last-operator';
import { assignmentOf, holdsOffer, withoutAssignment, withoutOffer, type Operator } from '../../domain/operator';
import { settleOfferCard } from '../offers/make-offer';
import type { Participant } from '../../domain/participant';
import { notesFor, say } from '../../domain/replies';
import type { LiveAgentSettings } from '../../domain/settings';
import { senderSideOf } from '../delivery/lane';
import { tellDroppedBacklog } from '../delivery/notices';
import { LOST_RACE, untilCommitted } from '../compare-and-set';
import { addRemainderToTicket } from '../tickets/ticket-remainder';
import { dispatchQueue } from '../queue/dispatch-queue';
import { notify } from '../delivery/notify';
import { loadSettings } from '../settings/project-settings';
import type { CoreDeps, StateWrite } from '../ports';
import { recordEnding, recordSystemLine } from '../transcript/system-line';
import { inviteRating } from '../ratings/rate-conversation';
import { countFigures, endedEvent } from '../figures/service-figures';
import { endingWithoutOperator, type HistoryEnding } from '../../domain/history';
import { recordHistory } from '../history/record-history';

/** The states of a conversation that has no operator. */
type WaitingState = Exclude<ConversationStateKind, 'with-operator'>;

/** `user-unreachable`: the user's chat can't be reached any more (see unreachable.ts). */
export type EndReason = 'operator-ended' | 'user-left' | 'inactivity' | 'support-disabled' | 'tenant-disconnected' | 'user-unreachable';

/** Endings after which the user was served, and goes back to that operator if they ask again soon. */
const SERVED_TO_THE_END: readonly EndReason[] = ['operator-ended', 'user-left', 'inactivity'];

interface Closed {
  readonly conversation: Conversation;
  /** The operator who held the conversation, as they are after being freed. */
  readonly operator?: Operator | undefined;
  /** The operator's messages that were still waiting to reach the user (see Backlog). */
  readonly operatorBacklog?: Backlog | undefined;
}

/**
 * Removes a user's conversation and frees its operator in one commit. Undefined
 * when that conversation had already ended (a double click, a race with a
 * timeout), or is no longer in one of `onlyIn`: a conversation keeps its id
 * from the queue to an operator, so a close decided on a stale read of a
 * waiting user must not end the conversation they have meanwhile started.
 */
export async function closeConversation(
  deps: CoreDeps,
  user: Participant,
  sessionId: string,
  onlyIn?: readonly ConversationStateKind[],
  /** Remember the conversation's operator for the user this long (see last-operator.ts); undefined: don't. */
  lastOperatorLifetimeSeconds?: number,
): Promise<Closed | undefined> {
  return untilCommitted(async () => {
    const current = await deps.state.getConversation(user);
    if (!current || current.value.id !== sessionId) return undefined;
    if (onlyIn && !onlyIn.includes(current.value.state.kind)) return undefined;
    const writes: StateWrite[] = [{ kind: 'delete-conversation', user, expected: current.version }];
    let freed: Operator | undefined;
    let operatorBacklog: Backlog | undefined;
    const { state } = current.value;
    if (state.kind === 'with-operator') {
      const holder = await deps.state.getOperator(state.operator);
      if (holder) {
        operatorBacklog = assignmentOf(holder.value, sessionId)?.backlog;
        freed = withoutAssignment(holder.value, sessionId, deps.clock.now());
        writes.push({ kind: 'put-operator', operator: freed, expected: holder.version });
      }
      if (lastOperatorLifetimeSeconds !== undefined) {
        const last = { operator: state.operator, projectId: current.value.projectId, at: deps.clock.now() };
        writes.push({ kind: 'put-last-operator', user, last, lifetimeSeconds: lastOperatorLifetimeSeconds });
      }
    }
    if (state.kind === 'offered') {
      // The offer ends with the wait: the operator's place under their capacity is free again.
      const holder = await deps.state.getOperator(state.offer.operator);
      if (holder && holdsOffer(holder.value, state.offer.id)) {
        writes.push({ kind: 'put-operator', operator: withoutOffer(holder.value, state.offer.id), expected: holder.version });
      }
    }
    return (await deps.state.commit(writes)) ? { conversation: current.value, operator: freed, operatorBacklog } : LOST_RACE;
  });
}

/**
 * Ends a conversation with a human and tells both sides, then gives the freed
 * operator the next waiting user. `stop`/`#exit` from either side, the
 * inactivity timeout and switching live agents off all end here.
 */
export async function endConversation(
  deps: CoreDeps,
  user: Participant,
  sessionId: string,
  reason: EndReason,
  settings: LiveAgentSettings,
  /** `dispatch: false` leaves matching the freed operator to the caller, who is still taking others out of service. */
  /** `askForRating: false`: the user removed the app, so there is nobody to ask (duty/person-left.ts). */
  options: { readonly dispatch?: boolean; readonly askForRating?: boolean } = {},
): Promise<boolean> {
  const closed = await closeConversation(deps, user, sessionId, undefined, SERVED_TO_THE_END.includes(reason) ? lastOperatorLifetimeSeconds(settings) : undefined);
  if (!closed) return false;
  const { conversation, operator } = closed;
  // A user who leaves while still waiting (a "cancel" racing the connection, an uninstall) never reached an
  // operator: they left the queue, in the history and in the figures alike.
  const served = conversation.state.kind === 'with-operator' || !SERVED_TO_THE_END.includes(reason);
  const ended = served ? endedEvent(conversation, deps.clock.now()) : ({ kind: 'abandoned' } as const);
  if (ended) await countFigures(deps, conversation.projectId, settings, [ended]);
  const operatorName = conversation.state.kind === 'with-operator' ? conversation.state.operatorName : 'the operator';
  const { toUser } = say(conversation.lang);
  await recordSystemLine(deps, conversation.id, 'ended', endedLine(reason, conversation, operatorName), conversation);
  await recordHistory(deps, conversation, served ? reason : endingWithoutOperator(conversation));
  await addRemainderToTicket(deps, conversation);
  await tellWhatWasStillWaiting(deps, closed, reason);

  const userText = {
    'operator-ended': toUser.closedByOperator(operatorName),
    'user-left': toUser.youEnded(operatorName),
    inactivity: toUser.closedForInactivity(settings.inactivityTimeoutMinutes),
    'support-disabled': toUser.liveAgentTurnedOff(),
    'tenant-disconnected': toUser.tenantDisconnected(conversation.user.channel, operatorName),
    // Not sent: whoever ends a conversation for this reason no longer writes to them (see unreachable.ts).
    'user-unreachable': toUser.youEnded(operatorName),
  }[reason];
  await notify(deps, conversation.user, { kind: 'notice', text: userText, conversationId: conversation.id });
  // Only users who were served to the end are asked how it went; the card follows the ending notice.
  if (SERVED_TO_THE_END.includes(reason) && options.askForRating !== false) await inviteRating(deps, conversation, settings);

  if (operator) {
    const { toOperator } = say(operator.lang);
    const operatorText = {
      'operator-ended': toOperator.ended(conversation.userName),
      'user-left': toOperator.userLeft(conversation.userName),
      inactivity: toOperator.closedForInactivity(conversation.userName, settings.inactivityTimeoutMinutes),
      'support-disabled': undefined,
      'tenant-disconnected': toOperator.userDisconnected(conversation.userName, conversation.user.channel),
      'user-unreachable': toOperator.userUnreachable(conversation.userName, conversation.user.channel),
    }[reason];
    if (operatorText) {
      await notify(deps, operator.participant, { kind: 'notice', text: operatorText, conversationId: conversation.id });
    }
    if (options.dispatch !== false) await dispatchQueue(deps, conversation.projectId, settings);
  }
  return true;
}

/**
 * Messages still waiting in a backlog when the conversation ended will not be
 * sent now: each sender hears which, unless it was they who can't be reached.
 */
async function tellWhatWasStillWaiting(deps: CoreDeps, closed: Closed, reason: EndReason): Promise<void> {
  const { conversation, operator, operatorBacklog } = closed;
  if (conversation.state.kind !== 'with-operator') return;
  const { backlog } = conversation.state;
  if (backlog && reason !== 'user-unreachable') {
    await tellDroppedBacklog(deps, senderSideOf('to-operator', conversation.user, conversation.state.operatorName, conversation.id, conversation.lang), backlog, 'ended');
  }
  if (operatorBacklog && operator && reason !== 'user-unreachable') {
    await tellDroppedBacklog(deps, senderSideOf('to-user', operator.participant, conversation.userName, conversation.id, operator.lang), operatorBacklog, 'ended');
  }
}

function endedLine(reason: EndReason, conversation: Conversation, operatorName: string): string {
  const { userName } = conversation;
  const transcriptNotes = notesFor(conversation);
  switch (reason) {
    case 'operator-ended':
      return transcriptNotes.operatorEnded(operatorName);
    case 'user-left':
      return transcriptNotes.userEnded(userName);
    case 'inactivity':
      return transcriptNotes.closedForInactivity();
    case 'support-disabled':
      return transcriptNotes.closedSupportDisabled();
    case 'tenant-disconnected':
      return transcriptNotes.closedTenantDisconnected(userName, conversation.user.channel);
    case 'user-unreachable':
      return transcriptNotes.closedUserUnreachable(userName, conversation.user.channel);
  }
}

/**
 * Closes a conversation that has no operator (waiting, or offered a ticket):
 * the transcript records how it ended, and a ticket an earlier operator made
 * gets what was said since. Every such close goes through here, so none of
 * them leaves the panel without an ending or the ticket without its tail.
 */
export async function closeWithoutOperator(
  deps: CoreDeps,
  conversation: Conversation,
  ending: (closed: Conversation) => string,
  onlyIn: readonly WaitingState[] = ['queued', 'offered', 'ticket-offered'],
  /** How the History tab names this ending; by default from the state it closed in (left the queue, or did not take the ticket). */
  how?: HistoryEnding,
): Promise<Closed | undefined> {
  const closed = await closeConversation(deps, conversation.user, conversation.id, onlyIn);
  if (!closed) return undefined;
  const { state } = closed.conversation;
  if (state.kind === 'offered') {
    await settleOfferCard(deps, state.offer.operator, state.offer.id, say(state.offer.operatorLang).toOperator.offerWithdrawn(closed.conversation.userName), closed.conversation.id);
    await dispatchQueue(deps, closed.conversation.projectId, await loadSettings(deps, closed.conversation.projectId));
  }
  await recordEnding(deps, conversation.id, ending(closed.conversation), closed.conversation);
  await recordHistory(deps, closed.conversation, how ?? endingWithoutOperator(closed.conversation));
  await addRemainderToTicket(deps, closed.conversation);
  return closed;
}

/** A waiting user (or one offered a ticket) who says "cancel" goes back to the bot. */
export async function leaveQueue(deps: CoreDeps, conversation: Conversation): Promise<void> {
  const { toUser } = say(conversation.lang);
  const transcriptNotes = notesFor(conversation);
  const closed = await closeWithoutOperator(deps, conversation, (s) =>
    s.state.kind === 'ticket-offered' ? transcriptNotes.declinedTicket(s.userName) : transcriptNotes.leftQueue(s.userName),
  );
  if (!closed) {
    // Connected while saying "cancel": they still want to leave, and the operator must hear it.
    await endConversation(deps, conversation.user, conversation.id, 'user-left', await loadSettings(deps, conversation.projectId));
    return;
  }
  const declined = closed.conversation.state.kind === 'ticket-offered';
  // Leaving the queue (not declining a ticket offered after it) is abandoning it.
  if (!declined) await countFigures(deps, conversation.projectId, undefined, [{ kind: 'abandoned' }]);
  const text = declined ? toUser.offerDeclined() : toUser.leftQueue();
  await notify(deps, conversation.user, { kind: 'notice', text, conversationId: conversation.id });
}
