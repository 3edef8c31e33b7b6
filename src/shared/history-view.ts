/** The History tab's views (issue 20, part 3); resolver-contract.ts re-exports them for the pages. */
import type { TenantChannel } from './resolver-contract';

/** How a past conversation ended (src/domain/history.ts). */
export type HistoryEndingView =
  | 'operator-ended'
  | 'user-left'
  | 'inactivity'
  | 'support-disabled'
  | 'tenant-disconnected'
  | 'user-unreachable'
  | 'left-queue'
  | 'ticket-taken'
  | 'ticket-not-taken';

/** A chat person as the History tab names one: their channel, workspace or tenant, and id there. */
export interface HistoryPersonRef {
  readonly channel: TenantChannel;
  readonly tenantId: string;
  readonly userId: string;
}

/** Someone who appears in the project's history, for the pickers; `lastSeen`: their latest conversation's end (epoch ms). */
export interface HistoryPersonView extends HistoryPersonRef {
  readonly role: 'user' | 'operator';
  readonly name: string;
  readonly lastSeen: number;
}

/** One past conversation in the History tab's results (times in epoch ms). */
export interface HistoryEntryView {
  readonly conversationId: string;
  readonly channel: TenantChannel;
  readonly user: HistoryPersonRef;
  readonly userName: string;
  /** The operator who served it last; absent when nobody took it. */
  readonly operatorName?: string | undefined;
  readonly requestedAt: number;
  readonly startedAt?: number | undefined;
  readonly endedAt: number;
  readonly ending: HistoryEndingView;
  /** `url` only when https (or plain http to the machine itself: the local platform's Jira), as article links. */
  readonly ticket?: { readonly key: string; readonly url?: string | undefined } | undefined;
}

/** What the History tab searches by; every field optional, results newest first, 20 a page. */
export interface HistorySearchRequest {
  readonly person?: (HistoryPersonRef & { readonly role: 'user' | 'operator' }) | undefined;
  readonly channel?: TenantChannel | undefined;
  /** Ended at or after / at or before (epoch ms). */
  readonly from?: number | undefined;
  readonly to?: number | undefined;
  /** A ticket key, `SUP-12`: the conversation it was made from. */
  readonly ticketKey?: string | undefined;
  readonly cursor?: string | undefined;
}
