import { isParticipant, participantKey, type Participant } from '../../domain/participant';
import type { Clock, Logger, WorkQueue } from '../ports';
import { eraseStep, isPersonDataState, PERSON_DATA_LIMITS, START, type PersonDataState } from './person-data';
import type { ErasureProgressStore, PersonRecords } from './person-records';

/** One step of a person's erasure, queued: the next step is queued by this one until nothing is left. */
export interface ErasePersonJob {
  readonly kind: 'erase-person';
  readonly projectId: string;
  readonly person: Participant;
  readonly state: PersonDataState;
}

export interface ErasureDeps {
  readonly records: PersonRecords;
  readonly progress: ErasureProgressStore;
  readonly workQueue: WorkQueue;
  readonly clock: Clock;
  readonly log: Logger;
}

/** Jobs of one person run one at a time (the queue's concurrency key), so two erasures of them never interleave. */
export function erasureOrderingKey(job: Pick<ErasePersonJob, 'projectId' | 'person'>): string {
  return `erase:${job.projectId}:${participantKey(job.person)}`;
}

/**
 * Starts erasing a person: marks it running (the backoffice shows it) and queues its first step. Starting again
 * while one runs queues another walk from the start, which finds only what the first has not erased yet.
 */
export async function startErasure(deps: ErasureDeps, projectId: string, person: Participant): Promise<void> {
  const now = deps.clock.now();
  await deps.progress.saveProgress(projectId, person, { status: 'running', startedAt: now, updatedAt: now, deleted: 0, anonymised: 0, steps: 0 });
  const job: ErasePersonJob = { kind: 'erase-person', projectId, person, state: START };
  await deps.workQueue.push(job, erasureOrderingKey(job));
}

/**
 * One queued step: erases what a bounded number of reads finds (PERSON_DATA_LIMITS), adds it to the progress,
 * and queues the next step unless everything is erased. A step that fails is retried by the queue: it reads the
 * heads again and deletes only what is still there.
 */
export async function runErasureStep(deps: ErasureDeps, job: ErasePersonJob, limits = PERSON_DATA_LIMITS): Promise<'done' | 'continued'> {
  const step = await eraseStep(deps.records, { projectId: job.projectId, person: job.person, now: deps.clock.now() }, job.state, limits);
  const before = await deps.progress.progress(job.projectId, job.person);
  const now = deps.clock.now();
  const done = step.state.phase === 'done';
  await deps.progress.saveProgress(job.projectId, job.person, {
    status: done ? 'done' : 'running',
    startedAt: before?.startedAt ?? now,
    updatedAt: now,
    deleted: (before?.deleted ?? 0) + step.deleted,
    anonymised: (before?.anonymised ?? 0) + step.anonymised,
    steps: (before?.steps ?? 0) + 1,
  });
  deps.log.info('erasure_step', { projectId: job.projectId, phase: step.state.phase, reads: step.reads, deleted: step.deleted, anonymised: step.anonymised });
  if (done) return 'done';
  const nextJob: ErasePersonJob = { ...job, state: step.state };
  await deps.workQueue.push(nextJob, erasureOrderingKey(nextJob));
  return 'continued';
}

export function isErasePersonJob(value: unknown): value is ErasePersonJob {
  const job = value as Partial<ErasePersonJob> | undefined;
  return typeof job === 'object' && job !== null && job.kind === 'erase-person' && typeof job.projectId === 'string' && /^\d{1,18}$/.test(job.projectId) && isParticipant(job.person) && isPersonDataState(job.state);
}
