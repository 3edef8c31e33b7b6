import { TicketServiceError } from '../../domain/errors';
import { sameParticipant } from '../../domain/participant';
import type { CommentWindow } from '../../domain/rating';
import { say } from '../../domain/replies';
import { isIssueKey, TICKET_REPLY_WINDOW_MINUTES, type TicketFollowUpLink } from '../../domain/ticket-follow-up';
import type { TranscriptLine } from '../../domain/transcript';
import type { Handled } from '../commands/command';
import type { IncomingChatMessage } from '../conversation/incoming-message';
import { notify } from '../delivery/notify';
import type { CoreDeps } from '../ports';
import { loadSettings } from '../settings/project-settings';

/**
 * The user answers a follow-up from the chat, explicitly: **Reply on ticket SUP-12** opens a short window (the
 * rating comment's window, read with the user's other records, so a message costs no extra read) in which their
 * next message, while they talk to the bot, goes on the ticket as a public comment the app writes for them,
 * opening with their chat name. A user in a conversation with an operator is never diverted: the router reaches
 * this only for someone talking to the bot, and asking for an operator closes the window.
 */
export async function openTicketReply(deps: CoreDeps, msg: IncomingChatMessage): Promise<Handled> {
  const key = msg.action?.value;
  const link = isIssueKey(key) ? await deps.followUps?.link(key) : undefined;
  // A button names its ticket, but anyone can send any value: only the user the ticket was made for may answer it.
  if (!key || !link || !sameParticipant(link.user, msg.from) || link.projectId !== msg.projectId) {
    await notify(deps, msg.from, { kind: 'notice', text: say(msg.language).followUpReplies.notYourTicket() });
    return 'refused';
  }
  const { followUpReplies } = say(link.lang);
  if (!(await repliesAllowed(deps, link))) {
    await notify(deps, msg.from, { kind: 'notice', text: followUpReplies.repliesOff(key, link.url), links: linkTo(link) });
    return 'refused';
  }
  const window: CommentWindow = { conversationId: link.conversationId, ticketKey: key, until: deps.clock.now() + TICKET_REPLY_WINDOW_MINUTES * 60_000 };
  await deps.ratings.openCommentWindow(msg.from, window, TICKET_REPLY_WINDOW_MINUTES * 60);
  await notify(deps, msg.from, { kind: 'notice', text: followUpReplies.replyOpen(key, TICKET_REPLY_WINDOW_MINUTES) });
  return 'ticket-reply';
}

/** Whether a message is the reply the user opened (a typed message, within the window). */
export function isTicketReply(deps: CoreDeps, msg: IncomingChatMessage, window: CommentWindow | undefined): window is CommentWindow & { ticketKey: string } {
  return window?.ticketKey !== undefined && window.until > deps.clock.now() && !msg.action && msg.text.trim().length > 0;
}

/** Puts the user's words on the ticket (claimed first by the router, so a redelivery adds nothing) and tells them. */
export async function replyOnTicket(deps: CoreDeps, msg: IncomingChatMessage, window: CommentWindow & { ticketKey: string }): Promise<Handled> {
  const key = window.ticketKey;
  const link = await deps.followUps?.link(key);
  if (!link || !sameParticipant(link.user, msg.from) || link.projectId !== msg.projectId) {
    await deps.ratings.closeCommentWindow(msg.from);
    await notify(deps, msg.from, { kind: 'notice', text: say(msg.language).followUpReplies.notYourTicket() });
    return 'refused';
  }
  const { followUpReplies } = say(link.lang);
  if (!(await repliesAllowed(deps, link))) {
    await deps.ratings.closeCommentWindow(msg.from);
    await notify(deps, msg.from, { kind: 'notice', text: followUpReplies.repliesOff(key, link.url), links: linkTo(link) });
    return 'refused';
  }
  try {
    await deps.tickets.addComment(key, link.conversationId, [userReply(msg, link)], { reply: true });
  } catch (error) {
    if (!(error instanceof TicketServiceError)) throw error;
    deps.log.warn('ticket_reply_not_added', { ticket: key, reason: error.message });
    // A passing failure keeps the window open: the user can send it again.
    if (!error.retryable) await deps.ratings.closeCommentWindow(msg.from);
    await notify(deps, msg.from, { kind: 'notice', text: followUpReplies.replyNotAdded(key, error.retryable, link.url), links: linkTo(link) });
    return 'failed';
  }
  // The comment is on the ticket: nothing after this may fail the delivery (a retry would add it again).
  try {
    await deps.ratings.closeCommentWindow(msg.from);
    await notify(deps, msg.from, { kind: 'notice', text: followUpReplies.replyAdded(key, link.url), links: linkTo(link) });
  } catch (error) {
    deps.log.warn('ticket_reply_not_told', { ticket: key, reason: error instanceof Error ? error.message : String(error) });
  }
  return 'ticket-reply';
}

async function repliesAllowed(deps: CoreDeps, link: TicketFollowUpLink): Promise<boolean> {
  const settings = await loadSettings(deps, link.projectId);
  return settings.followUp && settings.followUpReplies;
}

/** The reply as a public transcript line of the user's: the ticket's comment opens with their chat name. */
function userReply(msg: IncomingChatMessage, link: TicketFollowUpLink): TranscriptLine {
  return {
    id: msg.id,
    at: msg.sentAt,
    role: 'user',
    // The name Koji knew them by when the ticket was made: a display name changed since (to "Alice (operator)",
    // say) does not get to speak for anyone else on the ticket.
    speakerName: link.userName,
    speaker: msg.from,
    text: msg.text,
    ...(msg.links ? { links: msg.links } : {}),
  };
}

function linkTo(link: TicketFollowUpLink): { text: string; url: string }[] {
  return [{ text: link.url, url: link.url }];
}
