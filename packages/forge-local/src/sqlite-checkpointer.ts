import { Worker } from 'node:worker_threads';
import type { Database } from 'better-sqlite3';

/**
 * WAL checkpoints off the app's thread. SQLite copies the write-ahead log back
 * into the database when it passes 1,000 pages, inside whichever COMMIT crosses
 * that line: with better-sqlite3 being synchronous, that commit then holds the
 * whole platform (web triggers, the app, the sandboxes) for 5–30 ms, which on a
 * busy local platform is most of a relay's 99th percentile. On Forge the KVS
 * service keeps its storage on its own time, never in the app's function; here a
 * worker thread with its own connection runs a PASSIVE checkpoint (which never
 * blocks a writer or a reader) a few times a second, and the app's connection
 * checkpoints by itself only past a far larger log, should the worker stop.
 */
export interface Checkpointer {
  stop(): Promise<void>;
}

const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 50');
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch { /* busy: the next tick tries again */ }
}, workerData.intervalMs);
parentPort.once('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/** The app connection's own threshold while the worker runs (pages of 4 KB: about 80 MB of log). */
const FALLBACK_PAGES = 20_000;

export function checkpointOffThread(db: Database, intervalMs = 250): Checkpointer | undefined {
  if (db.memory) return undefined;
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file: db.name, driver: require.resolve('better-sqlite3'), intervalMs } });
  // Never what keeps a process alive: a platform that is not closed still lets its process end.
  worker.unref();
  db.pragma(`wal_autocheckpoint = ${FALLBACK_PAGES}`);
  let stopped = false;
  const restore = () => {
    if (!stopped && db.open) db.pragma('wal_autocheckpoint = 1000');
  };
  worker.once('error', restore);
  worker.once('exit', restore);
  return {
    async stop() {
      if (stopped) return;
      stopped = true;
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      // Held again while it stops: awaiting an unreferenced worker's exit would let a process with nothing else
      // to do end right here, the awaiting code never run.
      worker.ref();
      worker.postMessage('stop');
      await exited;
      if (db.open) db.pragma('wal_autocheckpoint = 1000');
    },
  };
}
