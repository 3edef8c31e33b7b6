import type { Conversation } from '../../domain/conversation';
import { newAssignment, withAssignment, type Operator } from '../../domain/operator';
import type { Language } from '../../domain/language';
import { say } from '../../domain/replies';
import type { OutgoingMessage } from '../../domain/outgoing-message';
import { handoverExcerpt, handoverText, type HandoverExcerpt } from '../transcript/handover-excerpt';
import { notify } from '../delivery/notify';
import type { CoreDeps, Expected, StateWrite, Versioned } from '../ports';

/** How many of the user's recent messages to the bot a new conversation starts with. */
export const EXCERPT_LINES = 10;

/** The pair of writes that hands a conversation to an operator: both succeed or neither. */
export function connectWrites(
  conversation: Conversation,
  conversationExpected: Expected,
  operator: Versioned<Operator>,
  now: number,
): { conversation: Conversation; operator: Operator; writes: StateWrite[] } {
  const connected: Conversation = {
    ...conversation,
    state: { kind: 'with-operator', operator: operator.value.participant, operatorName: operator.value.displayName, operatorLang: operator.value.lang, since: now },
  };
  const busier = withAssignment(operator.value, newAssignment(conversation, now));
  return {
    conversation: connected,
    operator: busier,
    writes: [
      { kind: 'put-conversation', conversation: connected, expected: conversationExpected },
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
  conversation: Conversation,
  operator: Operator,
): Promise<void> {
  await notify(deps, conversation.user, { kind: 'notice', text: say(conversation.lang).toUser.connected(operator.displayName), conversationId: conversation.id });
  const excerpt = await handoverExcerpt(deps, conversation.id);
  await notify(deps, operator.participant, requestCard(conversation, excerpt, operator.lang));
}

/** The card handing `conversation`'s user to an operator, in the operator's `language`. */
export function requestCard(conversation: Conversation, excerpt: HandoverExcerpt, language: Language | undefined): OutgoingMessage {
  return {
    kind: 'request',
    text: handoverText(say(language).toOperator.request(conversation.userName, conversation.user.channel), conversation, excerpt, language),
    conversationId: conversation.id,
    excerpt: excerpt.lines,
    buttons: operatorButtons(language),
  };
}

export function operatorButtons(language: Language | undefined): OutgoingMessage['buttons'] {
  const { buttonLabels } = say(language);
  return [
    { action: 'end-session', label: buttonLabels.endConversation },
    { action: 'create-ticket', label: buttonLabels.createTicket },
    { action: 'forward', label: buttonLabels.forward },
  ];
}
