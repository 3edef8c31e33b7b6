import type { Language } from './language';
import type { Participant } from './participant';

/** Where a user's conversation with a human stands. A user talking only with the bot has none. */
export type ConversationState =
  /** `since` is the place in line; `enteredAt` is when the wait began, for the queue timeout. */
  | {
      readonly kind: 'queued';
      readonly since: number;
      readonly enteredAt: number;
      /** Operators who declined this user or let their offer expire: never offered this user again. */
      readonly passedOver?: readonly string[] | undefined;
      /** Offer mode: an earlier offer of this user ended (so they were already told they are being connected). */
      readonly offeredBefore?: true | undefined;
    }
  /** Offer mode: still waiting, in the same place in line, while one operator is offered the user. */
  | {
      readonly kind: 'offered';
      readonly since: number;
      readonly enteredAt: number;
      readonly offer: OfferToOperator;
      readonly passedOver?: readonly string[] | undefined;
    }
  | {
      readonly kind: 'with-operator';
      readonly operator: Participant;
      readonly operatorName: string;
      /** The operator's language, for what is said to them on the user's side without reading their record. */
      readonly operatorLang?: Language | undefined;
      readonly since: number;
      /**
       * The latest activity (transcript line) the timeout sweep found when this
       * conversation's inactivity deadline came: the deadline now counts from
       * here. Written by the sweep only, never by the relay; absent until then.
       */
      readonly activeAt?: number | undefined;
      /** The user's messages waiting behind one that could not reach the operator yet (see Backlog). */
      readonly backlog?: Backlog | undefined;
    }
  /** Nobody could take the user; a ticket from their messages was offered and not yet taken up. */
  | { readonly kind: 'ticket-offered'; readonly since: number; readonly reason: TicketOfferReason };

export type ConversationStateKind = ConversationState['kind'];

/** The operator offer a waiting user's record holds: to whom, and its window. */
export interface OfferToOperator {
  readonly id: string;
  readonly operator: Participant;
  readonly operatorName: string;
  /** The operator's language, so the offer's card can be settled in it without reading their record. */
  readonly operatorLang?: Language | undefined;
  readonly at: number;
  readonly until: number;
}

/** The states in which a user waits for an operator (queued, or being offered to one). */
export function isWaiting(state: ConversationState): state is Extract<ConversationState, { kind: 'queued' | 'offered' }> {
  return state.kind === 'queued' || state.kind === 'offered';
}
/** `offers-went-round`: offer mode, every operator with room passed the user over, and they chose a ticket over waiting. */
export type TicketOfferReason = 'no-operator-on-duty' | 'queue-timeout' | 'support-disabled' | 'outside-business-hours' | 'offers-went-round';

/**
 * When the timeout of a conversation's state started counting, as far as the
 * conversation record knows: the inactivity timeout of a conversation from its last
 * known activity, the queue timeout from when the wait began, an offer's
 * lifetime from when it was made. The state's deadline is this plus the
 * project's timeout for the state, so within one project and state this orders
 * conversations by deadline, and a timeout changed in the settings applies at once.
 */
export function timerStart(state: ConversationState): number {
  switch (state.kind) {
    case 'with-operator':
      return Math.max(state.since, state.activeAt ?? state.since);
    case 'queued':
      return state.enteredAt;
    case 'offered':
      // The sweep's safety net for an expiry event that never came: the offer's end orders them.
      return state.offer.until;
    case 'ticket-offered':
      return state.since;
  }
}

export interface TicketRef {
  readonly key: string;
  readonly url: string;
  /** The transcript up to and including this line is already on the ticket. */
  readonly coveredThrough: TranscriptCursor;
}

export interface TranscriptCursor {
  readonly at: number;
  readonly id: string;
}

/**
 * The messages of one direction of a conversation (user to operator, or
 * operator to user) that wait behind one the chat platform did not take yet.
 * While a backlog exists, a new message in that direction joins it instead of
 * being sent, so the other side never sees it before the one still waiting; a
 * queued job sends them from the transcript, in order (see app/backlog/relay.ts and drain.ts).
 */
export interface Backlog {
  /** The waiting lines, in transcript order. Only these are sent from it: a line that went out directly never is. */
  readonly waiting: readonly TranscriptCursor[];
  /** When the first waiting message failed, or the last one went out: the retry window counts from here. */
  readonly since: number;
  /** The queued job that works this backlog now; a job with another token is a stale copy and stops. */
  readonly job: string;
  /**
   * The line an attempt is under way for, or whose last attempt may have
   * reached the platform (a timeout or 5xx after sending): before sending it
   * again, the job checks, or tells the sender it may not have arrived.
   */
  readonly inFlight?: string | undefined;
}

/**
 * One user's request for a human, from the moment they ask until it ends. The
 * record is keyed by the user, so a user has at most one at a time; its `id`
 * names the conversation's transcript, which outlives the record.
 */
export interface Conversation {
  readonly id: string;
  readonly projectId: string;
  readonly user: Participant;
  readonly userName: string;
  /**
   * The language Koji speaks to the user in this conversation, settled when they asked (their locale's, or the
   * project's default): every later notice uses it without a look-up. Absent on records older than languages: English.
   */
  readonly lang?: Language | undefined;
  /**
   * The service desk's language when the conversation started (the project's default): Koji's notes in its
   * transcript are written in it, since operators of any language, the ticket and the issue panel read them.
   */
  readonly deskLang?: Language | undefined;
  /** When the user first asked; a user handed back to the queue keeps their place by it. */
  readonly requestedAt: number;
  /**
   * How many days its transcript lines and history record are kept (the project's `retentionDays` when it
   * started): every line is written with that TTL from the records the path already holds, never a read more.
   * Absent on records older than retention: the default (history.ts).
   */
  readonly keepDays?: number | undefined;
  /**
   * Secrets are removed from its messages before they are stored or relayed (the project's `autoRedaction` when it
   * started, so a conversation under way when the setting changes keeps its rule); absent: off.
   */
  readonly autoRedaction?: true | undefined;
  readonly state: ConversationState;
  readonly ticket?: TicketRef | undefined;
  /**
   * The operator who last served it, kept when it went back to waiting (they went off duty, lost the role or
   * could not be reached, or passed it to the queue): its History record and a ticket made without an operator
   * name them, though nobody holds it now. Absent until then.
   */
  readonly servedBy?: ServedBy | undefined;
}

export interface ServedBy {
  readonly operator: Participant;
  readonly operatorName: string;
  /** When they took it. */
  readonly since: number;
}

/** The conversation waiting again (`state`), remembering who served it if someone was. */
export function handedBack(conversation: Conversation, state: ConversationState): Conversation {
  const was = conversation.state;
  const servedBy = was.kind === 'with-operator' ? { operator: was.operator, operatorName: was.operatorName, since: was.since } : conversation.servedBy;
  return { ...conversation, state, ...(servedBy ? { servedBy } : {}) };
}
