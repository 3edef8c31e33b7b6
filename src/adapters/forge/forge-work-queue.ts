import { Queue } from '@forge/events';
import type { Outbox, WorkQueue } from '../../app/ports';
import type { OutgoingMessage } from '../../domain/outgoing-message';
import { participantKey, type Participant } from '../../domain/participant';
import type { DrainJob } from '../../app/delivery/drain-job';
import type { TicketJob } from '../../app/tickets/create-ticket';
import type { WorkJob } from '../../app/queue/work-job';
import type { OfferExpiryJob } from '../../app/offers/offer-expiry-job';
import type { FilesJob } from '../../app/files/relay-files';
import type { TicketFilesJob } from '../../app/files/ticket-files';

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

/**
 * Sends that continue later, through the same queue: a notice once the
 * platform's wait is over, a relay backlog keyed by its lane so two jobs of
 * one lane never run at once (the backlog's compare-and-set keeps them right
 * if they did).
 */
export class ForgeOutbox implements Outbox {
  constructor(private readonly queue: WorkQueue = new ForgeWorkQueue()) {}

  async sendLater(to: Participant, message: OutgoingMessage, afterSeconds: number, attempt = 1): Promise<void> {
    await this.queue.push({ kind: 'deliver', to, message, attempt }, participantKey(to), delaySeconds(afterSeconds, 1));
  }

  async drainLater(job: DrainJob, afterSeconds: number): Promise<void> {
    await this.queue.push(job, `${job.lane.direction}:${job.lane.conversationId}`, delaySeconds(afterSeconds, 0));
  }

  async ticketLater(job: TicketJob, afterSeconds = 0): Promise<void> {
    await this.queue.push(job, ticketJobKey(job), delaySeconds(afterSeconds, 0));
  }

  /** Keyed by the offered user, as their messages are not: an expiry never waits behind a relay. */
  async expireOfferLater(job: OfferExpiryJob, afterSeconds: number): Promise<void> {
    await this.queue.push(job, `offer:${participantKey(job.user)}`, delaySeconds(afterSeconds, 1));
  }

  /** Keyed by the sender and conversation (one sender's files go in the order they were shared), or by the ticket. */
  async filesLater(job: FilesJob | TicketFilesJob): Promise<void> {
    await this.queue.push(job, job.kind === 'ticket-files' ? `ticket-files:${job.ticketKey}` : `files:${participantKey(job.from)}:${job.conversationId}`);
  }
}

export function ticketJobKey(job: TicketJob): string {
  return `ticket:${job.conversationId}`;
}

function delaySeconds(seconds: number, least: number): number {
  return Math.min(Math.max(Math.ceil(seconds), least), MAX_DELAY_SECONDS);
}
