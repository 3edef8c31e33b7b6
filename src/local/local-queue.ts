import { randomUUID } from 'node:crypto';

/** One event as a Forge consumer receives it (see @forge/events `AsyncEvent`). */
export interface DeliveredEvent {
  readonly body: Record<string, unknown>;
  readonly queueName: string;
  readonly jobId: string;
  readonly eventId: string;
  readonly retryContext?: { readonly retryCount: number; readonly retryReason: string; readonly retryData: unknown };
}

interface PushedEvent {
  readonly body: Record<string, unknown>;
  readonly delayInSeconds?: number;
}

/** Forge retries a failed consumer invocation; locally, a few quick tries are enough to show it. */
const MAX_ATTEMPTS = 3;
const RETRY_DELAY_MS = 250;

/**
 * The async event queue, delivered in this process: each pushed event reaches
 * the queue's consumer after its delay, with the payload shape Forge uses, and
 * a consumer that throws is retried.
 */
export class LocalQueue {
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly running = new Set<Promise<void>>();
  private closed = false;

  constructor(
    private readonly deliver: (queueName: string, event: DeliveredEvent) => Promise<void>,
    private readonly onError: (queueName: string, error: unknown, attempt: number) => void,
  ) {}

  publish(queueName: string, jobId: string, events: readonly PushedEvent[]): void {
    for (const event of events) {
      const delivered: DeliveredEvent = { body: event.body, queueName, jobId, eventId: randomUUID() };
      this.schedule(queueName, delivered, (event.delayInSeconds ?? 0) * 1000, 1);
    }
  }

  /** Resolves once every pushed event has been delivered (tests and the benchmark wait on this). */
  async drained(): Promise<void> {
    while (this.timers.size > 0 || this.running.size > 0) {
      await Promise.all([...this.running]);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  close(): void {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private schedule(queueName: string, event: DeliveredEvent, delayMs: number, attempt: number): void {
    if (this.closed) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      const run = this.deliver(queueName, event)
        .catch((error: unknown) => {
          this.onError(queueName, error, attempt);
          if (attempt < MAX_ATTEMPTS) {
            const retry = { ...event, retryContext: { retryCount: attempt, retryReason: 'FUNCTION_ERROR', retryData: null } };
            this.schedule(queueName, retry, RETRY_DELAY_MS * attempt, attempt + 1);
          }
        })
        .finally(() => this.running.delete(run));
      this.running.add(run);
    }, delayMs);
    this.timers.add(timer);
  }
}
