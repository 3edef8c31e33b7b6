import { parentPort, workerData } from 'node:worker_threads';

import Database from 'better-sqlite3';

import type { EntityDefinition } from './entity-definitions';
import { LocalKvs, type KvsOperation } from './local-kvs';
import type { KvsThreadReply, KvsThreadRequest } from './kvs-thread-protocol';

/**
 * The KVS store's own thread (see KvsThread): one connection to the store's file, answering the
 * app's requests in the order they come, each with the clock of the thread that sent it.
 */
interface Data {
  readonly file: string;
  readonly entities: readonly EntityDefinition[];
}

const { file, entities } = workerData as Data;
const port = parentPort!;
let now = Date.now();
let operation: KvsOperation | undefined;

let db: Database.Database | undefined;
let kvs: LocalKvs;
try {
  db = new Database(file);
  kvs = new LocalKvs(db, entities, { now: () => now, onOperation: (op) => (operation = op) });
  port.postMessage({ ready: true } satisfies KvsThreadReply);
} catch (error) {
  port.postMessage({ failed: String((error as Error)?.stack ?? error) } satisfies KvsThreadReply);
  process.exit(1);
}

port.on('message', (request: KvsThreadRequest) => {
  if ('stop' in request) {
    db?.close();
    port.close();
    return;
  }
  now = request.now;
  operation = undefined;
  try {
    const { status, json } = kvs.answer(request.path, request.text);
    port.postMessage({ id: request.id, status, json, operation } satisfies KvsThreadReply);
  } catch (error) {
    port.postMessage({ id: request.id, error: String((error as Error)?.stack ?? error) } satisfies KvsThreadReply);
  }
});
