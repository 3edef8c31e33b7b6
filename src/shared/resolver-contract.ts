/**
 * What the Custom UI pages (the backoffice and the issue panel) and their resolvers say to
 * each other. Types and the list of error codes only: the pages in static/ import this file (and, through it, settings-view.ts) and nothing else from src/.
 * Every resolver answers a `ResolverResult`; those that change anything
 * answer `{ ok: false, error: { code: 'forbidden' } }` to non-admins.
 *
 * The project is where the page is open (the Forge context), except on Jira's admin page
 * (`jira:adminPage`, the app's configuration page), which has none: there the page picks a
 * project and sends it with every call as `ProjectScope.projectId`, and every resolver answers
 * only Jira administrators. Elsewhere a `projectId` in the payload is ignored.
 */
export interface ProjectScope {
  /** Digits: the id of the Jira Service Management project picked on the admin page. */
  readonly projectId?: string | undefined;
}

/** A Jira Service Management project of the site, for the admin page's project picker. */
export interface ServiceProjectView {
  readonly id: string;
  readonly key: string;
  readonly name: string;
}

export type { BusinessHoursView, LanguageView, OperatorAssignmentView, RatingScaleView, SavedReplyView, SettingsView, WeekdayView } from './settings-view';
import type { SettingsView } from './settings-view';

/**
 * Every error code Koji answers or logs with, in one list that the pages share: a page shows
 * its own text for the codes where a generic message would not do (`forbidden`, `no_project`...).
 * docs/style.md ("Errors") says which mapper turns which into what.
 */
