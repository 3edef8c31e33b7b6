import { Worker } from 'node:worker_threads';
import path from 'node:path';

import type { EntityDefinition } from './entity-definitions';
import type { KvsAnswerer } from './kvs-remote';
import type { KvsOperation, KvsWireAnswer } from './local-kvs';
import type { KvsThreadReply, KvsThreadRequest } from './kvs-thread-protocol';

export interface KvsThreadOptions {
  /** The store's SQLite file (the thread opens its own connection; WAL lets others read it meanwhile). */
  file: string;
  entities: readonly EntityDefinition[];
  /** Epoch milliseconds, read on this thread and sent with each request (tests move it by hand). */
  now: () => number;
  /** Called on this thread, in the calling invocation's async context, once the request is answered. */
  onOperation?: (operation: KvsOperation) => void;
}

// The thread runs the store's TypeScript sources as they are: tsx compiles them, as it does the platform's.
const BOOT = `
const { workerData } = require('node:worker_threads');
require(workerData.tsx).register();
require(workerData.body);
`;

type Answered = Extract<KvsThreadReply, { status: number }>;

interface Pending {
  resolve(answer: Answered): void;
  reject(error: Error): void;
}

/**
 * The local KVS on its own thread. On Forge the KVS is a service apart from the function: its
 * storage work never runs on the app's thread. Here a worker thread plays that part, so SQLite's
 * parsing, indexing and commits overlap the app's own work instead of stopping it, as they would
 * on Forge. Requests are answered in the order sent, one at a time, each atomic.
 */
export class KvsThread implements KvsAnswerer {
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private stopped: Error | undefined;
  private closing = false;

  private constructor(
    private readonly worker: Worker,
    private readonly options: KvsThreadOptions,
  ) {
    worker.on('message', (reply: KvsThreadReply) => this.settle(reply));
    const fail = (why: string) => {
      // Said once, where the developer looks: otherwise every later KVS call fails with no word of why.
      if (!this.closing && !this.stopped) console.error(`the local KVS thread stopped (${why}): every KVS call now fails; restart the platform`);
      this.failAll(new Error(`the local KVS thread stopped: ${why}`));
    };
    worker.on('error', (error) => fail(error.message));
    worker.on('exit', (code) => fail(`it exited with code ${code}`));
    // Idle, the thread never keeps a process alive; answer() holds it while a request is out.
    worker.unref();
  }

  /** Starts the thread; resolves once its store is open, or rejects with why it could not open it. */
  static start(options: KvsThreadOptions): Promise<KvsThread> {
    const worker = new Worker(BOOT, {
      eval: true,
      execArgv: [],
      workerData: {
        tsx: require.resolve('tsx/cjs/api'),
        body: path.join(__dirname, 'kvs-thread-body.ts'),
        file: options.file,
        entities: options.entities,
      },
    });
    return new Promise<KvsThread>((resolve, reject) => {
      const early = (error: Error) => reject(new Error(`the local KVS thread could not start: ${error.message}`));
      // Without this a thread that ends before it says ready (its failure message lost with it) would leave the platform waiting forever.
      const ended = (code: number) => reject(new Error(`the local KVS thread exited with code ${code} before its store was open (${options.file})`));
      worker.once('error', early);
      worker.once('exit', ended);
      worker.once('message', (reply: KvsThreadReply) => {
        worker.off('error', early);
        worker.off('exit', ended);
        if ('ready' in reply) resolve(new KvsThread(worker, options));
        else reject(new Error(`the local KVS thread could not open ${options.file}: ${'failed' in reply ? reply.failed : 'no answer'}`));
      });
    });
  }

  async answer(path: string, text: string): Promise<KvsWireAnswer> {
    if (this.stopped) throw this.stopped;
    const id = this.nextId++;
    if (this.pending.size === 0) this.worker.ref();
    const reply = await new Promise<Answered>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, path, text, now: this.options.now() } satisfies KvsThreadRequest);
    });
    // Here, not where the reply arrives: this continuation runs in the calling invocation's context, which the counters need.
    if (reply.operation) this.options.onOperation?.(reply.operation);
    return { status: reply.status, json: reply.json };
  }

  /** Answers what was sent, then closes the store and ends the thread. */
  async close(): Promise<void> {
    if (this.stopped) return;
    this.closing = true;
    const exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    this.worker.ref();
    this.worker.postMessage({ stop: true } satisfies KvsThreadRequest);
    await exited;
  }

  private settle(reply: KvsThreadReply): void {
    if (!('id' in reply)) return;
    const waiting = this.pending.get(reply.id);
    if (!waiting) return;
    this.pending.delete(reply.id);
    if (this.pending.size === 0) this.worker.unref();
    if ('error' in reply) {
      waiting.reject(new Error(`the local KVS failed: ${reply.error}`));
      return;
    }
    waiting.resolve(reply);
  }

  private failAll(error: Error): void {
    this.stopped ??= error;
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }
}
