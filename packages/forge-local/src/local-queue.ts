import { randomUUID } from 'node:crypto';
import type { Database, Statement } from 'better-sqlite3';

/** One event as a Forge consumer receives it (see @forge/events `AsyncEvent`). */
export interface DeliveredEvent {
  readonly body: Record<string, unknown>;
  readonly queueName: string;
  readonly jobId: string;
  readonly eventId: string;
  readonly retryContext?: { readonly retryCount: number; readonly retryReason: string; readonly retryData: unknown };
}

export interface PushedEvent {
  readonly body: Record<string, unknown>;
  readonly delayInSeconds?: number;
  /** Forge runs at most `limit` events with the same `key` at a time. */
  readonly concurrency?: { readonly key: string; readonly limit: number };
}

/**
 * How events due together are handed out, for specs of code that must not rely on push order
 * (Forge's async events are unordered): `pushed` (default), `newest-first`, or `shuffled`
 * (with `seed`, the same order every run).
 */
export type QueueOrder = 'pushed' | 'newest-first' | 'shuffled';

export interface QueueSwitches {
  readonly order?: QueueOrder;
  /** Seed of the `shuffled` order. */
  readonly seed?: number;
  /** Deliver every event twice, the second once the first returned (Forge delivers at least once). */
  readonly redeliver?: boolean;
  /**
   * How much of a pushed delay is waited: 1 (default) as pushed; specs of retries use a small
   * fraction, so a 5-second backoff passes in milliseconds. The app's clock is not moved.
   */
  readonly delayScale?: number;
}

/**
 * Forge's push limits, as @forge/events@3.0.8 checks them (out/validators.js): 50 events and
 * 200 KB (of the events as JSON) per push, `delayInSeconds` 0 to 900. The messages are its own.
 */
export const PUSH_LIMITS = { maxEvents: 50, maxPayloadKb: 200, maxDelaySeconds: 900 } as const;

/** A push Forge would refuse; `status` is what the publish endpoint answers (413 for size, as Forge does). */
export class QueuePushRefused extends Error {
  constructor(
    readonly status: 400 | 413,
    message: string,
  ) {
    super(message);
    this.name = 'QueuePushRefused';
  }
}

/** Forge retries a failed consumer invocation; locally, a few quick tries are enough to show it. */
const MAX_ATTEMPTS = 3;
const RETRY_DELAY_MS = 250;
/** setTimeout's ceiling; a later due time is looked at again then. */
const MAX_TIMER_MS = 2 ** 31 - 1;

interface Row {
  seq: number;
  event_id: string;
  queue_name: string;
  job_id: string;
  body: string;
  due_at: number;
  attempt: number;
  concurrency_key: string | null;
  concurrency_limit: number | null;
}

/**
 * The async event queue, delivered in this process and kept in the platform's SQLite database:
 * each pushed event is a row with its due time until its consumer has returned, so a killed
 * `npm start` delivers on its next start what was pending (what is overdue at once). A
 * consumer that throws is retried a few times, then the event is given up (and logged).
 */
export class LocalQueue {
  private readonly running = new Map<string, Promise<void>>();
  /** Events running per concurrency key. */
  private readonly runningByKey = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private started = false;
  private closed = false;
  private switches: Required<Pick<QueueSwitches, 'order' | 'redeliver' | 'delayScale'>> & { seed: number };
  /** Prepared once: a busy run pushes and settles thousands of events. */
  private readonly sql: Record<'insert' | 'count' | 'countBy' | 'due' | 'next' | 'remove' | 'retry' | 'forward', Statement>;

