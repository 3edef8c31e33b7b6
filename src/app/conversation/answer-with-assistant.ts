import type { ChatButton } from '../../domain/outgoing-message';
import { say } from '../../domain/replies';
import { handoffHint, type LiveAgentSettings } from '../../domain/settings';
import { withCardNote, type Handled } from '../commands/command';
import { notify } from '../delivery/notify';
import type { CoreDeps } from '../ports';
import { countDeflection } from '../deflection/deflection-counters';
import type { IncomingChatMessage } from './incoming-message';

/** The value of the **Talk to an operator** button under an answer that showed articles: asking then is an escalation. */
export const AFTER_ANSWER = 'after-answer';

/**
 * The assistant answers a user who is not talking to a person: one outbound
 * message, its articles if any, **This solved it** when it offers that, and
 * the way to a person while live agents are on.
 */
export async function answerWithAssistant(deps: CoreDeps, msg: IncomingChatMessage, settings: LiveAgentSettings): Promise<Handled> {
  const language = msg.language ?? settings.defaultLanguage;
  const { buttonLabels } = say(language);
  const answer = await deps.assistant.answer({ user: msg.from, projectId: msg.projectId, text: msg.text, handoffPhrase: handoffHint(settings, language), language });
  const articles = answer.articles && answer.articles.length > 0 ? answer.articles : undefined;
  const buttons: ChatButton[] = [];
  if (articles && answer.offerSolved) buttons.push({ action: 'kb-solved', label: buttonLabels.solvedIt });
  if (settings.enabled) buttons.push({ action: 'request-operator', label: buttonLabels.talkToOperator, ...(articles ? { value: AFTER_ANSWER } : {}) });
  await notify(deps, msg.from, { kind: 'notice', text: answer.text, articles, buttons: buttons.length > 0 ? buttons : undefined });
  if (answer.searched) await countDeflection(deps, msg.projectId, settings, answer.searched, msg.id);
  return 'assistant';
}

/** **This solved it**: thanked, and the card settles. */
export async function solvedByAnswer(deps: CoreDeps, msg: IncomingChatMessage, settings: LiveAgentSettings): Promise<Handled> {
  await countDeflection(deps, msg.projectId, settings, 'solved', msg.id);
  const { toUser, usedCardNotes } = say(msg.language);
  await notify(deps, msg.from, { kind: 'notice', text: toUser.gladItHelped() });
  return withCardNote('assistant', usedCardNotes.solvedIt);
}

/** Asking for a person with the button under an answer that showed articles counts as an escalation. */
export async function countEscalation(deps: CoreDeps, msg: IncomingChatMessage, settings: LiveAgentSettings): Promise<void> {
  if (msg.action?.kind === 'request-operator' && msg.action.value === AFTER_ANSWER) await countDeflection(deps, msg.projectId, settings, 'escalated', msg.id);
}
