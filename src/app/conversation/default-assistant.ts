import { toUser } from '../../domain/replies';
import type { Assistant, AssistantAnswer } from '../ports';

/**
 * Stands in for Koji's help-desk bot where none is connected: it answers every
 * question by pointing at the way to a human.
 */
export class HandoffHintAssistant implements Assistant {
  answer(question: { readonly handoffPhrase: string }): Promise<AssistantAnswer> {
    return Promise.resolve({ text: toUser.assistantHint(question.handoffPhrase) });
  }
}
