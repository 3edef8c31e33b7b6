import { parentPort, workerData } from 'node:worker_threads';
import { runLoad, type LoadSpec } from './load';

/** Runs one load run in a worker thread, off the event loop of the platform under test. */
runLoad(workerData as LoadSpec).then(
  (result) => parentPort?.postMessage({ ok: true, result }),
  (error: unknown) => parentPort?.postMessage({ ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
);
