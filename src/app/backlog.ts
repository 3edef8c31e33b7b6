import type { Backlog, ChatSession, TranscriptCursor } from '../domain/chat-session';
import { ChatDeliveryError, ChatRateLimitedError, ChatRecipientUnreachableError, ChatTransientError } from '../domain/errors';
import { assignmentOf, type Operator } from '../domain/operator';
import type { OutgoingMessage } from '../domain/outgoing-message';
import { participantKey, type Participant } from '../domain/participant';
import { relayFailures } from '../domain/replies';
import { cursorOf, isAfter, type SpeakerRole, type TranscriptLine } from '../domain/transcript';
import type { MessageOutcome } from './incoming-message';
import { notify } from './notify';
import type { CoreDeps, StateWrite, Versioned } from './ports';
import { whenUnreachable } from './unreachable';

/**
 * Relayed messages reach the other side once, in order, or their sender is told.
 *
 * A send the platform fails for a passing reason (429, 5xx, a timeout, a reset,
 * the store failing while finding the recipient's chat) starts a backlog on the
 * record the relay already read for that direction: the user's session for
 * their words to the operator, the operator's assignment for theirs to the
 * user. Later messages in that direction see it and join it (the transcript
 * line, plus a compare-and-set that moves `through`), so none overtakes the one
 * still waiting. A queued job (`drain`) sends the waiting lines from the
 * transcript, in order, retrying with backoff for RETRY_WINDOW_MS; the job may
 * run late, twice or out of order, since all it trusts is the record. A
 * message still not through when the window closes is named to its sender.
 *
 * The happy path is untouched: no backlog, one send. Only the fault path costs
 * more (a write to start or join the backlog, the job's reads and writes).
 */
export const RETRY_WINDOW_MS = 10 * 60_000;

/** Backoff between attempts: 5 s, 10 s, 20 s, … at most 2 minutes, or longer when the platform asked. */
export function retryDelaySeconds(attempt: number, askedSeconds = 0): number {
  const backoff = Math.min(5 * 2 ** Math.max(0, attempt - 1), 120);
  return Math.min(Math.max(backoff, Math.ceil(askedSeconds)), 900);
}

/** One direction of one conversation: whose record holds its backlog. */
export type LaneRef =
  | { readonly direction: 'to-operator'; readonly user: Participant; readonly conversationId: string }
  | { readonly direction: 'to-user'; readonly operator: Participant; readonly conversationId: string };

/** A lane as read from its record, with what sending on it needs. */
export interface Lane {
  readonly ref: LaneRef;
  readonly to: Participant;
  readonly sender: Participant;
  /** Shown on relayed messages: who wrote them. */
  readonly senderName: string;
  /** Told to the sender when something did not reach them. */
  readonly recipientName: string;
  readonly role: SpeakerRole;
  readonly backlog?: Backlog | undefined;
  /** The compare-and-set that replaces the backlog (none: it ends). */
  readonly replace: (backlog: Backlog | undefined) => StateWrite;
}

export function userLane(session: Versioned<ChatSession>): Lane | undefined {
  const s = session.value;
  if (s.state.kind !== 'with-operator') return undefined;
  const state = s.state;
  return {
    ref: { direction: 'to-operator', user: s.user, conversationId: s.id },
    to: state.operator,
    sender: s.user,
    senderName: s.userName,
    recipientName: state.operatorName,
    role: 'user',
    backlog: state.backlog,
    replace: (backlog) => {
      const { backlog: _old, ...rest } = state;
      return { kind: 'put-session', session: { ...s, state: backlog ? { ...rest, backlog } : rest }, expected: session.version };
    },
  };
}

export function operatorLane(operator: Versioned<Operator>, conversationId: string): Lane | undefined {
  const op = operator.value;
  const assignment = assignmentOf(op, conversationId);
  if (!assignment) return undefined;
  return {
    ref: { direction: 'to-user', operator: op.participant, conversationId },
    to: assignment.user,
    sender: op.participant,
    senderName: op.displayName,
    recipientName: assignment.userName,
    role: 'operator',
    backlog: assignment.backlog,
    replace: (backlog) => {
      const assignments = op.assignments.map((a) => {
        if (a.sessionId !== conversationId) return a;
        const { backlog: _old, ...rest } = a;
        return backlog ? { ...rest, backlog } : rest;
      });
      return { kind: 'put-operator', operator: { ...op, assignments }, expected: operator.version };
    },
  };
}

