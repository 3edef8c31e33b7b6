import type { ChatButton, OutgoingMessage } from '../../domain/outgoing-message';
import { say } from '../../domain/replies';
import type { LiveAgentSettings } from '../../domain/settings';
import { commentForChat, statusNews, type TicketFollowUpLink } from '../../domain/ticket-follow-up';
import { notify } from '../delivery/notify';
import type { CoreDeps } from '../ports';
import { loadSettings } from '../settings/project-settings';
import type { TicketEvent, TicketFollowUps } from './ticket-follow-up-port';

/** What became of a Jira event: for the log and the bench. */
export type FollowUpOutcome =
  /** The ticket is not one Koji made (one KVS read), or Koji made it before tickets kept talking. */
  | 'not-ours'
  /** The project's follow-up is off. */
  | 'off'
  /** An internal comment, one an app wrote, a deleted one, or a status change with nothing to tell. */
  | 'nothing-to-tell'
  /** Forge delivered the event again: the user was told the first time. */
  | 'duplicate'
  | 'told';

/**
 * A Jira event about a ticket: when Koji made the ticket from a conversation, and the project's follow-up is on,
 * an agent's public comment or the ticket's resolution (or reopening) is told to the user in their chat, in
 * their conversation's language. The event is a pointer only: what the comment says and whether it is public,
 * and the ticket's status, are read from Jira. Told once: the delivery log is claimed just before the message.
 */
export async function followUpOnTicket(deps: CoreDeps, event: TicketEvent): Promise<FollowUpOutcome> {
  const followUps = deps.followUps;
  const link = followUps && (await followUps.link(event.issueKey));
  if (!followUps || !link) return 'not-ours';
  const settings = await loadSettings(deps, link.projectId);
  if (!settings.followUp) return 'off';
  return event.kind === 'commented' ? tellComment(deps, followUps, link, settings, event) : tellStatus(deps, followUps, link, settings, event);
}

async function tellComment(
  deps: CoreDeps,
  followUps: TicketFollowUps,
  link: TicketFollowUpLink,
  settings: LiveAgentSettings,
  event: Extract<TicketEvent, { kind: 'commented' }>,
): Promise<FollowUpOutcome> {
  const comment = await followUps.comment(event.issueKey, event.commentId);
  if (!comment || !comment.public || comment.byApp) return 'nothing-to-tell';
  const { text, cut } = commentForChat(comment.text);
  if (text.length === 0) return 'nothing-to-tell';
  const words = say(link.lang).followUpReplies.agentCommented(event.issueKey, comment.authorName, text, cut, link.url);
  return tellOnce(deps, `jira-comment:${event.issueKey}:${event.commentId}`, link, followUpMessage(words, event.issueKey, link, settings));
}

async function tellStatus(
  deps: CoreDeps,
  followUps: TicketFollowUps,
  link: TicketFollowUpLink,
  settings: LiveAgentSettings,
  event: Extract<TicketEvent, { kind: 'status-changed' }>,
): Promise<FollowUpOutcome> {
  const status = await followUps.status(event.issueKey);
  const news = status && statusNews(settings, link, status);
  if (!status || !news) return 'nothing-to-tell';
  const { followUpReplies } = say(link.lang);
  const words =
    news === 'resolved'
      ? followUpReplies.resolved(event.issueKey, status.name, status.resolution, link.url)
      : followUpReplies.reopened(event.issueKey, status.name, link.url);
  const outcome = await tellOnce(deps, `jira-status:${event.issueKey}:${event.changeId}`, link, followUpMessage(words, event.issueKey, link, settings));
  if (outcome === 'told') await followUps.rememberResolved(event.issueKey, link, news === 'resolved');
  return outcome;
}

/** The follow-up with the ticket's link, and when replies from the chat are allowed, the button that opens one. */
function followUpMessage(words: string, issueKey: string, link: TicketFollowUpLink, settings: LiveAgentSettings): OutgoingMessage {
  const { followUpReplies } = say(link.lang);
  const replies = settings.followUpReplies;
  const buttons: ChatButton[] = replies ? [{ action: 'reply-on-ticket', label: followUpReplies.replyButton(issueKey), value: issueKey }] : [];
  return {
    kind: 'notice',
    text: replies ? `${words}\n${followUpReplies.replyHint()}` : words,
    links: [{ text: link.url, url: link.url }],
    ...(buttons.length > 0 ? { buttons } : {}),
  };
}

async function tellOnce(deps: CoreDeps, deliveryId: string, link: TicketFollowUpLink, message: OutgoingMessage): Promise<FollowUpOutcome> {
  if (!(await deps.deliveries.claim(deliveryId))) return 'duplicate';
  try {
    await notify(deps, link.user, message);
  } catch (error) {
    // Nothing reached the user: Forge's next delivery of the event may try again.
    await deps.deliveries.release(deliveryId);
    throw error;
  }
  return 'told';
}
