/**
 * The Privacy tab's types (issue 23): export and erasure of one person's data. resolver-contract.ts makes these
 * keys part of ResolverContract; the backoffice reads them from there.
 */

/** A person as a chat platform names them: Slack user id (`U…`) or Teams user id (`29:…`), in a workspace or tenant. */
export interface PersonRef {
  readonly channel: 'slack' | 'teams';
  readonly tenantId: string;
  readonly userId: string;
}

/** The person a look-up found: `label` names them by channel and id ("Slack user U123"), `name` as their chat does. */
export interface PersonFoundView extends PersonRef {
  readonly label: string;
  readonly name?: string | undefined;
}

/** A stored line, with the conversation it belongs to. */
export interface ExportedLineView {
  readonly conversationId: string;
  readonly line: Readonly<Record<string, unknown>>;
}

/**
 * One page of a person's export: records as Koji stores them. The page joins them into one file: `records` (their
 * own, on the first page), `conversations` (their past conversations as the user), `conversationRecords` (each
 * one's rating and ticket link), `lines` (the lines of their conversations), `written` (lines they wrote in other
 * people's conversations), `served` (conversations they served as the operator), `audit` (entries naming them),
 * `figures` (their rows in the Reports' figures).
 */
export interface PersonDataPageView {
  readonly records?: Readonly<Record<string, unknown>>;
  readonly conversations: ReadonlyArray<Readonly<Record<string, unknown>>>;
  readonly conversationRecords: ReadonlyArray<{ readonly conversationId: string; readonly records: Readonly<Record<string, unknown>> }>;
  readonly lines: readonly ExportedLineView[];
  readonly written: readonly ExportedLineView[];
  readonly served: ReadonlyArray<Readonly<Record<string, unknown>>>;
  readonly audit: ReadonlyArray<Readonly<Record<string, unknown>>>;
  /** Their rows in the project's service figures (Reports), by day. */
  readonly figures: ReadonlyArray<{ readonly day: string; readonly figures: unknown }>;
  /** The next page; absent on the last. */
  readonly cursor?: string | undefined;
}

/** How a person's erasure goes: `none` before one was asked for (or a month after it ended). */
export interface ErasureView {
  readonly status: 'none' | 'running' | 'done';
  readonly deleted: number;
  readonly anonymised: number;
  readonly startedAt?: number | undefined;
  readonly updatedAt?: number | undefined;
}

export interface PrivacyContract {
  /** Finds a person of a connected workspace or tenant by their user id, or by e-mail where the chat tells it. */
  'privacy/find': { request: { channel: 'slack' | 'teams'; tenantId: string; query: string }; response: { person: PersonFoundView } };
  /** One page of the person's data (`cursor`: from the page before); the first page is recorded in the audit log. */
  'privacy/export': { request: PersonRef & { cursor?: string }; response: PersonDataPageView };
  /** Starts erasing the person's data (in the background); `person_in_conversation` while they are in one. */
  'privacy/erase': { request: PersonRef; response: ErasureView };
  // 'privacy/erasure' (how the erasure goes) is declared in resolver-contract.ts.
}