async function readLane(deps: CoreDeps, ref: LaneRef): Promise<Lane | undefined> {
  if (ref.direction === 'to-operator') {
    const session = await deps.state.getSession(ref.user);
    return session && session.value.id === ref.conversationId ? userLane(session) : undefined;
  }
  const operator = await deps.state.getOperator(ref.operator);
  return operator && operatorLane(operator, ref.conversationId);
}

/** The work that sends a lane's backlog; carried by the queue (see work-job.ts). */
export interface DrainJob {
  readonly kind: 'drain';
  readonly lane: LaneRef;
  readonly attempt: number;
}

export function relayOf(lane: Pick<Lane, 'senderName' | 'ref'>, line: TranscriptLine): OutgoingMessage {
  return {
    kind: 'relay',
    text: line.text,
    ...(line.links ? { links: line.links } : {}),
    senderName: lane.senderName,
    conversationId: lane.ref.conversationId,
    attachments: line.attachments,
    lineId: line.id,
  };
}

/**
 * Relays a line already in the transcript, or, when a backlog is waiting,
 * joins it. What a failed send means: a passing failure starts the backlog; an
 * unreachable recipient is taken out (see unreachable.ts); any other refusal
 * is told to the sender, naming the message.
 */
export async function relayLine(deps: CoreDeps, lane: Lane, line: TranscriptLine): Promise<MessageOutcome> {
  if (lane.backlog) return join(deps, lane, line);
  try {
    await deps.chat.send(lane.to, relayOf(lane, line));
    return 'relayed';
  } catch (error) {
    return afterFailedSend(deps, lane, line, error);
  }
}

/**
 * A retried delivery whose line is already in the transcript: if its lane has a
 * backlog, make sure a job is on the way (the first attempt may have stopped
 * after starting the backlog and before queuing the job).
 */
export async function relayRetried(deps: CoreDeps, lane: Lane): Promise<void> {
  if (lane.backlog) await deps.outbox.drainLater({ kind: 'drain', lane: lane.ref, attempt: 1 }, 0);
}

async function afterFailedSend(deps: CoreDeps, lane: Lane, line: TranscriptLine, error: unknown): Promise<MessageOutcome> {
  const failure = classify(error);
  switch (failure.kind) {
    case 'retry':
      deps.log.warn('relay_retrying', { conversationId: lane.ref.conversationId, reason: failure.reason });
      return startBacklog(deps, lane, line, failure);
    case 'unreachable':
      if (await whenUnreachable(deps, lane.to, failure.error)) return 'relay-failed';
      await tellNotDelivered(deps, lane, [line]);
      return 'relay-failed';
    case 'refused':
      deps.log.warn('relay_not_delivered', { conversationId: lane.ref.conversationId, reason: failure.reason });
      await tellNotDelivered(deps, lane, [line]);
      return 'relay-failed';
  }
}

type Failure =
  | { readonly kind: 'retry'; readonly uncertain: boolean; readonly retryAfterSeconds: number; readonly reason: string }
  | { readonly kind: 'unreachable'; readonly error: ChatRecipientUnreachableError }
  | { readonly kind: 'refused'; readonly reason: string };

/**
 * A failure that is not the platform's answer about the message (the store
 * failing while the adapter looked up the recipient's chat, say) happened
 * before anything was sent: retried as certainly not delivered.
 */
function classify(error: unknown): Failure {
  if (error instanceof ChatRateLimitedError) return { kind: 'retry', uncertain: false, retryAfterSeconds: error.retryAfterSeconds, reason: error.message };
  if (error instanceof ChatTransientError) return { kind: 'retry', uncertain: error.uncertain, retryAfterSeconds: 0, reason: error.message };
  if (error instanceof ChatRecipientUnreachableError) return { kind: 'unreachable', error };
  if (error instanceof ChatDeliveryError) return { kind: 'refused', reason: error.message };
  return { kind: 'retry', uncertain: false, retryAfterSeconds: 0, reason: error instanceof Error ? error.message : String(error) };
}

/** Store writes that lose a race re-read and try again; a few rounds settle any real contention. */
const MAX_ROUNDS = 5;

async function startBacklog(
  deps: CoreDeps,
  first: Lane,
  line: TranscriptLine,
  failure: Extract<Failure, { kind: 'retry' }>,
): Promise<MessageOutcome> {
  let lane: Lane | undefined = first;
  for (let round = 0; round < MAX_ROUNDS && lane; round += 1) {
    const backlog: Backlog = lane.backlog
      ? widen(lane.backlog, line)
      : { after: justBefore(line), through: cursorOf(line), since: deps.clock.now(), ...(failure.uncertain ? { uncertain: true } : {}) };
    if (await deps.state.commit([lane.replace(backlog)])) {
      await deps.outbox.drainLater({ kind: 'drain', lane: lane.ref, attempt: 1 }, retryDelaySeconds(1, failure.retryAfterSeconds));
      return 'relayed-later';
    }
    lane = await readLane(deps, lane.ref);
  }
  // The conversation ended or moved on while the send failed: nothing will carry the message now.
  await tellNotDelivered(deps, first, [line]);
  return 'relay-failed';
}

