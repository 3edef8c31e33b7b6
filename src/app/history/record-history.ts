import type { Conversation } from '../../domain/conversation';
import { historyEntryOf, keepSecondsOf, type HistoryEnding } from '../../domain/history';
import { messageOf } from '../../domain/koji-error';
import type { CoreDeps } from '../ports';
import { notesFor } from '../../domain/replies';
import { takenNote } from '../transcript/recent-messages';
import { forgetErasedServer } from '../privacy/erased-people';
import { RECENT_MESSAGES_TTL_SECONDS, recentMessagesId } from '../transcript/transcript-ids';

/**
 * Writes a conversation's history record once it has ended: called only by whoever won the commit that
 * deleted the conversation (closeConversation), so each ending writes exactly one. One KVS transaction (the
 * record and its user and operator in the "people seen" list), no read. A failure is logged, never the
 * ending's problem: the people were told, the transcript keeps the conversation.
 */
export async function recordHistory(deps: Pick<CoreDeps, 'history' | 'clock' | 'log' | 'transcripts' | 'erased'>, conversation: Conversation, ending: HistoryEnding): Promise<void> {
  await markRecentTaken(deps, conversation, ending);
  if (!deps.history) return;
  try {
    const told = await forgetErasedServer(deps, conversation);
    await deps.history.record(historyEntryOf(told, ending, deps.clock.now()), keepSecondsOf(conversation));
  } catch (error) {
    deps.log.warn('history_not_written', { conversationId: conversation.id, reason: messageOf(error) });
  }
}

/** The options a transcript line of `holder` (a conversation, or an operator's assignment of it) is written with. */
export function lineKept(holder: { readonly keepDays?: number | undefined } | undefined): { readonly expiresInSeconds: number } {
  return { expiresInSeconds: keepSecondsOf(holder) };
}

/**
 * Once a person read what the user wrote to the bot before asking (an operator served the conversation) or a ticket
 * holds it, those messages are marked taken (recent-messages.ts): the user's next request starts after them. Words
 * no one read (a user who left the queue, or declined the ticket) stay, for the next request to carry. One write,
 * only then; a failure is logged, the next request then shows them again.
 */
async function markRecentTaken(deps: Pick<CoreDeps, 'clock' | 'log' | 'transcripts'>, conversation: Conversation, ending: HistoryEnding): Promise<void> {
  const read = conversation.state.kind === 'with-operator' || conversation.servedBy !== undefined || conversation.ticket !== undefined || ending === 'ticket-taken';
  if (!read) return;
  try {
    await deps.transcripts.append(recentMessagesId(conversation.user), takenNote(deps.clock.now(), notesFor(conversation).recentTaken()), { expiresInSeconds: RECENT_MESSAGES_TTL_SECONDS });
  } catch (error) {
    deps.log.warn('recent_not_marked', { conversationId: conversation.id, reason: messageOf(error) });
  }
}