export const ERROR_CODES = [
  // The core's rules and the ports it relies on (src/domain/errors.ts): told to the person in the chat.
  'invalid_settings',
  'store_contention',
  'chat_delivery_failed',
  'chat_rate_limited',
  'chat_transient',
  'chat_recipient_unreachable',
  'ticket_service_failed',
  'ticket_in_progress',
  'participant_not_found',
  // The backoffice and issue panel resolvers (src/entry): the caller or the request, not the domain.
  'forbidden',
  'no_project',
  'unknown_project',
  'invalid_request',
  'no_conversation',
  'own_role',
  'not_a_person',
  'person_in_conversation',
  // Adapters: a Slack workspace or Teams tenant refused or could not be asked.
  'tenant_connection_failed',
  // Web triggers: refusals before anything is acted on, and the one unexpected failure.
  'malformed_request',
  'malformed_activity',
  'invalid_signature',
  'invalid_token',
  'unknown_workspace',
  'unknown_tenant',
  'unknown_bot',
  'internal_error',
  // The pages themselves, when a resolver could not be reached or answered nonsense.
  'unexpected_answer',
  'invoke_failed',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** The codes a web trigger refuses a request with (adapters/chat/web-trigger-answers.ts gives each its HTTP status). */
export type WebTriggerRefusalCode = Extract<
  ErrorCode,
  'malformed_request' | 'malformed_activity' | 'invalid_signature' | 'invalid_token' | 'unknown_workspace' | 'unknown_tenant' | 'unknown_bot'
>;

export interface ResolverFailure {
  readonly ok: false;
  readonly error: { readonly code: ErrorCode; readonly message: string };
}

export type ResolverResult<T> = { readonly ok: true; readonly data: T } | ResolverFailure;

export type TenantChannel = 'slack' | 'teams';

export interface TenantView {
  readonly channel: TenantChannel;
  readonly tenantId: string;
  readonly name: string;
  readonly connectedAt: number;
  /** Teams tenants: the Microsoft App ID of their Azure Bot. */
  readonly appId?: string | undefined;
  /** Teams tenants: no activity of the bot from the tenant has verified yet, so the typed tenant id is not proven. */
  readonly pending?: true | undefined;
  /** The last connection check (connecting, or Test connection); absent for a tenant never checked since this was recorded. */
  readonly lastCheck?: TenantCheckView | undefined;
  /** Slack: one notice per scope of the app's manifest the workspace's token lacks (a reinstall grants it). */
  readonly notices?: readonly string[] | undefined;
}

/** Whether a tenant's connection worked when last checked (`at`: epoch ms), and why not when it failed. */
export interface TenantCheckView {
  readonly ok: boolean;
  readonly at: number;
  readonly message?: string | undefined;
  /** `traffic`: seen on the tenant's own requests and sends (refused signatures, tokens, credentials), not by Test connection. */
  readonly source?: 'traffic' | undefined;
}

export interface TenantUserView {
  readonly userId: string;
  readonly displayName: string;
  readonly email?: string | undefined;
  readonly role: 'live-agent' | 'none';
  readonly duty?: 'on' | 'off' | undefined;
  readonly load?: number | undefined;
  /** How many conversations an operator takes at once: `ownCapacity` when an admin set one for them, else the project's. */
  readonly capacity?: number | undefined;
  readonly ownCapacity?: number | undefined;
  /**
   * Not someone who can be an operator (a bot, Slackbot, a deactivated account, or someone the
   * directory no longer lists): shown only because they still hold the role, so it can be removed.
   */
  readonly unfit?: 'slackbot' | 'bot' | 'deactivated' | 'unknown' | undefined;
  /** The admin using the page (same e-mail in Jira and the chat): they can't change their own role. */
  readonly self?: boolean | undefined;
}

/** A connected tenant of this project, as `tenants/test`, `tenants/disconnect` and role setup name it. */
export interface TenantRef {
  readonly channel: TenantChannel;
  readonly tenantId: string;
}

/**
 * What an admin types to connect a tenant: a Slack app's bot token and signing secret, or a
 * Teams tenant with its Azure Bot (`botTenantId`: the bot's home tenant, when it is not `tenantId`).
 */
export type TenantConnectRequest =
  | { readonly channel: 'slack'; readonly botToken: string; readonly signingSecret: string }
  | {
      readonly channel: 'teams';
      readonly tenantId: string;
      readonly name: string;
      readonly appId: string;
      readonly appPassword: string;
      readonly botTenantId?: string | undefined;
    };

/** What disconnecting a tenant ended: its users' conversations and waits, its operators' roles. */
export interface TenantDisconnectedView {
  readonly disconnected: string;
  readonly conversationsEnded: number;
  readonly waitingClosed: number;
  readonly rolesRemoved: number;
  /** The tenant's people's data is being erased in the background (asked with `erasePeople`). */
  readonly erasing?: boolean;
}

export interface RequestTypeView {
  readonly id: string;
  readonly name: string;
}

// The Overview's lists (overview-contract.ts).
export type { ActivityListView, ActivityView, InProgressView, OnDutyView, WaitingView } from './overview-contract';
import type { ActivityListView, ActivityView, InProgressView, OnDutyView, WaitingView } from './overview-contract';

// The issue panel's and History's view of a conversation (transcript-contract.ts).
export type { ConversationView, RatingView, TranscriptLineView, TranscriptRole, TranscriptView } from './transcript-contract';
import type { ConversationView, TranscriptView } from './transcript-contract';

/** Every resolver key with its payload and the `data` of a successful answer. */
export interface ResolverContract {
  'settings/get': { request: Record<string, never>; response: { settings: SettingsView; canEdit: boolean } };
  'settings/update': { request: { change: Partial<SettingsView> }; response: { settings: SettingsView; changed: readonly string[] } };
  'request-types/list': { request: Record<string, never>; response: { requestTypes: RequestTypeView[] } };
  'activity/get': { request: Record<string, never>; response: ActivityView };
  /** The Overview's Load more: the page after `cursor` (a list's `next`) of one list. */
  'activity/on-duty': { request: { cursor: string }; response: ActivityListView<OnDutyView> };
  'activity/waiting': { request: { cursor: string }; response: ActivityListView<WaitingView> };
  'activity/in-progress': { request: { cursor: string }; response: ActivityListView<InProgressView> };
  /** One row's last message (`at`, epoch ms; absent when it has none), read on demand; `running: false` once it ended. */
  'activity/last-message': { request: { conversationId: string; user: InProgressView['user'] }; response: { running: boolean; at?: number } };
  'tenants/list': { request: Record<string, never>; response: { tenants: TenantView[] } };
  'webtriggers/list': { request: Record<string, never>; response: { slack: string; teams: string } };
  'slack/manifest': { request: Record<string, never>; response: { manifest: Record<string, unknown> } };
  'tenants/connect': { request: TenantConnectRequest; response: { tenant: TenantView } };
  /** Test connection: a Slack workspace answers its `teamName`, a Teams tenant its `name`. */
  'tenants/test': { request: TenantRef; response: { teamName: string } | { name: string } };
  'tenants/disconnect': { request: TenantRef & { erasePeople?: boolean }; response: TenantDisconnectedView };
  /** The Teams app package (a zip) to upload in Teams for this tenant's bot. */
  'teams/package': { request: { tenantId: string }; response: { fileName: string; zipBase64: string } };
  'tenant-users/list': {
    request: { channel: TenantChannel; tenantId: string; query?: string; cursor?: string };
    /** `hint`: the search stopped before finding a page's worth; `cursor` keeps searching. */
    response: { users: TenantUserView[]; cursor?: string; hint?: string };
  };
  'roles/grant': { request: { channel: TenantChannel; tenantId: string; userId: string }; response: { result: 'granted' | 'already-granted' } };
  /** Overview: a Jira admin puts an operator off duty, as their own #off would (`not-an-operator`: no role in this project). */
  'duty/put-off': {
    request: { channel: TenantChannel; tenantId: string; userId: string };
    response: { result: 'put-off-duty' | 'already-off-duty' | 'not-an-operator' };
  };
  /** Role setup: an operator's own capacity (1 to 10), or `null` to follow the project's operator capacity again. */
  'roles/capacity': {
    request: { channel: TenantChannel; tenantId: string; userId: string; capacity: number | null };
    response: { result: 'set' | 'not-an-operator'; capacity?: number };
  };
  'roles/revoke': { request: { channel: TenantChannel; tenantId: string; userId: string }; response: { result: 'revoked' | 'not-granted' } };
  /** The admin page's project picker: the site's Jira Service Management projects (Jira administrators only). */
  'projects/list': { request: Record<string, never>; response: { projects: ServiceProjectView[] } };
  /** The issue panel: the issue comes from where the panel is open; `no_conversation` when the ticket has none. */
  'transcript/get': { request: Record<string, never>; response: { conversation: ConversationView; transcript: TranscriptView } };
}

export type ResolverKey = keyof ResolverContract;

// The audit log (issue 20): every admin action, newest first (its types: audit-contract.ts).
import type { AuditEntryView, AuditKindView } from './audit-contract';
export { AUDIT_PAGE_LIMIT } from './audit-contract';
export type { AuditEntryView, AuditKindView } from './audit-contract';

export interface ResolverContract {
  /**
   * A page of the project's audit log, newest first (`limit`: 1 to 50, 25 unless said), of one kind or one admin
   * (not both); `cursor` (from the previous page) for the next.
   */
  'audit/list': {
    request: { kind?: AuditKindView; actorId?: string; cursor?: string; limit?: number };
    response: { entries: AuditEntryView[]; cursor?: string };
  };
}

import type { ReportPeriod, ServiceReportView } from './report-contract';
export { REPORT_PERIODS } from './report-contract';
export type { ReportDayView, ReportFiguresView, ReportOperatorView, ReportPeriod, ServiceReportView } from './report-contract';

/** The Reports tab: the service figures of the last 7, 30 or 90 days (report-contract.ts). */
export interface ResolverContract {
  'reports/get': { request: { days: ReportPeriod }; response: ServiceReportView };
}

// Conversation history (issue 20, part 3): the History tab, its views in history-view.ts. A second part of
// ResolverContract (interfaces merge), so the keys above stay as they were.
export type { HistoryEndingView, HistoryEntryView, HistoryPersonRef, HistoryPersonView, HistorySearchRequest } from './history-view';
import type { HistoryEntryView, HistoryPersonView, HistorySearchRequest } from './history-view';

export interface ResolverContract {
  'history/people': { request: { role: 'user' | 'operator'; cursor?: string }; response: { people: HistoryPersonView[]; cursor?: string } };
  'history/search': { request: HistorySearchRequest; response: { conversations: HistoryEntryView[]; cursor?: string } };
  /** One past conversation: its record and its transcript (internal notes marked), with its rating; `no_conversation` once no longer kept. */
  'history/get': { request: { conversationId: string }; response: { conversation: HistoryEntryView; transcript: TranscriptView } };
}

// Privacy (issue 23): export and erasure of a person, the Privacy tab (its keys and types: privacy-contract.ts).
export type { ErasureView, ExportedLineView, PersonDataPageView, PersonFoundView, PersonRef } from './privacy-contract';
import type { ErasureView, PersonRef, PrivacyContract } from './privacy-contract';
export interface ResolverContract extends PrivacyContract { 'privacy/erasure': { request: PersonRef; response: ErasureView } }
