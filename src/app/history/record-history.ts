import type { Conversation } from '../../domain/conversation';
import { historyEntryOf, keepSecondsOf, type HistoryEnding } from '../../domain/history';
import { messageOf } from '../../domain/koji-error';
import type { CoreDeps } from '../ports';

/**
 * Writes a conversation's history record once it has ended: called only by whoever won the commit that
 * deleted the conversation (closeConversation), so each ending writes exactly one. One KVS transaction (the
 * record and its user and operator in the "people seen" list), no read. A failure is logged, never the
 * ending's problem: the people were told, the transcript keeps the conversation.
 */
export async function recordHistory(deps: Pick<CoreDeps, 'history' | 'clock' | 'log'>, conversation: Conversation, ending: HistoryEnding): Promise<void> {
  if (!deps.history) return;
  try {
    await deps.history.record(historyEntryOf(conversation, ending, deps.clock.now()), keepSecondsOf(conversation));
  } catch (error) {
    deps.log.warn('history_not_written', { conversationId: conversation.id, reason: messageOf(error) });
  }
}

/** The options a transcript line of `holder` (a conversation, or an operator's assignment of it) is written with. */
export function lineKept(holder: { readonly keepDays?: number | undefined } | undefined): { readonly expiresInSeconds: number } {
  return { expiresInSeconds: keepSecondsOf(holder) };
}
