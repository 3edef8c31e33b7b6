import type { Backlog } from '../../domain/conversation';
import { KojiError, messageOf } from '../../domain/koji-error';
import { cursorOf, type TranscriptLine } from '../../domain/transcript';
import type { MessageOutcome } from '../conversation/incoming-message';
import type { CoreDeps } from '../ports';
import type { DrainJob } from './drain-job';
import { readLane, withLine, type Lane } from './lane';
import { tellNotDelivered } from './notices';
import { onSendFailure, type Retry } from './send-failure';
import { sendLine } from './send-line';
import { keepingCopies } from '../edits/relayed-copy';
import { relayFilesLater } from '../files/relay-files';
import { lineKept } from '../history/record-history';
import { MAX_ROUNDS, newToken, nextDelay, RETRY_WINDOW_MS } from './timing';

/**
 * Relayed messages reach the other side once, in order, or their sender is told.
 *
 * A send the platform fails for a passing reason (429, 5xx, a timeout, a reset,
 * the store failing while finding the recipient's chat) starts a backlog on
 * the record the relay already read for that direction: the user's conversation for
 * their words to the operator, the operator's assignment for theirs to the
 * user. The backlog lists the waiting lines by id; later messages in that
 * direction see it and join the list (a compare-and-set) instead of being
 * sent, so none overtakes one still waiting, and only listed lines are ever
 * sent from it. A queued job (`drainBacklog`, drain.ts) sends them from the
 * transcript in order, retrying with backoff for RETRY_WINDOW_MS; what is
 * still not through then is named to its sender.
 *
 * The happy path is untouched: no backlog, one send. Only the fault path costs
 * more (a write to start or join the backlog; the job's reads, about two
 * writes per attempt, and its sends).
 */

/** At most this many messages wait in one direction; one more is refused at once, with a notice. */
export const MAX_WAITING = 100;

/**
 * Relays a line already in the transcript, or, when a backlog is waiting,
 * joins it. What a failed send means: a passing failure starts the backlog; an
 * unreachable recipient is taken out (see unreachable.ts); any other refusal
 * is told to the sender, naming the message.
 */
export async function relayLine(deps: CoreDeps, lane: Lane, line: TranscriptLine): Promise<MessageOutcome> {
  const outcome = await relayWords(deps, lane, line);
  // Files go after the words, by a queued job (files/relay-files.ts); a line without any costs nothing more.
  await relayFilesLater(deps, lane, line);
  return outcome;
}

async function relayWords(deps: CoreDeps, lane: Lane, line: TranscriptLine): Promise<MessageOutcome> {
  if (lane.backlog) return join(deps, lane, line);
  try {
    await sendLine(deps, lane, line, keepingCopies(deps, lane.to, { conversationId: lane.ref.conversationId, keepDays: lane.keepDays }));
    return 'relayed';
  } catch (error) {
    const failure = await onSendFailure(deps, lane, line, error);
    return failure.kind === 'retry' ? startBacklog(deps, lane, line, failure) : 'relay-failed';
  }
}

/**
 * Writes a line the app composed for its sender (a saved reply) and relays it as their own words: the line,
 * created only if absent, is the dedupe record, and a retry that finds it only makes sure its backlog is served.
 */
export async function recordAndRelay(deps: CoreDeps, lane: Lane, line: TranscriptLine): Promise<MessageOutcome> {
  if ((await deps.transcripts.append(lane.ref.conversationId, line, lineKept(lane))) === 'duplicate') {
    await relayRetried(deps, lane);
    return 'duplicate';
  }
  return relayLine(deps, lane, line);
}

/**
 * A retried delivery whose line is already in the transcript: if its lane has a
 * backlog, make sure a job is on the way (the first attempt may have stopped
 * after starting the backlog and before queuing the job).
 */
export async function relayRetried(deps: CoreDeps, lane: Lane): Promise<void> {
  if (lane.backlog) await deps.outbox.drainLater({ kind: 'drain', lane: lane.ref, attempt: 1, token: lane.backlog.job }, 0);
}

async function startBacklog(deps: CoreDeps, first: Lane, line: TranscriptLine, failure: Retry): Promise<MessageOutcome> {
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
    const start: DrainJob['start'] = { line: cursorOf(line), uncertain: failure.uncertain };
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
    if (!lane.backlog) return relayWords(deps, lane, line);
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

/**
 * A live job ends a backlog within the retry window (it gives up then), so one
 * that outlived it by minutes lost its job (the queue could not take the
 * next one): the next message to join starts another.
 */
function abandoned(deps: CoreDeps, backlog: Backlog): boolean {
  return deps.clock.now() - backlog.since > RETRY_WINDOW_MS + 5 * 60_000;
}
