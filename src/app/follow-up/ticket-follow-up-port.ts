import type { TicketFollowUpLink, TicketStatus } from '../../domain/ticket-follow-up';

/**
 * A Jira event about a ticket, as the entry point narrowed it (every field checked before anything is read):
 * a comment was added, or the status changed. Forge may deliver one more than once; `commentId` and `changeId`
 * are the same on every delivery.
 */
export type TicketEvent =
  | { readonly kind: 'commented'; readonly issueKey: string; readonly commentId: string }
  | { readonly kind: 'status-changed'; readonly issueKey: string; readonly changeId: string };

/** A comment as Jira holds it, read back so that its visibility and words come from Jira, not the event. */
export interface AgentComment {
  readonly authorName: string;
  /** Shared with the customer (not JSM's internal note). */
  readonly public: boolean;
  /** Written by an app (Koji's own transcript, notes, ratings and replies among them): never echoed. */
  readonly byApp: boolean;
  /** The body as plain text (ADF read, nothing of it markup). */
  readonly text: string;
}

/**
 * The service desk side of tickets that keep talking: the link the app kept when it made the ticket (one KVS
 * read, and the only read an event about another ticket costs), and Jira's word on a comment or a status.
 */
export interface TicketFollowUps {
  link(issueKey: string): Promise<TicketFollowUpLink | undefined>;
  /** Remembers whether the user was last told the ticket is resolved, so a move out of it reads as a reopening. */
  rememberResolved(issueKey: string, link: TicketFollowUpLink, told: boolean): Promise<void>;
  /** Undefined: Jira has no such comment (deleted since), or does not let the app see it. */
  comment(issueKey: string, commentId: string): Promise<AgentComment | undefined>;
  status(issueKey: string): Promise<TicketStatus | undefined>;
}
