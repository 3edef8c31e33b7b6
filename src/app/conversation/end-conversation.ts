import type { Backlog, ChatSession, SessionStateKind } from '../../domain/chat-session';
import { assignmentOf, withoutAssignment, type Operator } from '../../domain/operator';
import type { Participant } from '../../domain/participant';
import { toOperator, toUser, transcriptNotes } from '../../domain/replies';
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

/** The states of a conversation that has no operator. */
type WaitingState = Exclude<SessionStateKind, 'with-operator'>;

/** `user-unreachable`: the user's chat can't be reached any more (see unreachable.ts). */
export type EndReason = 'operator-ended' | 'user-left' | 'inactivity' | 'support-disabled' | 'tenant-disconnected' | 'user-unreachable';

interface Closed {
  readonly session: ChatSession;
  /** The operator who held the conversation, as they are after being freed. */
  readonly operator?: Operator | undefined;
  /** The operator's messages that were still waiting to reach the user (see Backlog). */
  readonly operatorBacklog?: Backlog | undefined;
}

/**
 * Removes a user's session and frees its operator in one commit. Undefined
 * when that conversation had already ended (a double click, a race with a
 * timeout), or is no longer in one of `onlyIn`: a conversation keeps its id
 * from the queue to an operator, so a close decided on a stale read of a
 * waiting user must not end the conversation they have meanwhile started.
 */
export async function closeSession(
  deps: CoreDeps,
  user: Participant,
  sessionId: string,
  onlyIn?: readonly SessionStateKind[],
): Promise<Closed | undefined> {
  return untilCommitted(async () => {
    const current = await deps.state.getSession(user);
    if (!current || current.value.id !== sessionId) return undefined;
    if (onlyIn && !onlyIn.includes(current.value.state.kind)) return undefined;
    const writes: StateWrite[] = [{ kind: 'delete-session', user, expected: current.version }];
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
    }
    return (await deps.state.commit(writes)) ? { session: current.value, operator: freed, operatorBacklog } : LOST_RACE;
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
  options: { readonly dispatch?: boolean } = {},
): Promise<boolean> {
  const closed = await closeSession(deps, user, sessionId);
  if (!closed) return false;
  const { session, operator } = closed;
  const operatorName = session.state.kind === 'with-operator' ? session.state.operatorName : 'the operator';
  await recordSystemLine(deps, session.id, 'ended', endedLine(reason, session, operatorName));
  await addRemainderToTicket(deps, session);
  await tellWhatWasStillWaiting(deps, closed, reason);

  const userText = {
    'operator-ended': toUser.closedByOperator(operatorName),
    'user-left': toUser.youEnded(operatorName),
    inactivity: toUser.closedForInactivity(settings.inactivityTimeoutMinutes),
    'support-disabled': toUser.liveAgentTurnedOff(),
    'tenant-disconnected': toUser.tenantDisconnected(session.user.channel),
    // Not sent: whoever ends a conversation for this reason no longer writes to them (see unreachable.ts).
    'user-unreachable': toUser.youEnded(operatorName),
  }[reason];
  await notify(deps, session.user, { kind: 'notice', text: userText, conversationId: session.id });

  if (operator) {
    const operatorText = {
      'operator-ended': toOperator.ended(session.userName),
      'user-left': toOperator.userLeft(session.userName),
      inactivity: toOperator.closedForInactivity(session.userName, settings.inactivityTimeoutMinutes),
      'support-disabled': undefined,
      'tenant-disconnected': toOperator.userDisconnected(session.userName, session.user.channel),
      'user-unreachable': toOperator.userUnreachable(session.userName, session.user.channel),
    }[reason];
    if (operatorText) {
      await notify(deps, operator.participant, { kind: 'notice', text: operatorText, conversationId: session.id });
    }
    if (options.dispatch !== false) await dispatchQueue(deps, session.projectId, settings);
  }
  return true;
}

/**
 * Messages still waiting in a backlog when the conversation ended will not be
 * sent now: each sender hears which, unless it was they who can't be reached.
 */
async function tellWhatWasStillWaiting(deps: CoreDeps, closed: Closed, reason: EndReason): Promise<void> {
  const { session, operator, operatorBacklog } = closed;
  if (session.state.kind !== 'with-operator') return;
  const { backlog } = session.state;
  if (backlog && reason !== 'user-unreachable') {
    await tellDroppedBacklog(deps, senderSideOf('to-operator', session.user, session.state.operatorName, session.id), backlog, 'ended');
  }
  if (operatorBacklog && operator && reason !== 'user-unreachable') {
    await tellDroppedBacklog(deps, senderSideOf('to-user', operator.participant, session.userName, session.id), operatorBacklog, 'ended');
  }
}

function endedLine(reason: EndReason, session: ChatSession, operatorName: string): string {
  const { userName } = session;
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
      return transcriptNotes.closedTenantDisconnected(userName, session.user.channel);
    case 'user-unreachable':
      return transcriptNotes.closedUserUnreachable(userName, session.user.channel);
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
  session: ChatSession,
  ending: (closed: ChatSession) => string,
  onlyIn: readonly WaitingState[] = ['queued', 'ticket-offered'],
): Promise<Closed | undefined> {
  const closed = await closeSession(deps, session.user, session.id, onlyIn);
  if (!closed) return undefined;
  await recordEnding(deps, session.id, ending(closed.session));
  await addRemainderToTicket(deps, closed.session);
  return closed;
}

/** A waiting user (or one offered a ticket) who says "cancel" goes back to the bot. */
export async function leaveQueue(deps: CoreDeps, session: ChatSession): Promise<void> {
  const closed = await closeWithoutOperator(deps, session, (s) =>
    s.state.kind === 'ticket-offered' ? transcriptNotes.declinedTicket(s.userName) : transcriptNotes.leftQueue(s.userName),
  );
  if (!closed) {
    // Connected while saying "cancel": they still want to leave, and the operator must hear it.
    await endConversation(deps, session.user, session.id, 'user-left', await loadSettings(deps, session.projectId));
    return;
  }
  const text = closed.session.state.kind === 'ticket-offered' ? toUser.offerDeclined() : toUser.leftQueue();
  await notify(deps, session.user, { kind: 'notice', text, conversationId: session.id });
}