  constructor(
    private readonly db: Database,
    private readonly deliver: (queueName: string, event: DeliveredEvent) => Promise<void>,
    private readonly onError: (queueName: string, error: unknown, attempt: number, givenUp: boolean) => void,
    switches: QueueSwitches = {},
  ) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS local_queue_event (
        seq INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT NOT NULL UNIQUE, queue_name TEXT NOT NULL,
        job_id TEXT NOT NULL, body TEXT NOT NULL, due_at INTEGER NOT NULL, attempt INTEGER NOT NULL);
      CREATE INDEX IF NOT EXISTS local_queue_event_due ON local_queue_event (due_at);
    `);
    // Data directories from before concurrency keys were kept get the columns; their events have none.
    const columns = db.prepare("SELECT name FROM pragma_table_info('local_queue_event')").all() as Array<{ name: string }>;
    if (!columns.some((c) => c.name === 'concurrency_key')) {
      db.exec('ALTER TABLE local_queue_event ADD COLUMN concurrency_key TEXT; ALTER TABLE local_queue_event ADD COLUMN concurrency_limit INTEGER;');
    }
    this.sql = {
      insert: db.prepare(
        'INSERT INTO local_queue_event (event_id, queue_name, job_id, body, due_at, attempt, concurrency_key, concurrency_limit) VALUES (?, ?, ?, ?, ?, 1, ?, ?)',
      ),
      count: db.prepare('SELECT COUNT(*) AS n FROM local_queue_event'),
      countBy: db.prepare('SELECT COUNT(*) AS n FROM local_queue_event WHERE due_at <= ?'),
      due: db.prepare('SELECT * FROM local_queue_event WHERE due_at <= ? ORDER BY due_at, seq'),
      next: db.prepare('SELECT MIN(due_at) AS at FROM local_queue_event WHERE due_at > ?'),
      remove: db.prepare('DELETE FROM local_queue_event WHERE event_id = ?'),
      retry: db.prepare('UPDATE local_queue_event SET attempt = ?, due_at = ? WHERE event_id = ?'),
      forward: db.prepare('UPDATE local_queue_event SET due_at = due_at - ?'),
    };
    this.switches = { order: 'pushed', redeliver: false, seed: 1, delayScale: 1 };
    this.configure(switches);
  }

  /** Changes the switches from now on (what is left out stays as it was). */
  configure(switches: QueueSwitches): void {
    this.switches = {
      order: switches.order ?? this.switches.order,
      redeliver: switches.redeliver ?? this.switches.redeliver,
      seed: switches.seed ?? this.switches.seed,
      delayScale: switches.delayScale ?? this.switches.delayScale,
    };
  }

  get currentSwitches(): QueueSwitches {
    return { ...this.switches };
  }

  /**
   * Starts delivering, including what an earlier run left pending. Separate from the
   * constructor because the consumers exist only once the app is loaded.
   */
  start(): void {
    this.started = true;
    this.wake();
  }

  /** Stores the events of one push, or refuses the whole push as Forge would. */
  publish(queueName: string, jobId: string, events: readonly PushedEvent[]): void {
    checkPush(events);
    const insert = this.sql.insert;
    const now = Date.now();
    this.db.transaction(() => {
      for (const event of events) {
        const due = now + Math.round((event.delayInSeconds ?? 0) * 1000 * this.switches.delayScale);
        insert.run(randomUUID(), queueName, jobId, JSON.stringify(event.body), due, event.concurrency?.key ?? null, event.concurrency?.limit ?? null);
      }
    })();
    this.wake();
  }

  /** How many events wait (or run) in the database. */
  pending(): number {
    if (!this.db.open) return 0;
    return (this.sql.count.get() as { n: number }).n;
  }

  /**
   * Resolves once every pushed event has been delivered or given up (tests and the benchmark wait on this).
   * `leavingLaterThanMs`: events due further ahead than that are left waiting (a timer the app set, like an
   * operator offer's expiry, that a spec brings forward with `bringForward` when it wants it to go off).
   */
  async drained(options: { readonly leavingLaterThanMs?: number } = {}): Promise<void> {
    const horizon = options.leavingLaterThanMs;
    const waiting = () => (horizon === undefined ? this.pending() : this.pendingBy(Date.now() + horizon));
    while (this.started && !this.closed && (this.running.size > 0 || waiting() > 0)) {
      await Promise.all([...this.running.values()]);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  /**
   * `seconds` pass for the queue at once: every waiting event comes that much sooner, and what is then due is
   * delivered (specs of delayed events; the app's clock is not moved).
   */
  bringForward(seconds: number): void {
    if (!this.db.open) return;
    this.sql.forward.run(Math.round(seconds * 1000));
    this.wake();
  }

  /** How many events are due by `at` (ms), or running. */
  private pendingBy(at: number): number {
    if (!this.db.open) return 0;
    return (this.sql.countBy.get(at) as { n: number }).n;
  }

  /** Stops the timer; rows stay, so whatever was pending or running is delivered on the next start. */
  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Delivers what is due and sets the timer for the next due time. */
  private wake(): void {
    if (!this.started || this.closed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const now = Date.now();
    const due = this.sql.due.all(now) as Row[];
    for (const row of this.ordered(due.filter((r) => !this.running.has(r.event_id)))) {
      // As on Forge: an event whose concurrency key is at its limit waits for one of those to finish.
      if (row.concurrency_key !== null && (this.runningByKey.get(row.concurrency_key) ?? 0) >= (row.concurrency_limit ?? 1)) continue;
      this.run(row);
    }
    const next = this.sql.next.get(now) as { at: number | null };
    if (next.at !== null) this.timer = setTimeout(() => this.wake(), Math.min(next.at - now, MAX_TIMER_MS));
  }

  private ordered(rows: Row[]): Row[] {
    if (this.switches.order === 'newest-first') return [...rows].sort((a, b) => b.seq - a.seq);
    if (this.switches.order === 'shuffled') return shuffle(rows, this.switches.seed);
    return rows;
  }

  private run(row: Row): void {
    const event: DeliveredEvent = {
      body: JSON.parse(row.body) as Record<string, unknown>,
      queueName: row.queue_name,
      jobId: row.job_id,
      eventId: row.event_id,
      ...(row.attempt > 1 ? { retryContext: { retryCount: row.attempt - 1, retryReason: 'FUNCTION_ERROR', retryData: null } } : {}),
    };
    const redeliver = this.switches.redeliver;
    const key = row.concurrency_key;
    if (key !== null) this.runningByKey.set(key, (this.runningByKey.get(key) ?? 0) + 1);
    const run = (async () => {
      try {
        await this.deliver(row.queue_name, event);
        if (redeliver) await this.deliver(row.queue_name, event);
        this.settle(row, undefined);
      } catch (error) {
        this.settle(row, error);
      }
    })().finally(() => {
      this.running.delete(row.event_id);
      if (key === null) return;
      const left = (this.runningByKey.get(key) ?? 1) - 1;
      if (left > 0) this.runningByKey.set(key, left);
      else this.runningByKey.delete(key);
      // An event of the same key may have been held back for this one.
      this.wake();
    });
    this.running.set(row.event_id, run);
  }

  /** After the consumer returned: the row goes, or waits for its retry, or is given up. */
  private settle(row: Row, error: unknown): void {
    const givenUp = error !== undefined && row.attempt >= MAX_ATTEMPTS;
    if (error !== undefined) this.onError(row.queue_name, error, row.attempt, givenUp);
    // Closed meanwhile: the row stays as it was, and the next start delivers the event again (at least once, as Forge).
    if (this.closed || !this.db.open) return;
    if (error === undefined || givenUp) {
      this.sql.remove.run(row.event_id);
      return;
    }
    this.sql.retry.run(row.attempt + 1, Date.now() + RETRY_DELAY_MS * row.attempt, row.event_id);
    // Only a retry moves a due time; a finished event changes nothing the timer waits for.
    this.wake();
  }
}

function checkPush(events: readonly PushedEvent[]): void {
  if (events.length === 0) throw new QueuePushRefused(400, 'No events pushed.');
  if (events.length > PUSH_LIMITS.maxEvents) throw new QueuePushRefused(400, `This push contains more than the ${PUSH_LIMITS.maxEvents} events allowed.`);
  for (const event of events) {
    if (typeof event !== 'object' || event === null || typeof event.body !== 'object' || event.body === null || Array.isArray(event.body)) {
      throw new QueuePushRefused(400, 'The event body must be an object.');
    }
    const delay = event.delayInSeconds;
    if (delay !== undefined && (typeof delay !== 'number' || !Number.isFinite(delay) || delay < 0 || delay > PUSH_LIMITS.maxDelaySeconds)) {
      throw new QueuePushRefused(400, `The delayInSeconds setting must be between 0 and ${PUSH_LIMITS.maxDelaySeconds}.`);
    }
  }
  if (Buffer.byteLength(JSON.stringify(events)) / 1024 > PUSH_LIMITS.maxPayloadKb) {
    throw new QueuePushRefused(413, `The maximum payload size is ${PUSH_LIMITS.maxPayloadKb}KB.`);
  }
}

/** A seeded Fisher–Yates shuffle (mulberry32), so a spec's "other order" is the same every run. */
function shuffle<T>(items: readonly T[], seed: number): T[] {
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
