import type { ChatSession } from '../../domain/chat-session';
import { withAssignment, type Operator } from '../../domain/operator';
import { buttonLabels, toOperator, toUser } from '../../domain/replies';
import type { OutgoingMessage } from '../../domain/outgoing-message';
import { handoverExcerpt, handoverText, type HandoverExcerpt } from '../transcript/handover-excerpt';
import { notify } from '../delivery/notify';
import type { CoreDeps, Expected, StateWrite, Versioned } from '../ports';

/** How many of the user's recent messages to the bot a new conversation starts with. */
export const EXCERPT_LINES = 10;

/** The pair of writes that hands a session to an operator: both succeed or neither. */
export function connectWrites(
  session: ChatSession,
  sessionExpected: Expected,
  operator: Versioned<Operator>,
  now: number,
): { session: ChatSession; operator: Operator; writes: StateWrite[] } {
  const connected: ChatSession = {
    ...session,
    state: { kind: 'with-operator', operator: operator.value.participant, operatorName: operator.value.displayName, since: now },
  };
  const busier = withAssignment(operator.value, {
    sessionId: session.id,
    user: session.user,
    userName: session.userName,
    since: now,
  });
  return {
    session: connected,
    operator: busier,
    writes: [
      { kind: 'put-session', session: connected, expected: sessionExpected },
      { kind: 'put-operator', operator: busier, expected: operator.version },
    ],
  };
}

/**
 * Once connected: the user learns who joined, the operator gets the request
 * with the conversation so far (the user's words to the bot, what they wrote
 * while waiting, and, for a user handed back, everything before), as much as
 * one message holds.
 */
export async function announceConnection(
  deps: CoreDeps,
  session: ChatSession,
  operator: Operator,
): Promise<void> {
  await notify(deps, session.user, { kind: 'notice', text: toUser.connected(operator.displayName), conversationId: session.id });
  const excerpt = await handoverExcerpt(deps, session.id);
  await notify(deps, operator.participant, requestCard(session, excerpt));
}

export function requestCard(session: ChatSession, excerpt: HandoverExcerpt): OutgoingMessage {
  return {
    kind: 'request',
    text: handoverText(toOperator.request(session.userName, session.user.channel), session, excerpt),
    conversationId: session.id,
    excerpt: excerpt.lines,
    buttons: operatorButtons(),
  };
}

export function operatorButtons(): OutgoingMessage['buttons'] {
  return [
    { action: 'end-session', label: buttonLabels.endConversation },
    { action: 'create-ticket', label: buttonLabels.createTicket },
    { action: 'forward', label: buttonLabels.forward },
  ];
}
