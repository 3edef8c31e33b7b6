import type { TranscriptCursor } from '../../domain/conversation';
import type { LaneRef } from './lane';

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
