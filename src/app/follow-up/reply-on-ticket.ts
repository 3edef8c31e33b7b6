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
import { screenedLine, tellOnce } from '../privacy/screen-line';

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

/** The ticket whose reply the user opened, when the message is that reply (a typed message, within the window). */
export function ticketReplyKey(deps: CoreDeps, msg: IncomingChatMessage, window: CommentWindow | undefined): string | undefined {
  return window?.ticketKey !== undefined && window.until > deps.clock.now() && !msg.action && msg.text.trim().length > 0 ? window.ticketKey : undefined;
}

/**
 * The ticket whose follow-up the user replies to in its thread (Slack): only a typed message in a thread pays the
 * platform's look at the thread's parent. Undefined: not in a thread, not a follow-up's, or the platform can't tell.
 */
export async function threadTicket(deps: CoreDeps, msg: IncomingChatMessage): Promise<string | undefined> {
  if (!msg.inThreadOf || msg.action || msg.text.trim().length === 0 || !deps.chat.threadTicket) return undefined;
  try {
    return await deps.chat.threadTicket(msg.from, msg.inThreadOf);
  } catch {
    return undefined;
  }
}

/**
 * Puts the user's words on ticket `key` (claimed first by the router, so a redelivery adds nothing) and tells them.
 * `inWindow`: the reply answers the open Reply on ticket window, which it closes; a reply in a follow-up's thread
 * for another ticket leaves whatever window is open as it was.
 */
export async function replyOnTicket(deps: CoreDeps, msg: IncomingChatMessage, key: string, inWindow = true): Promise<Handled> {
  const closeWindow = async (): Promise<void> => {
    if (inWindow) await deps.ratings.closeCommentWindow(msg.from);
  };
  const link = await deps.followUps?.link(key);
  if (!link || !sameParticipant(link.user, msg.from) || link.projectId !== msg.projectId) {
    await closeWindow();
    await notify(deps, msg.from, { kind: 'notice', text: say(msg.language).followUpReplies.notYourTicket() });
    return 'refused';
  }
  const { followUpReplies } = say(link.lang);
  const settings = await loadSettings(deps, link.projectId);
  if (!settings.followUp || !settings.followUpReplies) {
    await closeWindow();
    await notify(deps, msg.from, { kind: 'notice', text: followUpReplies.repliesOff(key, link.url), links: linkTo(link) });
    return 'refused';
  }
  // Secrets are removed as in a conversation, by the project's setting now (the ticket's conversation may be long over).
  const screened = screenedLine(userReply(msg, link), { autoRedaction: settings.autoRedaction || undefined, deskLang: settings.defaultLanguage });
  try {
    await deps.tickets.addComment(key, link.conversationId, [screened.line], { reply: true });
  } catch (error) {
    if (!(error instanceof TicketServiceError)) throw error;
    deps.log.warn('ticket_reply_not_added', { ticket: key, reason: error.message });
    // A passing failure keeps the window open: the user can send it again.
    if (!error.retryable) await closeWindow();
    await notify(deps, msg.from, { kind: 'notice', text: followUpReplies.replyNotAdded(key, error.retryable, link.url), links: linkTo(link) });
    return 'failed';
  }
  // The comment is on the ticket: nothing after this may fail the delivery (a retry would add it again).
  try {
    await closeWindow();
    await notify(deps, msg.from, { kind: 'notice', text: followUpReplies.replyAdded(key, link.url), links: linkTo(link) });
    await tellOnce(deps, { conversationId: link.conversationId, sender: msg.from, lang: link.lang }, screened.found);
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
