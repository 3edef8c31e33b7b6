import type { Assignment, Operator } from '../../domain/operator';
import type { OutgoingMessage } from '../../domain/outgoing-message';
import { say, type SavedReplyEntry } from '../../domain/replies';
import { expandSavedReply, findSavedReplies, placeholdersIn, savedReplyPreview, type SavedReply } from '../../domain/saved-replies';
import type { LiveAgentSettings } from '../../domain/settings';
import type { TranscriptLine } from '../../domain/transcript';
import { withCardNote, type Handled } from '../commands/command';
import { replyAboutTarget } from '../commands/conversation-target';
import type { IncomingChatMessage } from '../conversation/incoming-message';
import { operatorLane } from '../delivery/lane';
import { notify } from '../delivery/notify';
import { recordAndRelay } from '../delivery/relay';
import type { CoreDeps } from '../ports';

/** A pick list has at most this many buttons: Teams shows few actions on a card, and a longer list reads worse. */
export const MAX_SAVED_REPLY_CHOICES = 10;

export interface SavedReplyRequest {
  readonly operator: Operator;
  readonly assignment: Assignment;
  readonly msg: IncomingChatMessage;
  readonly settings: LiveAgentSettings;
  /** The name or start of one typed after `#reply`, or the name a pick list's button carries; none: list them. */
  readonly name?: string | undefined;
  /** From a pick list: that reply only, never another that starts the same. */
  readonly picked: boolean;
}

/**
 * `#reply [name]`: lists the saved replies, offers a pick list, or sends the one named to the user as the
 * operator's own words (the transcript line is theirs, and the relay path is the one their messages take).
 */
export async function sendSavedReply(deps: CoreDeps, request: SavedReplyRequest): Promise<Handled> {
  const { operator, assignment, settings, name } = request;
  const replies = settings.savedReplies ?? [];
  const { savedReplyNotices } = say(operator.lang);
  const tell = (text: string, extra: Partial<OutgoingMessage> = {}) => notify(deps, operator.participant, { kind: 'notice', text, conversationId: assignment.sessionId, ...extra });
  if (name === undefined) {
    await tell(savedReplyNotices.list(replies.map(entryOf)));
    return 'command';
  }
  const found = findSavedReplies(replies, name, request.picked);
  if (found.kind === 'none') {
    await tell(savedReplyNotices.unknown(name, replies.map((r) => r.name)));
    return 'refused';
  }
  if (found.kind === 'several') {
    const shown = found.replies.slice(0, MAX_SAVED_REPLY_CHOICES);
    await tell(savedReplyNotices.choices(name, shown.map(entryOf), found.replies.length - shown.length), {
      kind: 'choice',
      buttons: shown.map((r) => ({ action: 'send-saved-reply', label: r.name, value: r.name })),
    });
    return 'command';
  }
  return send(deps, request, found.reply);
}

async function send(deps: CoreDeps, { operator, assignment, msg }: SavedReplyRequest, reply: SavedReply): Promise<Handled> {
  const { savedReplyNotices, usedCardNotes } = say(operator.lang);
  let ticket = '';
  if (placeholdersIn(reply.text).has('ticket')) {
    // Read only for the replies that name it: the command already has everything else.
    const conversation = await deps.state.getConversation(assignment.user);
    ticket = conversation?.value.id === assignment.sessionId ? (conversation.value.ticket?.key ?? '') : '';
    if (!ticket) {
      await notify(deps, operator.participant, { kind: 'notice', text: savedReplyNotices.needsTicket(reply.name, assignment.userName), conversationId: assignment.sessionId });
      return 'refused';
    }
  }
  const text = expandSavedReply(reply.text, { user: assignment.userName, operator: operator.displayName, ticket });
  // The record as it is now: the relay's backlog is a compare-and-set on it.
  const current = await deps.state.getOperator(operator.participant);
  const lane = current && operatorLane(current, assignment.sessionId);
  if (!lane) {
    await replyAboutTarget(deps, operator, { kind: 'ended' });
    return 'refused';
  }
  const line: TranscriptLine = { id: msg.id, at: msg.sentAt, role: 'operator', speakerName: operator.displayName, speaker: operator.participant, text };
  const outcome = await recordAndRelay(deps, lane, line);
  if (outcome === 'relayed' || outcome === 'relayed-later') {
    await notify(deps, operator.participant, { kind: 'notice', text: savedReplyNotices.sent(reply.name, assignment.userName, text), conversationId: assignment.sessionId });
  }
  return msg.action ? withCardNote(outcome, usedCardNotes.savedReplySent(reply.name)) : outcome;
}

function entryOf(reply: SavedReply): SavedReplyEntry {
  return { name: reply.name, preview: savedReplyPreview(reply.text) };
}