async function join(deps: CoreDeps, first: Lane, line: TranscriptLine): Promise<MessageOutcome> {
  let lane: Lane | undefined = first;
  for (let round = 0; round < MAX_ROUNDS && lane; round += 1) {
    // The backlog drained meanwhile: nothing is waiting any more, so this one goes now.
    if (!lane.backlog) return relayLine(deps, lane, line);
    // A backlog that lost its job gets a new one, and a fresh window: nothing was tried for minutes.
    const revive = abandoned(deps, lane.backlog);
    const widened = { ...widen(lane.backlog, line), ...(revive ? { since: deps.clock.now() } : {}) };
    if (await deps.state.commit([lane.replace(widened)])) {
      if (revive) await deps.outbox.drainLater({ kind: 'drain', lane: lane.ref, attempt: 1 }, 0);
      return 'relayed-later';
    }
    lane = await readLane(deps, lane.ref);
  }
  await tellNotDelivered(deps, first, [line]);
  return 'relay-failed';
}

/**
 * A live job ends a backlog within the retry window (it gives up then), so one
 * that outlived it by minutes lost its job (the queue gave up on a job that
 * kept failing): the next message to join starts another.
 */
function abandoned(deps: CoreDeps, backlog: Backlog): boolean {
  return deps.clock.now() - backlog.since > RETRY_WINDOW_MS + 5 * 60_000;
}

/** A line joins: it may be older than the head (two messages failing at once) or newer than the tail. */
function widen(backlog: Backlog, line: TranscriptLine): Backlog {
  const after = isAfter(line, backlog.after) ? backlog.after : justBefore(line);
  const through = isAfter(line, backlog.through) ? cursorOf(line) : backlog.through;
  return { ...backlog, after, through };
}

/** A cursor just before `line`: the empty id sorts before every line id of the same millisecond. */
function justBefore(line: TranscriptLine): TranscriptCursor {
  return { at: line.at, id: '' };
}

/** How much one job does before handing on to the next, so it ends well inside a function's time. */
const LINES_PER_JOB = 20;

/**
 * The queued job: sends the lane's waiting lines in order, from the
 * transcript. It trusts only the record: a job that arrives late, twice or
 * after another finds the backlog as it now is, or none, and does nothing.
 */
export async function drainBacklog(deps: CoreDeps, job: DrainJob): Promise<void> {
  for (let step = 0; step < LINES_PER_JOB; step += 1) {
    const lane = await readLane(deps, job.lane);
    const backlog = lane?.backlog;
    if (!lane || !backlog) return;
    const waiting = await waitingLines(deps, lane, backlog);
    const [head] = waiting;
    if (!head) {
      // Only the lines of other speakers were in range: nothing of this direction waits.
      await deps.state.commit([lane.replace(undefined)]);
      continue;
    }
    if (deps.clock.now() - backlog.since >= RETRY_WINDOW_MS) {
      await giveUp(deps, lane, backlog, waiting);
      continue;
    }
    const outcome = await sendHead(deps, lane, backlog, head);
    if (outcome.kind === 'later') {
      await deps.outbox.drainLater({ ...job, attempt: job.attempt + 1 }, retryDelaySeconds(job.attempt + 1, outcome.retryAfterSeconds));
      return;
    }
    if (outcome.kind === 'taken-out') return;
    await advance(deps, lane, head, outcome.kind === 'sent' ? undefined : outcome);
  }
  await deps.outbox.drainLater({ ...job, attempt: 1 }, 0);
}

async function waitingLines(deps: CoreDeps, lane: Pick<Lane, 'sender' | 'ref' | 'role'>, backlog: Backlog): Promise<TranscriptLine[]> {
  const lines = await deps.transcripts.read(lane.ref.conversationId, { after: backlog.after });
  return lines.filter((l) => l.role === lane.role && !isAfter(l, backlog.through) && (lane.role !== 'operator' || isFrom(l, lane.sender)));
}

function isFrom(line: TranscriptLine, who: Participant): boolean {
  return !line.speaker || participantKey(line.speaker) === participantKey(who);
}

