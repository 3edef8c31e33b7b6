/** The backoffice Overview's lists as the page reads them (resolver-contract.ts re-exports them). */
import type { TenantChannel } from './resolver-contract';

/** An operator on duty, as the Overview lists them: `since` (epoch ms) when their shift started, unknown for shifts older than it. */
export interface OnDutyView {
  readonly name: string;
  readonly channel: TenantChannel;
  readonly tenantId: string;
  readonly userId: string;
  readonly since?: number | undefined;
  readonly load: number;
  /** Offer mode: operator offers waiting for their answer, each holding a place under their capacity. */
  readonly offers: number;
  readonly capacity: number;
}

/** One page of an Overview list: `next`, an opaque cursor, asks its resolver for the page after it (absent on the last). */
export interface ActivityListView<T> {
  readonly rows: readonly T[];
  readonly next?: string | undefined;
}

/** A user waiting, in line: `since` (epoch ms) when this wait began; `offeredTo` while an operator is offered them (offer first). */
export interface WaitingView {
  readonly position: number;
  readonly name: string;
  readonly channel: TenantChannel;
  readonly since: number;
  readonly offeredTo?: { readonly name: string; readonly until: number } | undefined;
}

/** A conversation with an operator: `startedAt` (epoch ms) when this operator took it. */
export interface InProgressView {
  readonly conversationId: string;
  readonly user: { readonly channel: TenantChannel; readonly tenantId: string; readonly userId: string };
  readonly userName: string;
  readonly operatorName: string;
  readonly startedAt: number;
}

/** The Overview: the first page of each list (a list with `next` has more: the page says "25+"). */
export interface ActivityView {
  readonly onDuty: ActivityListView<OnDutyView>;
  readonly waiting: ActivityListView<WaitingView>;
  readonly inProgress: ActivityListView<InProgressView>;
  /** Operators Koji took off duty because their chat could not be reached (`at`: epoch ms; `reason`: the platform's word), newest first. */
  readonly takenOffDuty: ReadonlyArray<{ readonly name: string; readonly channel: TenantChannel; readonly at: number; readonly reason: string }>;
}
