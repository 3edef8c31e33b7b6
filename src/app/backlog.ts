import type { Backlog, ChatSession, TranscriptCursor } from '../domain/chat-session';
import { ChatDeliveryError, ChatRateLimitedError, ChatRecipientUnreachableError, ChatTransientError } from '../domain/errors';
import { KojiError, messageOf } from '../domain/koji-error';
import { assignmentOf, type Operator } from '../domain/operator';
import type { OutgoingMessage } from '../domain/outgoing-message';
import type { Participant } from '../domain/participant';
import { relayFailures } from '../domain/replies';
import { splitText } from '../domain/text';
import { compareLines, cursorOf, type SpeakerRole, type TranscriptLine } from '../domain/transcript';
import type { MessageOutcome } from './incoming-message';
import { notify } from './notify';
import type { CoreDeps, StateWrite, Versioned } from './ports';
import { whenUnreachable } from './unreachable';

/**
 * Relayed messages reach the other side once, in order, or their sender is told.
 *
 * A send the platform fails for a passing reason (429, 5xx, a timeout, a reset,
 * the store failing while finding the recipient's chat) starts a backlog on
 * the record the relay already read for that direction: the user's session for
 * their words to the operator, the operator's assignment for theirs to the
 * user. The backlog lists the waiting lines by id; later messages in that
 * direction see it and join the list (a compare-and-set) instead of being
 * sent, so none overtakes one still waiting, and only listed lines are ever
 * sent from it. A queued job (`drain`) sends them from the transcript in
 * order, retrying with backoff for RETRY_WINDOW_MS; what is still not through
 * then is named to its sender.
 *
 * The queue may deliver a job late, twice or out of order. A job trusts only
 * the record: it works the backlog only while the backlog names the job's
 * token (a reschedule swaps the token, so copies of an old job stop), marks
 * the line it is about to send (`inFlight`), and removes a line only once the
 * platform took it. A mark still there at the next attempt means the last one
 * may have arrived: the platform is asked (Slack: message metadata in the DM's
 * history) or, where it can't say (Teams), the sender hears it may not have
 * arrived, and it is not sent twice.
 *
 * The happy path is untouched: no backlog, one send. Only the fault path costs
 * more (a write to start or join the backlog; the job's reads, about two
 * writes per attempt, and its sends).
 */
export const RETRY_WINDOW_MS = 10 * 60_000;

/** At most this many messages wait in one direction; one more is refused at once, with a notice. */
export const MAX_WAITING = 100;

/** Backoff between attempts: 5 s, 10 s, 20 s, … at most 2 minutes, or longer when the platform asked. */
export function retryDelaySeconds(attempt: number, askedSeconds = 0): number {
  const backoff = Math.min(5 * 2 ** Math.max(0, attempt - 1), 120);
  return Math.min(Math.max(backoff, Math.ceil(askedSeconds)), 900);
}

/**
 * After an attempt that may have arrived, the next waits at least this long:
 * a post the platform is still working on when the client gave up lands within
 * seconds, and the check before resending must see it.
 */
export const UNCERTAIN_WAIT_SECONDS = 10;

