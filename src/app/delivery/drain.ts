import type { Backlog } from '../../domain/conversation';
import { KojiError, messageOf } from '../../domain/koji-error';
import type { TranscriptLine } from '../../domain/transcript';
import type { CoreDeps } from '../ports';
import type { DrainJob } from './drain-job';
import { readLane, waitingLines, withLine, type Lane } from './lane';
import { tellMayNotHaveArrived, tellWaiting } from './notices';
import { onSendFailure } from './send-failure';
import { sendLine } from './send-line';
import { keepingCopies } from '../edits/relayed-copy';
import { MAX_ROUNDS, newToken, nextDelay, RETRY_WINDOW_MS, retryDelaySeconds } from './timing';

/**
 * The queued job that works a backlog (relay.ts starts it).
 *
 * The queue may deliver a job late, twice or out of order. A job trusts only
 * the record: it works the backlog only while the backlog names the job's
 * token (a reschedule swaps the token, so copies of an old job stop), marks
 * the line it is about to send (`inFlight`), and removes a line only once the
 * platform took it. A mark still there at the next attempt means the last one
 * may have arrived: the platform is asked (Slack: message metadata in the DM's
 * history) or, where it can't say (Teams), the sender hears it may not have
 * arrived, and it is not sent twice.
 */

/** How much one job does before handing on to the next, so it ends well inside a function's time. */
const STEPS_PER_JOB = 20;

/**
 * Sends the lane's waiting lines in order, from the transcript. Store failures
 * meanwhile don't end the chain: the job queues its next attempt and returns,
 * so the queue's own retry limit never strands a backlog.
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

type Step =
  | { readonly kind: 'done' }
  | { readonly kind: 'later'; readonly retryAfterSeconds: number; readonly uncertain: boolean }
  | { readonly kind: 'taken-out' }
  | { readonly kind: 'stale' };

async function sendHead(deps: CoreDeps, lane: Lane, backlog: Backlog, head: TranscriptLine): Promise<Step> {
  if (backlog.inFlight === head.id) {
    // The last attempt may have arrived. Where the platform can tell, ask; where not, say so rather than send twice.
    const arrived = await deps.chat.delivered?.(lane.to, { conversationId: lane.ref.conversationId, lineId: head.id, since: head.at });
    if (arrived === undefined) await tellMayNotHaveArrived(deps, lane, head);
    if (arrived !== false) return settled(deps, lane, head);
  } else if (!(await mark(deps, lane, head.id))) {
    return { kind: 'stale' };
  }
  try {
    await sendLine(deps, lane, head, keepingCopies(deps, lane.to, { conversationId: lane.ref.conversationId, keepDays: lane.keepDays }));
  } catch (error) {
    const failure = await onSendFailure(deps, lane, head, error);
    if (failure.kind === 'retry') return { kind: 'later', retryAfterSeconds: failure.retryAfterSeconds, uncertain: failure.uncertain };
    if (failure.kind === 'taken-out') return failure;
  }
  return settled(deps, lane, head);
}

async function settled(deps: CoreDeps, lane: Lane, line: TranscriptLine): Promise<Step> {
  return (await settle(deps, lane, line)) ? { kind: 'done' } : { kind: 'stale' };
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
