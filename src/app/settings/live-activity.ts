import type { Conversation } from '../../domain/conversation';
import { capacityOf, offersOf, type Operator } from '../../domain/operator';
import { participantKey, type ChatChannel, type Participant } from '../../domain/participant';
import type { CoreDeps } from '../ports';
import { loadSettings } from './project-settings';
import { encodeCursor, pageFrom, type ListCursor, type ListPage, type OrderedSource } from './overview-pages';

export interface OnDutyRow {
  readonly name: string;
  readonly channel: ChatChannel;
  readonly tenantId: string;
  readonly userId: string;
  /** When their shift started; unknown for a shift started before Koji recorded it. */
  readonly since?: number | undefined;
  readonly load: number;
  /** Offer mode: operator offers waiting for their answer, each holding a place under their capacity. */
  readonly offers: number;
  readonly capacity: number;
}

/** A user waiting for an operator, in line: `since` is when this wait began; `offeredTo` while an operator is offered them. */
export interface WaitingRow {
  readonly position: number;
  readonly name: string;
  readonly channel: ChatChannel;
  readonly since: number;
  readonly offeredTo?: { readonly name: string; readonly until: number } | undefined;
}

/** A conversation with an operator: `startedAt` is when this operator took it. */
export interface InProgressRow {
  readonly conversationId: string;
  readonly user: Participant;
  readonly userName: string;
  readonly operatorName: string;
  readonly startedAt: number;
}

export interface TakenOffDutyRow {
  readonly name: string;
  readonly channel: ChatChannel;
  readonly at: number;
  readonly reason: string;
}

/** One page of a list; `next` is the opaque cursor of the page after it, absent on the last. */
export interface ActivityList<T> {
  readonly rows: readonly T[];
  readonly next?: string | undefined;
}

export interface LiveActivity {
  /** The first page of each list: a list with `next` has more (the page shows "25+", never a count it would have to scan for). */
  readonly onDuty: ActivityList<OnDutyRow>;
  readonly waiting: ActivityList<WaitingRow>;
  readonly inProgress: ActivityList<InProgressRow>;
  /** Operators Koji took off duty because their chat could not be reached, newest first, until they come on duty again. */
  readonly takenOffDuty: readonly TakenOffDutyRow[];
}

/** The Overview lists this many of them at most: enough to see what happened, bounded like the page. */
const TAKEN_OFF_DUTY_SHOWN = 20;

/**
 * The backoffice's Overview: the first page of who is on duty, who waits and which conversations run, and who
 * Koji took off duty. Six KVS reads at any size (the settings, one per list, two for the waiting line):
 * every list is the head of an index.
 */
export async function liveActivity(deps: CoreDeps, projectId: string): Promise<LiveActivity> {
  // The lists don't depend on each other: read together, a refresh waits for the slowest read, not the sum.
  const [onDuty, waiting, inProgress, away] = await Promise.all([
    loadSettings(deps, projectId).then((settings) => onDutyPage(deps, projectId, settings.operatorCapacity, undefined)),
    waitingPage(deps, projectId, undefined),
    inProgressPage(deps, projectId, undefined),
    deps.state.operatorsTakenOffDuty(projectId, TAKEN_OFF_DUTY_SHOWN),
  ]);
  return {
    onDuty,
    waiting,
    inProgress,
    takenOffDuty: away.flatMap((op) => (op.unreachable ? [{ name: op.displayName, channel: op.participant.channel, ...op.unreachable }] : [])),
  };
}

/** Operators on duty in routing order (the next to be given a user first): one read a page. */
export async function onDutyPage(deps: CoreDeps, projectId: string, projectCapacity: number, cursor: ListCursor | undefined): Promise<ActivityList<OnDutyRow>> {
  const source: OrderedSource<Operator> = (from, limit) => deps.state.operatorsOnDutyFrom(projectId, from, limit);
  return listOf(await pageFrom([source], (op) => participantKey(op.participant), cursor), ({ record: op }) => ({
    name: op.displayName,
    channel: op.participant.channel,
    tenantId: op.participant.tenantId,
    userId: op.participant.userId,
    since: op.onDutySince,
    load: op.assignments.length,
    offers: offersOf(op).length,
    capacity: capacityOf(op, projectCapacity),
  }));
}

/** The on-duty list's next page needs the project's capacity: one read more than the list itself. */
export async function nextOnDutyPage(deps: CoreDeps, projectId: string, cursor: ListCursor): Promise<ActivityList<OnDutyRow>> {
  return onDutyPage(deps, projectId, (await loadSettings(deps, projectId)).operatorCapacity, cursor);
}

/** Users waiting, first come first served: the queued and those being offered to an operator, merged by place in line (two reads a page). */
export async function waitingPage(deps: CoreDeps, projectId: string, cursor: ListCursor | undefined): Promise<ActivityList<WaitingRow>> {
  const queued: OrderedSource<Conversation> = (from, limit) => deps.state.conversationsFrom(projectId, 'queued', from, limit);
  const offered: OrderedSource<Conversation> = (from, limit) => deps.state.conversationsFrom(projectId, 'offered', from, limit);
  return listOf(await pageFrom([queued, offered], (c) => c.id, cursor), ({ position, record: c }) => ({
    position,
    name: c.userName,
    channel: c.user.channel,
    since: c.state.kind === 'queued' || c.state.kind === 'offered' ? c.state.enteredAt : c.state.since,
    ...(c.state.kind === 'offered' ? { offeredTo: { name: c.state.offer.operatorName, until: c.state.offer.until } } : {}),
  }));
}

/** Conversations with an operator, longest running first: one read a page. */
export async function inProgressPage(deps: CoreDeps, projectId: string, cursor: ListCursor | undefined): Promise<ActivityList<InProgressRow>> {
  const source: OrderedSource<Conversation> = (from, limit) => deps.state.conversationsFrom(projectId, 'with-operator', from, limit);
  return listOf(await pageFrom([source], (c) => c.id, cursor), ({ record: c }) => ({
    conversationId: c.id,
    user: c.user,
    userName: c.userName,
    operatorName: c.state.kind === 'with-operator' ? c.state.operatorName : '',
    startedAt: c.state.since,
  }));
}

function listOf<T, R>(page: ListPage<T>, row: (r: ListPage<T>['rows'][number]) => R): ActivityList<R> {
  const next = encodeCursor(page.next);
  return { rows: page.rows.map(row), ...(next ? { next } : {}) };
}

/**
 * When the newest line of a conversation in progress was written (the "last message" of the Overview's row),
 * read for one row when the admin asks: two reads (the user's conversation, to check it is this project's and
 * still this one, and the transcript's newest line). Undefined when the conversation is not running any more.
 */
export async function lastMessageAt(deps: CoreDeps, projectId: string, user: Participant, conversationId: string): Promise<{ readonly running: boolean; readonly at?: number | undefined }> {
  const found = await deps.state.getConversation(user);
  const running = found?.value.projectId === projectId && found.value.id === conversationId && found.value.state.kind === 'with-operator';
  if (!running) return { running: false };
  const [newest] = await deps.transcripts.read(conversationId, { last: 1 });
  return { running: true, at: newest?.at };
}
