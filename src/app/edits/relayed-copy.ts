import { messageOf } from '../../domain/koji-error';
import type { OutgoingMessage } from '../../domain/outgoing-message';
import type { Participant } from '../../domain/participant';
import { lineKept } from '../history/record-history';
import type { CoreDeps, SentCard, SentLine } from '../ports';
import { partLineId } from '../delivery/send-line';

/**
 * The copy of a relayed line that the other side received, and changing it afterwards: an edit replaces it, a
 * deletion removes it, and a later redaction will replace it with "[redacted]" through the same function.
 *
 * How a copy is found, without making the relay dearer where it can be avoided:
 * - a platform that can look back (`ChatGateway.findsCopies`: Slack) finds it itself: every relay is posted
 *   with message metadata naming its line, and conversations.open (the recipient's DM) and one
 *   conversations.history call around the line's time find it;
 * - elsewhere (Teams: the Bot Connector has no history to read) the relay keeps where the copy went, after a
 *   send that named it: one small KVS write more on relays to such a recipient (keepCopy), kept as long as the
 *   conversation's transcript (LiveAgentState.rememberCard).
 */

/** The key a copy's whereabouts are kept under (LiveAgentState.rememberCard). */
export function copyKey(conversationId: string, lineId: string): string {
  return `copy:${conversationId}:${lineId}`;
}

/**
 * For a relayed line's send (delivery/send-line.ts): where its platform cannot find copies itself, keep where each
 * post went (each part of a long message under its own id). A failure is logged and swallowed (the message was
 * delivered; an edit of it then leaves the copy as it was).
 */
export function keepingCopies(
  deps: Pick<CoreDeps, 'chat' | 'state' | 'log'>,
  to: Participant,
  sent: { readonly conversationId: string; readonly keepDays?: number | undefined },
): (lineId: string, card: SentCard | void) => Promise<void> {
  return async (lineId, card) => {
    if (!card || deps.chat.findsCopies?.(to) !== false) return;
    try {
      await deps.state.rememberCard(copyKey(sent.conversationId, lineId), card, lineKept(sent).expiresInSeconds);
    } catch (error) {
      deps.log.warn('copy_not_kept', { conversationId: sent.conversationId, reason: messageOf(error) });
    }
  };
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
 * Cost: Slack conversations.open, one conversations.history call and one chat.update / chat.delete; Teams one KVS read and one
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

/** A long message went out in at most this many parts whose copies are changed (40,000 characters: Slack's most). */
export const MAX_COPY_PARTS = 10;

/**
 * Changes every post a relayed line went out as (`parts` of them: delivery/send-line.ts): the first part's copy
 * gets `replacements[0]`, the k-th part's `replacements[k]`, and a part without a replacement is removed
 * (`'remove'`: all of them). At most MAX_COPY_PARTS parts, each at replaceCopy's cost. Answers the first part's
 * outcome when every other part went as asked, else the worst: a copy left in the chat is never called replaced.
 */
export async function replaceCopies(
  deps: Pick<CoreDeps, 'chat' | 'state' | 'log'>,
  to: Participant,
  sent: SentLine & { readonly parts: number },
  replacements: ReadonlyArray<OutgoingMessage> | 'remove',
): Promise<CopyOutcome> {
  const outcomes: CopyOutcome[] = [];
  for (let i = 0; i < Math.min(Math.max(1, sent.parts), MAX_COPY_PARTS); i++) {
    const lineId = partLineId(sent.lineId, i);
    const replacement = replacements === 'remove' ? undefined : replacements[i];
    outcomes.push(await replaceCopy(deps, to, { conversationId: sent.conversationId, lineId, since: sent.since }, replacement ? { ...replacement, lineId } : 'remove'));
  }
  return outcomes.find((o) => o === 'failed') ?? outcomes.find((o) => o === 'not-found') ?? outcomes[0] ?? 'not-found';
}
