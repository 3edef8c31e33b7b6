import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { FinishedInvocation } from '../../packages/forge-local/src/function-runner';
import { LocalQueue, QueuePushRefused, type DeliveredEvent, type PushedEvent, type QueueSwitches } from '../../packages/forge-local/src/local-queue';
import { startLocalPlatform } from '../../dev/koji-app';
import { stargateRemote } from '../../packages/forge-local/src/stargate-remote';
import { waitUntil } from '../support/eventually';

function refusal(run: () => void): QueuePushRefused {
  try {
    run();
  } catch (error) {
    if (error instanceof QueuePushRefused) return error;
    throw error;
  }
  throw new Error('expected the push to be refused');
}

describe('the local async-events queue', () => {
  let db: Database.Database;
  let delivered: DeliveredEvent[];
  let queue: LocalQueue;
  let consumer: (event: DeliveredEvent) => Promise<void>;
  const errors: Array<{ attempt: number; givenUp: boolean }> = [];

  function startQueue(switches: QueueSwitches = {}): LocalQueue {
    queue = new LocalQueue(
      db,
      (_name, event) => consumer(event),
      (_name, _error, attempt, givenUp) => errors.push({ attempt, givenUp }),
      switches,
    );
    queue.start();
    return queue;
  }
  const pushNumbered = (count: number) => queue.publish('q', 'job', Array.from({ length: count }, (_, n) => ({ body: { n } })));
  const order = () => delivered.map((e) => e.body['n']);

  beforeEach(() => {
    db = new Database(':memory:');
    delivered = [];
    errors.length = 0;
    consumer = async (event) => {
      delivered.push(event);
    };
  });
  afterEach(() => {
    queue.close();
    db.close();
  });

  it('should run at most `limit` events of one concurrency key at a time, as Forge does, and the rest after', async () => {
    startQueue();
    let running = 0;
    let most = 0;
    consumer = async (event) => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 10));
      delivered.push(event);
      running -= 1;
    };
    const concurrency = { key: 'conversation-1', limit: 1 };
    queue.publish('q', 'job', [0, 1, 2].map((n) => ({ body: { n }, concurrency })));
    queue.publish('q', 'job', [{ body: { n: 3 } }]);
    await queue.drained();

    expect(most).toBe(2); // the keyed ones one by one, the unkeyed one beside them
    expect(order().filter((n) => n !== 3)).toEqual([0, 1, 2]);
  });

  it('should deliver events due together in the order pushed, by default', async () => {
    startQueue();
    pushNumbered(4);
    await queue.drained();

    expect(order()).toEqual([0, 1, 2, 3]);
    expect(queue.pending()).toBe(0);
  });

  it('should deliver events due together newest first when reorder says so', async () => {
    startQueue({ order: 'newest-first' });
    pushNumbered(4);
    await queue.drained();

    expect(order()).toEqual([3, 2, 1, 0]);
  });

  it('should shuffle events due together the same way for the same seed', async () => {
    startQueue({ order: 'shuffled', seed: 7 });
    pushNumbered(8);
    await queue.drained();
    const first = order();
    delivered = [];
    pushNumbered(8);
    await queue.drained();

    expect(first).not.toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect([...first].sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(order()).toEqual(first);
  });

  it('should deliver every event twice when redeliver is on, the second after the first finished', async () => {
    const finished: string[] = [];
    consumer = async (event) => {
      delivered.push(event);
      await new Promise((resolve) => setTimeout(resolve, 20));
      finished.push(event.eventId);
    };
    startQueue({ redeliver: true });
    pushNumbered(1);
    await queue.drained();

    expect(delivered).toHaveLength(2);
    expect(delivered[1]?.eventId).toBe(delivered[0]?.eventId);
    expect(finished).toHaveLength(2);
  });

  it('should retry a consumer that throws, with Forge’s retry context, then give up after three attempts', async () => {
    consumer = async (event) => {
      delivered.push(event);
      throw new Error('consumer failed');
    };
    startQueue();
    pushNumbered(1);
    await queue.drained();

    expect(delivered.map((e) => e.retryContext?.retryCount ?? 0)).toEqual([0, 1, 2]);
    expect(errors).toEqual([
      { attempt: 1, givenUp: false },
      { attempt: 2, givenUp: false },
      { attempt: 3, givenUp: true },
    ]);
    expect(queue.pending()).toBe(0);
  });

  it('should keep an event’s row until its consumer has returned', async () => {
    let finish: () => void = () => undefined;
    consumer = (event) => {
      delivered.push(event);
      return new Promise<void>((resolve) => (finish = resolve));
    };
    startQueue();
    pushNumbered(1);
    await waitUntil(() => delivered.length > 0, 'the event to reach its consumer');

    expect(delivered).toHaveLength(1);
    expect(queue.pending()).toBe(1);
    finish();
    await queue.drained();
    expect(queue.pending()).toBe(0);
  });

  it('should keep delayed events when closed, for the next queue on the same database', async () => {
    startQueue();
    queue.publish('q', 'job', [{ body: { n: 'later' }, delayInSeconds: 1 }]);
    queue.close();

    startQueue();
    await queue.drained();

    expect(order()).toEqual(['later']);
  });

  it('should deliver a delayed event after its delay, not before', async () => {
    let deliveredAfterMs = -1;
    let published = 0;
    consumer = async (event) => {
      deliveredAfterMs = Date.now() - published;
      delivered.push(event);
    };
    startQueue();
    published = Date.now();
    queue.publish('q', 'job', [{ body: { n: 'expiry' }, delayInSeconds: 0.3 }]);

    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(order()).toEqual([]);
    await queue.drained();
    expect(order()).toEqual(['expiry']);
    // A timer may fire a millisecond early by Date.now()'s rounding; never a delay's worth early.
    expect(deliveredAfterMs).toBeGreaterThanOrEqual(299);
  });

  it('should let a wait leave events due later than asked, and deliver them once brought forward', async () => {
    startQueue();
    queue.publish('q', 'job', [{ body: { n: 'now' } }, { body: { n: 'in a minute' }, delayInSeconds: 60 }]);

    await queue.drained({ leavingLaterThanMs: 5_000 });
    expect(order()).toEqual(['now']);
    expect(queue.pending()).toBe(1);

    queue.bringForward(50);
    await queue.drained({ leavingLaterThanMs: 5_000 });
    expect(order()).toEqual(['now']);

    queue.bringForward(10);
    await queue.drained({ leavingLaterThanMs: 5_000 });
    expect(order()).toEqual(['now', 'in a minute']);
  });

  describe('Forge’s push limits', () => {
    beforeEach(() => startQueue());

    it('should refuse more than 50 events in one push', () => {
      const events: PushedEvent[] = Array.from({ length: 51 }, () => ({ body: {} }));

      expect(refusal(() => queue.publish('q', 'job', events))).toMatchObject({ status: 400, message: 'This push contains more than the 50 events allowed.' });
      expect(queue.pending()).toBe(0);
    });

    it('should refuse a push over 200 KB as too big', () => {
      const events = [{ body: { text: 'x'.repeat(201 * 1024) } }];

      expect(refusal(() => queue.publish('q', 'job', events))).toMatchObject({ status: 413, message: 'The maximum payload size is 200KB.' });
    });

    it.each([-1, 901])('should refuse a delayInSeconds of %d', (delayInSeconds) => {
      expect(refusal(() => queue.publish('q', 'job', [{ body: {}, delayInSeconds }]))).toMatchObject({
        status: 400,
        message: 'The delayInSeconds setting must be between 0 and 900.',
      });
    });

    it('should accept exactly 50 events delayed by 900 seconds', () => {
      queue.publish('q', 'job', Array.from({ length: 50 }, () => ({ body: {}, delayInSeconds: 900 })));

      expect(queue.pending()).toBe(50);
    });

    it('should answer a refused push on the publish endpoint as Forge does: 413 with errorMessage, else 400', async () => {
      const publish = stargateRemote({ webTriggerUrl: () => undefined, queue });
      const send = (payload: unknown[]) => publish('/webhook/queue/publish/x/y/z/1', { method: 'POST', body: JSON.stringify({ queueName: 'q', jobId: 'j', payload }) });

      const tooBig = await send([{ body: { text: 'x'.repeat(201 * 1024) } }]);
      const tooMany = await send(Array.from({ length: 51 }, () => ({ body: {} })));

      expect(tooBig.status).toBe(413);
      expect(await tooBig.json()).toEqual({ errorMessage: 'The maximum payload size is 200KB.' });
      expect(tooMany.status).toBe(400);
    });
  });
});

describe('the local queue across a restart of the platform', () => {
  let dataDir: string;

  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'koji-queue-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('should deliver after a restart on the same data directory an event that was pending when the platform stopped', async () => {
    const first = await startLocalPlatform({ port: 0, dataDir });
    const queueName = first.manifest.consumers[0]!.queue;
    first.queue.publish(queueName, 'job-1', [{ body: { kind: 'handle-message' }, delayInSeconds: 1 }]);
    // Like a kill: nothing drained, nothing delivered.
    await first.close();

    const invocations: FinishedInvocation[] = [];
    const second = await startLocalPlatform({ port: 0, dataDir, onInvocation: (i) => invocations.push(i) });
    try {
      expect(second.queue.pending()).toBe(1);
      await second.queue.drained();

      expect(invocations.filter((i) => i.functionKey === 'chat-consumer')).toHaveLength(1);
      expect(second.queue.pending()).toBe(0);
    } finally {
      await second.close();
    }
  });
});
