import { messageOf } from '../../domain/koji-error';
import type { OutgoingMessage } from '../../domain/outgoing-message';
import type { Participant } from '../../domain/participant';
import type { TranscriptLine } from '../../domain/transcript';
import { lineKept } from '../history/record-history';
import type { CoreDeps, SentCard, SentLine } from '../ports';

/**
 * The copy of a relayed line that the other side received, and changing it afterwards: an edit replaces it, a
 * deletion removes it, and a later redaction will replace it with "[redacted]" through the same function.
 *
 * How a copy is found, without making the relay dearer where it can be avoided:
 * - a platform that can look back (`ChatGateway.findsCopies`: Slack) finds it itself: every relay is posted
 *   with message metadata naming its line, and one conversations.history call around the line's time finds it;
 * - elsewhere (Teams: the Bot Connector has no history to read) the relay keeps where the copy went, after a
 *   send that named it: one small KVS write more on relays to such a recipient (keepCopy), kept as long as the
 *   conversation's transcript (LiveAgentState.rememberCard).
 */

/** The key a copy's whereabouts are kept under (LiveAgentState.rememberCard). */
export function copyKey(conversationId: string, lineId: string): string {
  return `copy:${conversationId}:${lineId}`;
}

/**
 * After a relayed line's send: where its platform cannot find copies itself, keep where this one went. A failure
 * is logged and swallowed (the message was delivered; an edit of it then leaves the copy as it was).
 */
export async function keepCopy(
  deps: Pick<CoreDeps, 'chat' | 'state' | 'log'>,
  to: Participant,
  sent: { readonly conversationId: string; readonly keepDays?: number | undefined },
  line: TranscriptLine,
  card: SentCard | void,
): Promise<void> {
  if (!card || deps.chat.findsCopies?.(to) !== false) return;
  try {
    await deps.state.rememberCard(copyKey(sent.conversationId, line.id), card, lineKept(sent).expiresInSeconds);
  } catch (error) {
    deps.log.warn('copy_not_kept', { conversationId: sent.conversationId, reason: messageOf(error) });
  }
}

/** Where the copy of `sent` went in `to`'s chat: asked of the platform, or as kept at the relay; undefined when unknown. */
export async function findCopy(deps: Pick<CoreDeps, 'chat' | 'state'>, to: Participant, sent: SentLine): Promise<SentCard | undefined> {
  if (deps.chat.findsCopies?.(to) === false) return deps.state.recallCard(copyKey(sent.conversationId, sent.lineId));
  return deps.chat.findCopy?.(to, sent);
}

export type CopyOutcome = 'replaced' | 'removed' | 'not-found' | 'failed';

/**
 * Replaces the copy of a relayed line in `to`'s chat with `replacement`, or removes it (`'remove'`). Never
 * throws: a copy that cannot be found or changed is logged and answered, and what the caller did stands.
 * Cost: Slack one conversations.history call and one chat.update / chat.delete; Teams one KVS read and one
 * Bot Connector PUT / DELETE.
 */
export async function replaceCopy(
  deps: Pick<CoreDeps, 'chat' | 'state' | 'log'>,
  to: Participant,
  sent: SentLine,
  replacement: OutgoingMessage | 'remove',
): Promise<CopyOutcome> {
  try {
    const copy = await findCopy(deps, to, sent);
    if (!copy) {
      deps.log.info('copy_not_found', { conversationId: sent.conversationId, channel: to.channel });
      return 'not-found';
    }
    if (replacement === 'remove') {
      if (!deps.chat.remove) return 'not-found';
      await deps.chat.remove(to, copy);
      return 'removed';
    }
    if (!deps.chat.replace) return 'not-found';
    await deps.chat.replace(to, copy, replacement);
    return 'replaced';
  } catch (error) {
    deps.log.warn('copy_not_replaced', { conversationId: sent.conversationId, channel: to.channel, reason: messageOf(error) });
    return 'failed';
  }
}
