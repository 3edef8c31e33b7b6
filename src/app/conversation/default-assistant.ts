import { say } from '../../domain/replies';
import type { Assistant, AssistantAnswer, AssistantQuestion } from '../ports';

/**
 * Stands in for Koji's help-desk bot where none is connected: it answers every
 * question by pointing at the way to a human.
 */
export class HandoffHintAssistant implements Assistant {
  answer(question: Pick<AssistantQuestion, 'handoffPhrase' | 'language'>): Promise<AssistantAnswer> {
    return Promise.resolve({ text: say(question.language).toUser.assistantHint(question.handoffPhrase) });
  }
}
