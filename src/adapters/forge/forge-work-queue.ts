import { Queue } from '@forge/events';
import type { WorkQueue } from '../../app/ports';
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

  async push(job: WorkJob, orderingKey: string): Promise<void> {
    await this.queue.push([{ body: { ...job }, concurrency: { key: sanitizeKey(orderingKey), limit: 1 } }]);
  }
}

/** Concurrency keys are short identifiers; conversation keys can hold any character. */
function sanitizeKey(key: string): string {
  return key.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 100);
}
