import type { HistoryEntry, HistoryPerson } from '../../domain/history';
import type { ChatChannel, Participant } from '../../domain/participant';

/** One page of results, newest first, and where the next one starts. */
export interface HistoryPage<T> {
  readonly items: readonly T[];
  readonly cursor?: string | undefined;
}

/** What the History tab asks for: one project, optionally one person, a time span, a channel; newest first. */
export interface HistoryQuery {
  readonly projectId: string;
  /** Conversations of this user, or served (last) by this operator. */
  readonly person?: { readonly role: 'user' | 'operator'; readonly participant: Participant } | undefined;
  /** Ended at or after / at or before (epoch ms). */
  readonly from?: number | undefined;
  readonly to?: number | undefined;
  readonly channel?: ChatChannel | undefined;
  readonly limit: number;
  readonly cursor?: string | undefined;
}

/**
 * Past conversations, one record each, written once when the conversation ends and gone by itself after the
 * project's retention (a KVS TTL). Every query is one index read of a bounded page, whatever the size: by project
 * and time, by project + user + time, by project + operator + time, by project + ticket key; the channel is a
 * filter on the page.
 */
export interface ConversationHistory {
  /** The record and its two people ("seen" in this project), in one transaction, each kept `keepSeconds`. */
  record(entry: HistoryEntry, keepSeconds: number): Promise<void>;
  find(query: HistoryQuery): Promise<HistoryPage<HistoryEntry>>;
  /** The conversation a ticket was made from, if its record is still kept. */
  byTicket(projectId: string, ticketKey: string): Promise<HistoryEntry | undefined>;
  get(projectId: string, conversationId: string): Promise<HistoryEntry | undefined>;
  /** The users or operators seen in the project's history, most recently seen first. */
  people(projectId: string, role: HistoryPerson['role'], page: { readonly limit: number; readonly cursor?: string | undefined }): Promise<HistoryPage<HistoryPerson>>;
}

/** Transcript lines kept without a TTL (stored before retention, or by a path that had none at hand). */
export interface TranscriptRetention {
  /**
   * Deletes up to `limit` lines written before `before` that carry no TTL (stored before retention existed),
   * oldest first, from `cursor` on (a run's previous page); answers how many it deleted and the cursor of the
   * next page when more may be due. Lines with a TTL are never touched: they keep their conversation's retention.
   */
  deleteLinesBefore(before: number, limit: number, cursor?: string): Promise<{ readonly deleted: number; readonly cursor?: string | undefined }>;
}
