import type { Conversation, ConversationStateKind, TranscriptCursor } from '../domain/conversation';
import type { ChatRecipientUnreachableError } from '../domain/errors';
import type { LastOperator } from '../domain/last-operator';
import type { DutyStatus, Operator } from '../domain/operator';
import type { RoutingLane } from '../domain/operator-selection';
import type { OutgoingMessage } from '../domain/outgoing-message';
import type { ChatChannel, Participant } from '../domain/participant';
import type { LiveAgentSettings } from '../domain/settings';
import type { TranscriptLine } from '../domain/transcript';
import type { DrainJob } from './delivery/drain-job';
import type { TicketJob } from './tickets/create-ticket';
import type { WorkJob } from './queue/work-job';
import type { OfferExpiryJob } from './offers/offer-expiry-job';
import type { RatingStore } from './ratings/rating-store';
import type { CommentWindow } from '../domain/rating';
import type { FilesJob } from './files/relay-files';
import type { TicketFilesJob } from './files/ticket-files';
import type { FileTransfer } from './files/file-transfer';
import type { OverviewQueries } from './settings/overview-queries';
import type { TicketFollowUps } from './follow-up/ticket-follow-up-port';
import type { ChatCopies, LineRevisions } from './edits/chat-edit';
export type { OverviewQueries, Ordered } from './settings/overview-queries';

/** The only source of time for the core, so tests and timeouts are deterministic. */
export interface Clock {
  now(): number;
}

/** A stored record and the version it was read at, for compare-and-set. */
export interface Versioned<T> {
  readonly value: T;
  readonly version: number;
}

/** The version a write expects to replace: a number, or `absent` for create-if-absent. */
export type Expected = number | 'absent';

export type StateWrite =
  | { readonly kind: 'put-operator'; readonly operator: Operator; readonly expected: Expected }
  | { readonly kind: 'delete-operator'; readonly participant: Participant; readonly expected: number }
  | { readonly kind: 'put-conversation'; readonly conversation: Conversation; readonly expected: Expected }
  | { readonly kind: 'delete-conversation'; readonly user: Participant; readonly expected: number }
  /** Unconditional, and gone by itself after `lifetimeSeconds` (a hint, never a claim: see last-operator.ts). */
  | { readonly kind: 'put-last-operator'; readonly user: Participant; readonly last: LastOperator; readonly lifetimeSeconds: number };

export interface Page<T> {
  readonly items: readonly T[];
  readonly cursor?: string | undefined;
}

/**
 * Operators and conversations, with an all-or-nothing compare-and-set commit. On
 * Forge this is KVS custom entities and a conditional transaction; every query
 * below is served by an index, never by a scan.
 */
export interface LiveAgentState extends OverviewQueries {
  getOperator(participant: Participant): Promise<Versioned<Operator> | undefined>;
  getConversation(user: Participant): Promise<Versioned<Conversation> | undefined>;
  /**
   * Both records a chat message may need about its sender, in one read call:
   * the conversation they have as a user, and the operator record they have as a live agent.
   */
  getParticipant(participant: Participant): Promise<{
    readonly conversation?: Versioned<Conversation> | undefined;
    readonly operator?: Versioned<Operator> | undefined;
    /** After a rating, the short window in which their next message is its comment (RatingStore). */
    readonly commentWindow?: CommentWindow | undefined;
    /** The locale looked up for them once and kept (rememberLocale); absent: never looked up, or the record expired. */
    readonly kept?: KeptLocale | undefined;
  }>;
  /**
   * What asking for an operator needs about the user, in one read call: their
   * conversation, and who last served them (if that record has not expired).
   */
  getRequester(user: Participant): Promise<{
    readonly conversation?: Versioned<Conversation> | undefined;
    readonly lastOperator?: LastOperator | undefined;
  }>;
  /** Operators of a project with the given duty status, any order. */
  operatorsByDuty(projectId: string, duty: DutyStatus): Promise<Versioned<Operator>[]>;
  /**
   * On-duty operators of a project in routing order, a page at a time: by
   * routing lane (operator-selection.ts: those with a capacity of their own and
   * room under it, then those following the project's capacity, then those full
   * at their own), and within a lane fewest conversations first, then idle
   * longest (`idleSince` oldest). Operators equal in all three come in any order
   * and a page may split them, so the caller breaks those ties (see routing.ts).
   * `lane`: that lane only. Routing reads only the heads of this order, so its
   * cost does not grow with the number of operators on duty.
   */
  operatorsForRouting(
    projectId: string,
    page?: { readonly limit?: number; readonly cursor?: string | undefined; readonly lane?: RoutingLane | undefined },
  ): Promise<Page<Versioned<Operator>>>;
  /**
   * On-duty operators of one routing lane who hold no conversation and have been idle since `idleBy` or
   * before, idle longest first, a page at a time: the head of that lane in the routing order (load 0, then
   * idle since), read up to `idleBy` only, so the idle sweep reads no one who is busy or was active since.
   */
  idleOperators(
    projectId: string,
    lane: RoutingLane,
    idleBy: number,
    page?: { readonly limit?: number; readonly cursor?: string | undefined },
  ): Promise<Page<Versioned<Operator>>>;
  /** Role holders of one Slack workspace or Teams tenant, any order. */
  operatorsOfTenant(channel: ChatChannel, tenantId: string): Promise<Versioned<Operator>[]>;
  /** Conversations of a project in one state, oldest `since` first (for `queued`: first come, first served). */
  conversationsInState(
    projectId: string,
    state: ConversationStateKind,
    page?: { readonly limit?: number; readonly cursor?: string | undefined },
  ): Promise<Page<Versioned<Conversation>>>;
  /**
   * Conversations of a project in one state whose timeout started counting (see
   * `timerStart`) at or before `startedBy`, earliest first, a page at a time:
   * the timeout sweep asks for `now − the state's timeout` and reads only the
   * expired head, however many conversations are open. A cursor continues after the
   * last conversation returned, so conversations handled meanwhile (closed, or their
   * timer moved on) do not shift the next page.
   */
  conversationsByTimer(
    projectId: string,
    state: ConversationStateKind,
    startedBy: number,
    page?: { readonly limit?: number; readonly cursor?: string | undefined },
  ): Promise<Page<Versioned<Conversation>>>;
  /**
   * Applies every write or none. Returns false, changing nothing, when any
   * record's version is no longer the expected one: someone else won; re-read
   * and decide again. At most 25 writes, each record at most once.
   */
  commit(writes: readonly StateWrite[]): Promise<boolean>;
  /**
   * Where a card was sent (SentCard, the platform's reference), kept under an app key (an operator offer's id)
   * for `lifetimeSeconds`, so the card can be updated once what it asks about is settled without a click.
   */
  rememberCard(key: string, sent: SentCard, lifetimeSeconds: number): Promise<void>;
  /**
   * Keeps the locale a person's platform gave when asked (Slack's users.info), or that it gave none, for
   * KEPT_LOCALE_SECONDS: read with their other records, so it is asked for once a month, not per message.
   */
  rememberLocale(participant: Participant, locale: string | undefined): Promise<void>;
  recallCard(key: string): Promise<SentCard | undefined>;
}