function nextDelay(attempt: number, failure: { readonly retryAfterSeconds: number; readonly uncertain: boolean }): number {
  const delay = retryDelaySeconds(attempt, failure.retryAfterSeconds);
  return failure.uncertain ? Math.max(delay, UNCERTAIN_WAIT_SECONDS) : delay;
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

/** What telling a sender about waiting messages needs of a lane. */
export type SenderSide = Pick<Lane, 'sender' | 'recipientName' | 'ref'>;

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
  /** The backlog this job may work: it stops when the backlog names another. */
  readonly token: string;
  /**
   * A line the relay could not put in the backlog (the store failed): the job
   * starts the backlog with it, so the message is not lost with the write.
   */
  readonly start?: { readonly line: TranscriptCursor; readonly uncertain: boolean } | undefined;
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
 * Longer messages go out in parts of at most this many characters, in order,
 * each cut between whole characters (at a line break or space where one is
 * near): Teams refuses an activity over about 28 KB, escaping included, and
 * Slack advises keeping a message under 4,000 characters.
 */
export const RELAY_PART_CHARS = 4000;

/**
 * Nor more than this once escaped at worst (escapedSize): 4,000 quotes or stars are 24 KB as Teams HTML, which
 * would leave no room for the sender's name and the files of a 28 KB activity.
 */
export const RELAY_PART_ESCAPED = 16_000;

/** Parts after the first of a long message did not go out: the sender hears which, and they are not retried. */
class PartsNotDelivered extends Error {
  constructor(
    readonly from: number,
    readonly count: number,
    options?: ErrorOptions,
  ) {
    super(`Parts ${from} to ${count} of a long message were not delivered.`, options);
    this.name = 'PartsNotDelivered';
  }
}

/**
 * Sends one transcript line: one message, or its parts in order, the files
 * with the last. A failure of the first part is the line's failure (retried,
 * refused, …, as for any message); one of a later part throws PartsNotDelivered.
 */
async function sendLine(deps: CoreDeps, lane: Lane, line: TranscriptLine): Promise<void> {
  const parts = splitText(line.text, RELAY_PART_CHARS, RELAY_PART_ESCAPED);
  if (parts.length === 1) return deps.chat.send(lane.to, relayOf(lane, line));
  for (const [i, text] of parts.entries()) {
    const last = i === parts.length - 1;
    const part: OutgoingMessage = { ...relayOf(lane, { ...line, text }), attachments: last ? line.attachments : undefined, lineId: i === 0 ? line.id : `${line.id}#${i + 1}` };
    try {
      await deps.chat.send(lane.to, part);
    } catch (error) {
      if (i === 0) throw error;
      throw new PartsNotDelivered(i + 1, parts.length, { cause: error });
    }
  }
}

async function tellPartsNotDelivered(deps: CoreDeps, side: SenderSide, line: TranscriptLine, error: PartsNotDelivered): Promise<void> {
  deps.log.warn('relay_parts_not_delivered', { conversationId: side.ref.conversationId, from: error.from, count: error.count });
  const text = relayFailures.partsNotDelivered(side.recipientName, line.text, error.from, error.count);
  await notify(deps, side.sender, { kind: 'notice', text, conversationId: side.ref.conversationId });
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
    await sendLine(deps, lane, line);
    return 'relayed';
  } catch (error) {
    if (error instanceof PartsNotDelivered) {
      await tellPartsNotDelivered(deps, lane, line, error);
      return 'relay-failed';
    }
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
}

/**
 * A retried delivery whose line is already in the transcript: if its lane has a
 * backlog, make sure a job is on the way (the first attempt may have stopped
 * after starting the backlog and before queuing the job).
 */
export async function relayRetried(deps: CoreDeps, lane: Lane): Promise<void> {
  if (lane.backlog) await deps.outbox.drainLater({ kind: 'drain', lane: lane.ref, attempt: 1, token: lane.backlog.job }, 0);
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
  return { kind: 'retry', uncertain: false, retryAfterSeconds: 0, reason: messageOf(error) };
}

/** Store writes that lose a race re-read and try again; a few rounds settle any real contention. */
const MAX_ROUNDS = 5;

function newToken(deps: CoreDeps, seed: string): string {
  return `${deps.clock.now().toString(36)}.${seed.slice(-24)}`;
}

async function startBacklog(
  deps: CoreDeps,
  first: Lane,
  line: TranscriptLine,
  failure: Extract<Failure, { kind: 'retry' }>,
): Promise<MessageOutcome> {
  const delay = nextDelay(1, failure);
  // One token whatever happens below: if the store wrote the backlog and then failed to say so, the job still owns it.
  const token = newToken(deps, line.id);
  let lane: Lane | undefined = first;
  try {
    for (let round = 0; round < MAX_ROUNDS && lane; round += 1) {
      if (lane.backlog) return await join(deps, lane, line);
      const backlog: Backlog = { waiting: [cursorOf(line)], since: deps.clock.now(), job: token, ...(failure.uncertain ? { inFlight: line.id } : {}) };
      if (await deps.state.commit([lane.replace(backlog)])) {
        await deps.outbox.drainLater({ kind: 'drain', lane: lane.ref, attempt: 1, token }, delay);
        return 'relayed-later';
      }
      lane = await readLane(deps, lane.ref);
    }
  } catch (error) {
    if (error instanceof KojiError) throw error;
    // The store failed: the job starts the backlog itself, so the message is not lost with the write.
    deps.log.warn('backlog_not_written', { conversationId: first.ref.conversationId, reason: messageOf(error) });
    const start = { line: cursorOf(line), uncertain: failure.uncertain };
    await deps.outbox.drainLater({ kind: 'drain', lane: first.ref, attempt: 1, token, start }, delay);
    return 'relayed-later';
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
    if (lane.backlog.waiting.length >= MAX_WAITING) {
      deps.log.warn('backlog_full', { conversationId: lane.ref.conversationId });
      await tellNotDelivered(deps, lane, [line]);
      return 'relay-failed';
    }
    // A backlog that lost its job gets a new one, and a fresh window: nothing was tried for minutes.
    const revive = abandoned(deps, lane.backlog);
    const token = revive ? newToken(deps, line.id) : lane.backlog.job;
    const joined: Backlog = { ...lane.backlog, waiting: withLine(lane.backlog.waiting, line), ...(revive ? { since: deps.clock.now(), job: token } : {}) };
    if (await deps.state.commit([lane.replace(joined)])) {
      if (revive) await deps.outbox.drainLater({ kind: 'drain', lane: lane.ref, attempt: 1, token }, 0);
      return 'relayed-later';
    }
    lane = await readLane(deps, lane.ref);
  }
  await tellNotDelivered(deps, first, [line]);
  return 'relay-failed';
}

/** The waiting list with `line` in its place in transcript order (once). */
function withLine(waiting: readonly TranscriptCursor[], line: TranscriptCursor): TranscriptCursor[] {
  if (waiting.some((w) => w.id === line.id)) return [...waiting];
  return [...waiting, { at: line.at, id: line.id }].sort(compareCursors);
}

function compareCursors(a: TranscriptCursor, b: TranscriptCursor): number {
  return a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * A live job ends a backlog within the retry window (it gives up then), so one
 * that outlived it by minutes lost its job (the queue could not take the
 * next one): the next message to join starts another.
 */
function abandoned(deps: CoreDeps, backlog: Backlog): boolean {
  return deps.clock.now() - backlog.since > RETRY_WINDOW_MS + 5 * 60_000;
}

/** How much one job does before handing on to the next, so it ends well inside a function's time. */
const STEPS_PER_JOB = 20;

/**
 * The queued job: sends the lane's waiting lines in order, from the
 * transcript. Store failures meanwhile don't end the chain: the job queues its
 * next attempt and returns, so the queue's own retry limit never strands a
 * backlog.
 */
export async function drainBacklog(deps: CoreDeps, job: DrainJob): Promise<void> {
  try {
    await drain(deps, job);
  } catch (error) {
    if (error instanceof KojiError) throw error;
    deps.log.warn('drain_failed', { conversationId: job.lane.conversationId, attempt: job.attempt, reason: messageOf(error) });
    await deps.outbox.drainLater({ ...job, attempt: job.attempt + 1 }, retryDelaySeconds(job.attempt + 1));
  }
}

async function drain(deps: CoreDeps, job: DrainJob): Promise<void> {
  for (let step = 0; step < STEPS_PER_JOB; step += 1) {
    const lane = await readLane(deps, job.lane);
    if (!lane) return;
    const backlog = lane.backlog;
    if (step === 0 && job.start && backlog?.job !== job.token) {
      // Another job owns a backlog that lacks the line: it joins that one, which its job sends.
      if (await adopt(deps, lane, job, job.start)) continue;
      return;
    }
    if (!backlog || backlog.job !== job.token) return;
    const waiting = await waitingLines(deps, lane, backlog);
    const [head] = waiting;
    if (!head) {
      await deps.state.commit([lane.replace(undefined)]);
      continue;
    }
    if (deps.clock.now() - backlog.since >= RETRY_WINDOW_MS) {
      await giveUp(deps, lane, backlog, waiting);
      continue;
    }
    const outcome = await sendHead(deps, lane, backlog, head);
    if (outcome.kind === 'later') {
      await reschedule(deps, job, outcome);
      return;
    }
    if (outcome.kind === 'taken-out' || outcome.kind === 'stale') return;
  }
  await deps.outbox.drainLater({ ...job, attempt: 1, start: undefined }, 0);
}

/**
 * The relay could not write the backlog: this job does, with the line it
 * carries, or adds the line to the backlog another job works. True when this
 * job owns the backlog now.
 */
async function adopt(deps: CoreDeps, lane: Lane, job: DrainJob, start: NonNullable<DrainJob['start']>): Promise<boolean> {
  const current = lane.backlog;
  if (current) {
    if (!current.waiting.some((w) => w.id === start.line.id)) {
      await deps.state.commit([lane.replace({ ...current, waiting: withLine(current.waiting, start.line) })]);
    }
    return false;
  }
  const backlog: Backlog = { waiting: [start.line], since: deps.clock.now(), job: job.token, ...(start.uncertain ? { inFlight: start.line.id } : {}) };
  return deps.state.commit([lane.replace(backlog)]);
}

/** The listed lines, in transcript order; ids the transcript no longer has are dropped with the next write. */
async function waitingLines(deps: CoreDeps, lane: Pick<Lane, 'ref'>, backlog: Backlog): Promise<TranscriptLine[]> {
  const [first] = backlog.waiting;
  if (!first) return [];
  const ids = new Set(backlog.waiting.map((w) => w.id));
  const lines = await deps.transcripts.read(lane.ref.conversationId, { after: { at: first.at, id: '' } });
  return lines.filter((l) => ids.has(l.id)).sort(compareLines);
}

type Step =
  | { readonly kind: 'done' }
  | { readonly kind: 'later'; readonly retryAfterSeconds: number; readonly uncertain: boolean }
  | { readonly kind: 'taken-out' }
  | { readonly kind: 'stale' };

async function sendHead(deps: CoreDeps, lane: Lane, backlog: Backlog, head: TranscriptLine): Promise<Step> {
  if (backlog.inFlight === head.id) {
    // The last attempt may have arrived. Where the platform can tell, ask; where not, say so rather than send twice.
    const arrived = await deps.chat.delivered?.(lane.to, { conversationId: lane.ref.conversationId, lineId: head.id, since: head.at });
    if (arrived === true) return (await settle(deps, lane, head)) ? { kind: 'done' } : { kind: 'stale' };
    if (arrived === undefined) {
      await tellMayNotHaveArrived(deps, lane, head);
      return (await settle(deps, lane, head)) ? { kind: 'done' } : { kind: 'stale' };
    }
  } else if (!(await mark(deps, lane, head.id))) {
    return { kind: 'stale' };
  }
  try {
    await sendLine(deps, lane, head);
    return (await settle(deps, lane, head)) ? { kind: 'done' } : { kind: 'stale' };
  } catch (error) {
    if (error instanceof PartsNotDelivered) {
      await tellPartsNotDelivered(deps, lane, head, error);
      return (await settle(deps, lane, head)) ? { kind: 'done' } : { kind: 'stale' };
    }
    const failure = classify(error);
    switch (failure.kind) {
      case 'retry':
        deps.log.warn('relay_retrying', { conversationId: lane.ref.conversationId, reason: failure.reason });
        return { kind: 'later', retryAfterSeconds: failure.retryAfterSeconds, uncertain: failure.uncertain };
      case 'unreachable':
        if (await whenUnreachable(deps, lane.to, failure.error)) return { kind: 'taken-out' };
        await tellNotDelivered(deps, lane, [head]);
        return (await settle(deps, lane, head)) ? { kind: 'done' } : { kind: 'stale' };
      case 'refused':
        deps.log.warn('relay_not_delivered', { conversationId: lane.ref.conversationId, reason: failure.reason });
        await tellNotDelivered(deps, lane, [head]);
        return (await settle(deps, lane, head)) ? { kind: 'done' } : { kind: 'stale' };
    }
  }
}

/**
 * Applies `change` to the lane's backlog as it is now (re-read after a lost
 * race), as long as it still belongs to the same job. False: the backlog is
 * gone or another job owns it, and this one stops.
 */
async function update(deps: CoreDeps, first: Lane, change: (backlog: Backlog) => Backlog | undefined): Promise<boolean> {
  const token = first.backlog?.job;
  let lane: Lane | undefined = first;
  for (let round = 0; round < MAX_ROUNDS && lane?.backlog && lane.backlog.job === token; round += 1) {
    if (await deps.state.commit([lane.replace(change(lane.backlog))])) return true;
    lane = await readLane(deps, lane.ref);
  }
  return false;
}

/** Before a send: the mark that makes the next attempt check before sending again. */
function mark(deps: CoreDeps, lane: Lane, lineId: string): Promise<boolean> {
  return update(deps, lane, (b) => ({ ...b, inFlight: lineId }));
}

/**
 * The line is settled (sent, found, or its sender told): it leaves the list;
 * the backlog ends with the last one. What still waits gets a fresh window.
 */
function settle(deps: CoreDeps, lane: Lane, line: TranscriptLine): Promise<boolean> {
  return update(deps, lane, (b) => {
    const waiting = b.waiting.filter((w) => w.id !== line.id);
    if (waiting.length === 0) return undefined;
    const { inFlight: _done, ...rest } = b;
    return { ...rest, waiting, since: deps.clock.now() };
  });
}

/**
 * The next attempt, under a new token: a copy of this job that the queue
 * delivers again finds the backlog taken and stops, so retries never multiply.
 * A failure that certainly did not arrive takes the in-flight mark off.
 */
async function reschedule(deps: CoreDeps, job: DrainJob, step: Extract<Step, { kind: 'later' }>): Promise<void> {
  const lane = await readLane(deps, job.lane);
  if (!lane?.backlog || lane.backlog.job !== job.token) return;
  const token = newToken(deps, `${job.attempt + 1}`);
  const moved = await update(deps, lane, (b) => {
    const { inFlight, ...rest } = b;
    return { ...rest, job: token, ...(step.uncertain && inFlight ? { inFlight } : {}) };
  });
  if (moved) await deps.outbox.drainLater({ kind: 'drain', lane: job.lane, attempt: job.attempt + 1, token }, nextDelay(job.attempt + 1, step));
}

/** The retry window closed: the sender hears which messages did not get through, and the lane is free again. */
async function giveUp(deps: CoreDeps, lane: Lane, backlog: Backlog, waiting: readonly TranscriptLine[]): Promise<void> {
  deps.log.warn('relay_given_up', { conversationId: lane.ref.conversationId, messages: waiting.length, since: backlog.since });
  await tellWaiting(deps, lane, backlog, waiting, 'window');
  const given = new Set(waiting.map((l) => l.id));
  await update(deps, lane, (b) => {
    const rest = b.waiting.filter((w) => !given.has(w.id));
    if (rest.length === 0) return undefined;
    const { inFlight: _gone, ...kept } = b;
    return { ...kept, waiting: rest, since: deps.clock.now() };
  });
}

/** Why waiting messages will not be sent any more. */
export type DroppedBecause = 'window' | 'ended' | 'forwarded' | 'off-duty';

/**
 * Tells a sender which of their messages a backlog still held when it was
 * dropped (the retry window closed, the conversation ended, was forwarded, or
 * its operator went off duty). The first may have arrived if an attempt of it
 * was still in flight: it is named as such.
 */
export async function tellDroppedBacklog(deps: CoreDeps, side: SenderSide, backlog: Backlog, because: DroppedBecause): Promise<void> {
  const waiting = await waitingLines(deps, side, backlog);
  await tellWaiting(deps, side, backlog, waiting, because);
}

async function tellWaiting(deps: CoreDeps, side: SenderSide, backlog: Backlog, waiting: readonly TranscriptLine[], because: DroppedBecause): Promise<void> {
  const [head, ...rest] = waiting;
  if (!head) return;
  const uncertain = backlog.inFlight === head.id;
  if (uncertain) await tellMayNotHaveArrived(deps, side, head);
  const lost = uncertain ? rest : waiting;
  if (lost.length === 0) return;
  const texts = lost.map((l) => l.text);
  const text = because === 'window' ? relayFailures.notDelivered(side.recipientName, texts) : relayFailures.dropped(side.recipientName, texts, because);
  await notify(deps, side.sender, { kind: 'notice', text, conversationId: side.ref.conversationId });
}

async function tellNotDelivered(deps: CoreDeps, side: SenderSide, lines: readonly TranscriptLine[]): Promise<void> {
  const text = relayFailures.notDelivered(side.recipientName, lines.map((l) => l.text));
  await notify(deps, side.sender, { kind: 'notice', text, conversationId: side.ref.conversationId });
}

async function tellMayNotHaveArrived(deps: CoreDeps, side: SenderSide, line: TranscriptLine): Promise<void> {
  await notify(deps, side.sender, { kind: 'notice', text: relayFailures.mayNotHaveArrived(side.recipientName, [line.text]), conversationId: side.ref.conversationId });
}
