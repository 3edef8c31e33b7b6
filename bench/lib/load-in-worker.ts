import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { LoadResult, LoadSpec } from './load';

/**
 * Slack's side of P3 in a worker thread: signing and sending requests does not
 * take turns with the platform on one event loop (this machine has 2 cores).
 * The worker loads TypeScript through tsx, as `npm run bench` does.
 */
export function runLoadInWorker(spec: LoadSpec): Promise<LoadResult> {
  const entry = path.join(__dirname, 'load-worker.ts');
  const tsx = require.resolve('tsx/cjs/api');
  const bootstrap = `require(${JSON.stringify(tsx)}).register(); require(${JSON.stringify(entry)});`;
  return new Promise((resolve, reject) => {
    const worker = new Worker(bootstrap, { eval: true, workerData: spec });
    worker.once('message', (message: { ok: true; result: LoadResult } | { ok: false; error: string }) => {
      void worker.terminate();
      if (message.ok) resolve(message.result);
      else reject(new Error(`load worker failed: ${message.error}`));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`load worker exited with code ${code}`));
    });
  });
}