/** A sent message as its platform names it (Slack channel and ts, Teams conversation and activity id): opaque to the core. */
export interface SentCard {
  readonly ref: string;
}

export const MAX_WRITES_PER_COMMIT = 25;
export interface SettingsRepository {
  get(projectId: string): Promise<LiveAgentSettings | undefined>;
  put(projectId: string, settings: LiveAgentSettings): Promise<void>;
  /** Projects whose live agent support is on. */
  enabledProjects(): Promise<string[]>;
  /**
   * Every project whose settings were ever saved, on or off, for the timeout
   * sweep: a project turned off may still hold what its wind-down did not reach.
   */
  allProjects(): Promise<Array<{ readonly projectId: string; readonly settings: LiveAgentSettings }>>;
}

/**
 * Conversation transcripts, one line per message, append-only. A line's id is
 * unique within its conversation and appending it again is refused, which makes
 * the append the delivery's dedupe record too.
 */
export interface TranscriptLog extends LineRevisions {
  append(
    conversationId: string,
    line: TranscriptLine,
    options?: { readonly expiresInSeconds?: number },
  ): Promise<'appended' | 'duplicate'>;
  /** Appends several lines; lines already there are left alone. */
  appendMany(conversationId: string, lines: readonly TranscriptLine[], options?: { readonly expiresInSeconds?: number }): Promise<void>;
  /** Lines in order; `after` skips what a ticket already has; `last` keeps only the newest n. */
  read(
    conversationId: string,
    options?: { readonly after?: TranscriptCursor | undefined; readonly last?: number },
  ): Promise<TranscriptLine[]>;
}

/** Remembers which platform deliveries were handled, so retries are handled once. */
export interface DeliveryLog {
  /** True the first time an id is claimed; false for every later claim within the retention time. */
  claim(deliveryId: string): Promise<boolean>;
  /** Forgets a claim whose work failed, so the platform's retry can do it. */
  release(deliveryId: string): Promise<void>;
}

export interface ChatProfile {
  readonly displayName: string;
  readonly email?: string | undefined;
  /** The person's locale, when the platform tells it on asking (Slack's users.info with include_locale); checked (isLocale). */
  readonly locale?: string | undefined;
}

/** Talks to people on their chat platform. Throws ChatDeliveryError when a message cannot be delivered. */
export interface ChatGateway extends ChatCopies {
  /** Answers where the message went when the platform can update it later (see `replace`). */
  send(to: Participant, message: OutgoingMessage): Promise<SentCard | void>;
  /** Replaces a card sent earlier with `message` (its buttons gone when it has none). Throws ChatDeliveryError. */
  replace?(to: Participant, sent: SentCard, message: OutgoingMessage): Promise<void>;
  profile(participant: Participant): Promise<ChatProfile>;
  /**
   * Whether a relayed line (OutgoingMessage.lineId) reached `to` after all, sent at or after `since`: asked before
   * resending one whose attempt timed out. Undefined: the platform can't tell (Teams has no such look-back).
   */
  delivered?(to: Participant, sent: SentLine): Promise<boolean | undefined>;
  /** The ticket whose follow-up starts the thread `threadTs` in `to`'s chat with the bot; undefined: none, or unknown (Teams has no such threads). */
  threadTicket?(to: Participant, threadTs: string): Promise<string | undefined>;
}