type Step =
  | { readonly kind: 'sent' }
  | { readonly kind: 'later'; readonly retryAfterSeconds: number; readonly uncertain: boolean }
  | { readonly kind: 'not-delivered'; readonly mayHaveArrived: boolean }
  | { readonly kind: 'taken-out' };

async function sendHead(deps: CoreDeps, lane: Lane, backlog: Backlog, head: TranscriptLine): Promise<Step> {
  if (backlog.uncertain) {
    // The last attempt may have arrived. Where the platform can tell, ask; where not, say so rather than send twice.
    const arrived = await deps.chat.delivered?.(lane.to, { conversationId: lane.ref.conversationId, lineId: head.id, since: head.at });
    if (arrived === true) return { kind: 'sent' };
    if (arrived === undefined) return { kind: 'not-delivered', mayHaveArrived: true };
  }
  try {
    await deps.chat.send(lane.to, relayOf(lane, head));
    return { kind: 'sent' };
  } catch (error) {
    const failure = classify(error);
    switch (failure.kind) {
      case 'retry':
        deps.log.warn('relay_retrying', { conversationId: lane.ref.conversationId, reason: failure.reason });
        if (failure.uncertain && !backlog.uncertain) await deps.state.commit([lane.replace({ ...backlog, uncertain: true })]);
        return { kind: 'later', retryAfterSeconds: failure.retryAfterSeconds, uncertain: failure.uncertain };
      case 'unreachable':
        if (await whenUnreachable(deps, lane.to, failure.error)) return { kind: 'taken-out' };
        return { kind: 'not-delivered', mayHaveArrived: false };
      case 'refused':
        deps.log.warn('relay_not_delivered', { conversationId: lane.ref.conversationId, reason: failure.reason });
        return { kind: 'not-delivered', mayHaveArrived: false };
    }
  }
}

/**
 * Moves the backlog past `done`, or ends it when `done` was the last line
 * waiting: a compare-and-set that fails when a message joined meanwhile, and
 * is then made again on the record as it is now.
 */
async function advance(deps: CoreDeps, first: Lane, done: TranscriptLine, notDelivered?: Extract<Step, { kind: 'not-delivered' }>): Promise<void> {
  if (notDelivered) await tellNotDelivered(deps, first, [done], notDelivered.mayHaveArrived);
  let lane: Lane | undefined = first;
  for (let round = 0; round < MAX_ROUNDS && lane?.backlog; round += 1) {
    const { backlog } = lane;
    // What still waits gets a fresh window: the platform took a message, or the sender was told about it.
    const rest: Backlog | undefined = isAfter(done, backlog.through) || sameLine(done, backlog.through)
      ? undefined
      : { after: cursorOf(done), through: backlog.through, since: deps.clock.now() };
    if (await deps.state.commit([lane.replace(rest)])) return;
    lane = await readLane(deps, lane.ref);
  }
}

function sameLine(line: TranscriptLine, cursor: TranscriptCursor): boolean {
  return line.at === cursor.at && line.id === cursor.id;
}

/** The retry window closed: the sender hears which messages did not get through, and the lane is free again. */
async function giveUp(deps: CoreDeps, lane: Lane, backlog: Backlog, waiting: readonly TranscriptLine[]): Promise<void> {
  deps.log.warn('relay_given_up', { conversationId: lane.ref.conversationId, messages: waiting.length, since: backlog.since });
  await tellNotDelivered(deps, lane, waiting);
  const last = waiting.at(-1);
  if (last) await advance(deps, lane, last);
}

/** The conversation ended with messages still waiting: they won't be sent now, and their sender hears which. */
export async function tellEndedBacklog(
  deps: CoreDeps,
  lane: Pick<Lane, 'sender' | 'recipientName' | 'ref' | 'role'> | undefined,
  backlog: Backlog,
): Promise<void> {
  if (!lane) return;
  const waiting = await waitingLines(deps, lane, backlog);
  if (waiting.length === 0) return;
  await notify(deps, lane.sender, { kind: 'notice', text: relayFailures.endedBefore(lane.recipientName, waiting.map((l) => l.text)), conversationId: lane.ref.conversationId });
}

async function tellNotDelivered(deps: CoreDeps, lane: Pick<Lane, 'sender' | 'recipientName' | 'ref'>, lines: readonly TranscriptLine[], mayHaveArrived = false): Promise<void> {
  const texts = lines.map((l) => l.text);
  const text = mayHaveArrived ? relayFailures.mayNotHaveArrived(lane.recipientName, texts) : relayFailures.notDelivered(lane.recipientName, texts);
  await notify(deps, lane.sender, { kind: 'notice', text, conversationId: lane.ref.conversationId });
}
