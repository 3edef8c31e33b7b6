import type { Conversation, ConversationStateKind } from '../../domain/conversation';
import type { Operator } from '../../domain/operator';

/** A record and where it stands in its list's order (`at`), for keyset paging: a page starts at the last `at` shown. */
export interface Ordered<T> {
  readonly at: number;
  readonly record: T;
}

/**
 * What the backoffice's Overview reads, each a bounded head of an index (never a scan), so a refresh costs the
 * same with 10 or 100,000 conversations. Part of LiveAgentState (ports.ts).
 */
export interface OverviewQueries {
  /**
   * Conversations of a project in one state whose `since` (the place in line; for a conversation with an
   * operator, when it was connected) is `from` or later, oldest first, at most `limit` (≤ 100).
   */
  conversationsFrom(projectId: string, state: ConversationStateKind, from: number | undefined, limit: number): Promise<Array<Ordered<Conversation>>>;
  /**
   * On-duty operators of a project in routing order (operatorsForRouting), from the order value `from` on
   * (inclusive), at most `limit` (≤ 100); `at` is that order value, opaque to the caller but stable for a record.
   */
  operatorsOnDutyFrom(projectId: string, from: number | undefined, limit: number): Promise<Array<Ordered<Operator>>>;
  /** Operators Koji took off duty (`Operator.unreachable`) and who are still off duty, newest first, at most `limit`. */
  operatorsTakenOffDuty(projectId: string, limit: number): Promise<Operator[]>;
}