/** A relayed transcript line, as a platform that can look back is asked about it. */
export interface SentLine {
  readonly conversationId: string;
  readonly lineId: string;
  /** When the line was written (ms): the platform need not look further back. */
  readonly since: number;
}

import type { TicketService } from './ticket-port';
export type { CreatedTicket, TicketRequest, TicketService } from './ticket-port';
import type { Assistant } from './assistant-port';
import type { DeflectionCounters } from './deflection/deflection-counters';
import type { ServiceFigures } from './figures/service-figures';
import type { KeptLocale } from './kept-locale';
export type { DayRecords, ServiceFigures } from './figures/service-figures';
import type { ConversationHistory, TranscriptRetention } from './history/history-port';
import type { ErasedPeople } from './privacy/erased-people';
export type { ConversationHistory, HistoryPage, HistoryQuery, TranscriptRetention } from './history/history-port';
export type { Assistant, AssistantAnswer, AssistantQuestion, KnowledgeBase } from './assistant-port';

export interface Logger {
  info(event: string, fields?: Record<string, unknown>): void;
  warn(event: string, fields?: Record<string, unknown>): void;
}

/**
 * Work the web trigger hands on so it can answer the chat platform at once.
 * Jobs of one conversation carry the same ordering key; the queue runs at most
 * one of them at a time.
 */
export interface WorkQueue {
  push(job: WorkJob, orderingKey: string, delayInSeconds?: number): Promise<void>;
}

/** Sends that continue later, on the queue: a notice the platform did not take yet, a relay backlog to work through. */
export interface Outbox {
  /** `attempt`: how many tries this notice already had (the queue gives up after a few). */
  sendLater(to: Participant, message: OutgoingMessage, afterSeconds: number, attempt?: number): Promise<void>;
  drainLater(job: DrainJob, afterSeconds: number): Promise<void>;
  /** `#create_ticket` from a web trigger that can't wait for Jira (see CoreDeps.deferSlowWork). */
  ticketLater(job: TicketJob, afterSeconds?: number): Promise<void>;
  /** The end of an operator offer's window (offers/offer-expiry-job.ts). */
  expireOfferLater(job: OfferExpiryJob, afterSeconds: number): Promise<void>;
  /** A relayed line's files, or a ticket's (files/): slower than a web trigger may wait. */
  filesLater(job: FilesJob | TicketFilesJob): Promise<void>;
}

/** Everything the core needs from the outside world. */
export interface CoreDeps {
  readonly state: LiveAgentState;
  readonly settings: SettingsRepository;
  readonly transcripts: TranscriptLog;
  readonly deliveries: DeliveryLog;
  readonly chat: ChatGateway;
  /** Files people share, downloaded and uploaded with the app's own credentials on each platform. */
  readonly files: FileTransfer;
  readonly outbox: Outbox;
  readonly tickets: TicketService;
  readonly followUps?: TicketFollowUps | undefined; // tickets that keep talking (follow-up/); none where absent
  readonly ratings: RatingStore;
  readonly assistant: Assistant;
  /** The assistant's deflection counters (deflection/deflection-counters.ts); uncounted where absent. */
  readonly deflection?: DeflectionCounters | undefined;
  /** The service figures per project and day (figures/service-figures.ts); uncounted where absent. */
  readonly figures?: ServiceFigures | undefined;
  /** Past conversations (history/history-port.ts), and the sweep of transcript lines kept without a TTL; not kept where absent. */
  readonly history?: ConversationHistory | undefined;
  readonly transcriptRetention?: TranscriptRetention | undefined;
  readonly clock: Clock;
  readonly log: Logger;
  /** Inside a web trigger that must answer in Slack's 3 s: work waiting on Jira goes to the queue (Teams allows 15 s: inline). */
  readonly deferSlowWork?: boolean | undefined;
  /** Whose data was erased (privacy/erased-people.ts): History and tickets name no erased operator; unchecked where absent. */
  readonly erased?: ErasedPeople | undefined;
  /**
   * Takes someone the platform can no longer reach out of whatever they hold:
   * whenUnreachable (unreachable.ts), wired by the composition. Passed in, not
   * imported, because it is circular by nature: notify() and the relay call it,
   * and it tells the people it affects through notify().
   */
  readonly whenUnreachable: (deps: CoreDeps, person: Participant, error: ChatRecipientUnreachableError) => Promise<boolean>;
}
export type { AuditDeps, AuditLog, AuditQuery } from './audit/audit-log';
export { KEPT_LOCALE_SECONDS, type KeptLocale } from './kept-locale';
