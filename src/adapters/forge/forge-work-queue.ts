import { Queue } from '@forge/events';
import type { Outbox, WorkQueue } from '../../app/ports';
import type { OutgoingMessage } from '../../domain/outgoing-message';
import { participantKey, type Participant } from '../../domain/participant';
import type { WorkJob } from '../../app/work-job';

/** The queue named in manifest.yml (`consumer.queue`). */
export const WORK_QUEUE_KEY = 'chat-work';

/**
 * The async events queue. Forge delivers events in no particular order, so
 * jobs of one conversation share a concurrency key with limit 1: they run one
 * at a time, and the core's compare-and-set keeps the rest consistent.
 */
export class ForgeWorkQueue implements WorkQueue {
  private readonly queue = new Queue({ key: WORK_QUEUE_KEY });

  async push(job: WorkJob, orderingKey: string, delayInSeconds = 0): Promise<void> {
    await this.queue.push([
      { body: { ...job }, concurrency: { key: sanitizeKey(orderingKey), limit: 1 }, ...(delayInSeconds > 0 ? { delayInSeconds } : {}) },
    ]);
  }
}

/** Concurrency keys are short identifiers; conversation keys can hold any character. */
function sanitizeKey(key: string): string {
  return key.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 100);
}

/** Forge delays an event by at most 15 minutes. */
const MAX_DELAY_SECONDS = 900;

/** Sends a rate-limited message again once the platform's wait is over, through the same queue. */
export class ForgeOutbox implements Outbox {
  constructor(private readonly queue: WorkQueue = new ForgeWorkQueue()) {}

  async sendLater(to: Participant, message: OutgoingMessage, afterSeconds: number): Promise<void> {
    const delay = Math.min(Math.max(Math.ceil(afterSeconds), 1), MAX_DELAY_SECONDS);
    await this.queue.push({ kind: 'deliver', to, message }, participantKey(to), delay);
  }
}
