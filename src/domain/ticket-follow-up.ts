import { isLanguage, type Language } from './language';
import { isParticipant, type Participant } from './participant';
import { clipText } from './text';

/**
 * Tickets that keep talking (issue 22): after a conversation became a ticket, a Jira agent's public comment and the
 * ticket's resolution (or reopening) reach the user in their chat, and the user may answer there.
 */

/** What the app keeps with a ticket it made, so an event about it needs no other read: whose it is, in which language. */
export interface TicketFollowUpLink {
  readonly conversationId: string;
  readonly projectId: string;
  readonly user: Participant;
  readonly userName: string;
  readonly lang: Language;
  /** The ticket's address, for the link in every follow-up. */
  readonly url: string;
  /** The user was last told the ticket was resolved: a move out of a notifying status is then a reopening. */
  readonly toldResolved?: boolean | undefined;
}

/** A stored link read back: checked before it is trusted (data outlives code, and links from before issue 22 are bare ids). */
export function isTicketFollowUpLink(value: unknown): value is TicketFollowUpLink {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v['conversationId'] === 'string' &&
    typeof v['projectId'] === 'string' &&
    isParticipant(v['user']) &&
    typeof v['userName'] === 'string' &&
    isLanguage(v['lang']) &&
    typeof v['url'] === 'string' &&
    (v['toldResolved'] === undefined || typeof v['toldResolved'] === 'boolean')
  );
}

/** The admin's choices (Settings › Ticket follow-up). */
export interface FollowUpSettings {
  /** Agents' public comments and status changes reach the user in their chat. */
  readonly followUp: boolean;
  /** The statuses whose reaching tells the user their ticket is resolved; empty: every status in Jira's Done category. */
  readonly followUpStatuses: readonly string[];
  /** The user may answer a follow-up from the chat (their words become a public comment). */
  readonly followUpReplies: boolean;
}

export const DEFAULT_FOLLOW_UP_SETTINGS: FollowUpSettings = { followUp: true, followUpStatuses: [], followUpReplies: true };

export const MAX_FOLLOW_UP_STATUSES = 20;
/** Jira's own limit on a status name. */
export const MAX_STATUS_NAME_CHARS = 60;

export function followUpSettingsProblems(settings: { readonly followUp: unknown; readonly followUpStatuses: unknown; readonly followUpReplies: unknown }): string[] {
  const problems: string[] = [];
  if (typeof settings.followUp !== 'boolean') problems.push('Ticket follow-up must be on or off.');
  if (typeof settings.followUpReplies !== 'boolean') problems.push('Replies from the chat must be allowed or not.');
  const statuses = settings.followUpStatuses;
  if (
    !Array.isArray(statuses) ||
    statuses.length > MAX_FOLLOW_UP_STATUSES ||
    !statuses.every((s) => typeof s === 'string' && s.trim().length > 0 && s.length <= MAX_STATUS_NAME_CHARS && ![...s].some((ch) => ch.charCodeAt(0) < 0x20))
  ) {
    problems.push(`Statuses that tell the user must be at most ${MAX_FOLLOW_UP_STATUSES} status names of 1 to ${MAX_STATUS_NAME_CHARS} characters (none: Jira’s Done category).`);
  }
  return problems;
}

/** The ticket's status as Jira says it, after a change. */
export interface TicketStatus {
  readonly name: string;
  /** Jira's status category is Done. */
  readonly done: boolean;
  readonly resolution?: string | undefined;
}

/** Whether reaching `status` tells the user their ticket is resolved: the admin's statuses, else Jira's Done category. */
export function statusNotifies(settings: FollowUpSettings, status: TicketStatus): boolean {
  if (settings.followUpStatuses.length === 0) return status.done;
  const name = status.name.trim().toLowerCase();
  return settings.followUpStatuses.some((s) => s.trim().toLowerCase() === name);
}

/** What a status change is to the user: resolved, reopened, or nothing to tell. */
export function statusNews(settings: FollowUpSettings, link: TicketFollowUpLink, status: TicketStatus): 'resolved' | 'reopened' | undefined {
  const notifies = statusNotifies(settings, status);
  if (notifies && !link.toldResolved) return 'resolved';
  // Reopened is back to work: not another closing status (Resolved → Closed, after N days, is still done).
  if (!notifies && !status.done && link.toldResolved) return 'reopened';
  return undefined;
}

/** An agent's comment, as the chat shows it: this many characters, then a link to the rest. */
export const FOLLOW_UP_COMMENT_CHARS = 1_500;

/** The comment's text for the chat, and whether it was cut (the rest is on the ticket). */
export function commentForChat(text: string): { readonly text: string; readonly cut: boolean } {
  const trimmed = text.trim();
  return trimmed.length <= FOLLOW_UP_COMMENT_CHARS ? { text: trimmed, cut: false } : { text: clipText(trimmed, FOLLOW_UP_COMMENT_CHARS), cut: true };
}

/** After the Reply on ticket button, the user's next message within this long goes on the ticket. */
export const TICKET_REPLY_WINDOW_MINUTES = 10;

/** A Jira issue key as events and buttons carry it: checked before anything is looked up with it. */
export function isIssueKey(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Z][A-Z0-9_]{0,9}-[1-9][0-9]{0,8}$/.test(value);
}
