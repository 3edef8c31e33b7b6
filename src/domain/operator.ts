import type { Language } from './language';
import type { Backlog, Conversation } from './conversation';
import type { Participant, ParticipantKey } from './participant';

export type DutyStatus = 'on' | 'off';

/** One conversation an operator is holding, with what relaying to that user needs. */
export interface Assignment {
  readonly sessionId: string;
  readonly user: Participant;
  readonly userName: string;
  /** The user's language (their Conversation.lang), for what is said to them on the operator's side. */
  readonly userLang?: Language | undefined;
  /** The conversation's Conversation.keepDays, so the operator's lines get the same TTL without reading it. */
  readonly keepDays?: number | undefined;
  /** The conversation's Conversation.autoRedaction and deskLang (its markers' language): the operator's lines are screened too. */
  readonly autoRedaction?: true | undefined;
  readonly deskLang?: Language | undefined;
  readonly since: number;
  /** The operator's messages waiting behind one that could not reach the user yet (see Backlog). */
  readonly backlog?: Backlog | undefined;
}

/**
 * A tenant user who holds the Live agent role. The record exists exactly while
 * the role is granted, and it carries everything the relay path needs about the
 * operator's conversations, so relaying costs one read.
 */
export interface Operator {
  readonly participant: Participant;
  readonly projectId: string;
  readonly displayName: string;
  /** The language Koji speaks to the operator, settled at each `#on` from their locale; absent on older records: English. */
  readonly lang?: Language | undefined;
  readonly duty: DutyStatus;
  readonly assignments: readonly Assignment[];
  /**
   * When the operator last became free, took a conversation, or, holding none on duty, wrote or clicked
   * anything (operator-activity.ts): the tie-break for "longest idle", and what idle auto-away counts from.
   */
  readonly idleSince: number;
  readonly grantedAt: number;
  /**
   * The most conversations this operator takes at once, as a Jira admin set it in Role setup (1 to
   * MAX_OPERATOR_CAPACITY, as the project's); absent: the project's operator capacity.
   */
  readonly capacity?: number | undefined;
  /**
   * Operator offers waiting for this operator's answer (offer mode, app/offers/): each holds a place under
   * their capacity until it is accepted, declined or expires, so routing never offers more than they can take.
   */
  readonly offers?: readonly PendingOffer[] | undefined;
  /** Operator offers in a row this operator let expire; reset by accepting or declining one, and by `#on`. */
  readonly missedOffers?: number | undefined;
  /** When the current (or last) shift started with `#on`, for the backoffice; absent on records older than it. */
  readonly onDutySince?: number | undefined;
  /**
   * Koji took the operator off duty because their chat could not be reached
   * (`reason`: the platform's word for it), for the backoffice to show why.
   * Gone once they come on duty again.
   */
  readonly unreachable?: OperatorUnreachable | undefined;
}

/** An operator offer as the operator's record holds it: the user offered, and until when. */
export interface PendingOffer {
  readonly id: string;
  readonly sessionId: string;
  readonly user: Participant;
  readonly userName: string;
  readonly at: number;
  readonly until: number;
}

export interface OperatorUnreachable {
  readonly at: number;
  readonly reason: string;
}

/** Conversations held, and operator offers waiting for an answer: both count against capacity. */
export function operatorLoad(op: Operator): number {
  return op.assignments.length + (op.offers?.length ?? 0);
}

export function offersOf(op: Operator): readonly PendingOffer[] {
  return op.offers ?? [];
}

export function holdsOffer(op: Operator, offerId: string): boolean {
  return offersOf(op).some((o) => o.id === offerId);
}

/** The operator with one offer settled: its place under their capacity is free again. */
export function withoutOffer(op: Operator, offerId: string): Operator {
  return { ...op, offers: offersOf(op).filter((o) => o.id !== offerId) };
}

/** How many conversations the operator takes at once: their own capacity, or the project's. */
export function capacityOf(op: Operator, projectCapacity: number): number {
  return op.capacity ?? projectCapacity;
}

/** `projectCapacity`: the project's setting, for an operator without a capacity of their own. */
export function hasFreeCapacity(op: Operator, projectCapacity: number): boolean {
  return op.duty === 'on' && operatorLoad(op) < capacityOf(op, projectCapacity);
}

/** On duty, holding no conversation, and idle (no conversation, no activity: see idleSince) since `idleBy` or before. */
export function isIdleOnDuty(op: Operator, idleBy: number): boolean {
  return op.duty === 'on' && operatorLoad(op) === 0 && op.idleSince <= idleBy;
}

export function withAssignment(op: Operator, assignment: Assignment): Operator {
  return { ...op, assignments: [...op.assignments, assignment], idleSince: assignment.since };
}

export function withoutAssignment(op: Operator, sessionId: string, now: number): Operator {
  return { ...op, assignments: op.assignments.filter((a) => a.sessionId !== sessionId), idleSince: now };
}

export function assignmentOf(op: Operator, sessionId: string): Assignment | undefined {
  return op.assignments.find((a) => a.sessionId === sessionId);
}

export type OperatorKey = ParticipantKey;

/** What an operator's record holds of a conversation they take: what relaying to that user needs, read from its record. */
export function newAssignment(conversation: Conversation, since: number): Assignment {
  return {
    sessionId: conversation.id,
    user: conversation.user,
    userName: conversation.userName,
    userLang: conversation.lang,
    ...(conversation.keepDays === undefined ? {} : { keepDays: conversation.keepDays }),
    ...(conversation.autoRedaction ? { autoRedaction: true, ...(conversation.deskLang ? { deskLang: conversation.deskLang } : {}) } : {}),
    since,
  };
}
