import type { Database, Transaction } from 'better-sqlite3';

import { batchDelete, batchGet, batchSet } from './batch-operations';
import type { EntityDefinition } from './entity-definitions';
import { EntityQueries } from './entity-query';
import { KvsError } from './errors';
import { deleteItem, getItem, setItem } from './key-operations';
import type { KvsContext, KvsResult } from './operation';
import { queryPlainKeys } from './plain-query';
import { prepareSchema } from './schema';
import { secretSpace } from './secrets';
import { EntityCatalog, plainSpace } from './spaces';
import { KvsStorage } from './storage';
import { executeTransaction } from './transactions';
import { asBody } from './wire';

export { kvsRemote } from './kvs-remote';

/**
 * One request as the operation counters see it. Reads are counted with the size of the JSON
 * answer, writes with the size of the values written (a transaction is ONE write, with the sum
 * of its values), mirroring how Forge meters KVS reads and writes.
 */
export interface KvsOperation {
  kind: 'read' | 'write';
  path: string;
  bytes: number;
  status: number;
  /** The stand-in's own time on this request (not billed: the bench subtracts it from the app's CPU). */
  micros: number;
}

export interface LocalKvsOptions {
  /** Epoch milliseconds; TTL and metadata use it. */
  now: () => number;
  onOperation?: (operation: KvsOperation) => void;
}

/** An answer as it goes on the wire: the status and the JSON text, undefined for an empty body. */
export interface KvsWireAnswer {
  status: number;
  json: string | undefined;
}

/** An answer in HTTP terms; `body` undefined means an empty body. */
export interface KvsResponse {
  status: number;
  body: unknown;
  /** `body` as JSON, when this answer was already serialised (to count a read's bytes). */
  json?: string | undefined;
}

/** The KVS paths that read: known without a store, so a platform whose store runs on another thread can time and count them. */
const READ_PATHS: ReadonlySet<string> = new Set(['/api/v1/get', '/api/v1/query', '/api/v1/batch/get', '/api/v1/secret/get', '/api/v1/entity/get', '/api/v1/entity/query']);

/** Whether a KVS path reads (for the invocation's timers); an unknown path counts as a write. */
export function isKvsRead(path: string): boolean {
  return READ_PATHS.has(path);
}

interface Route {
  kind: KvsOperation['kind'];
  run: (ctx: KvsContext, body: unknown) => KvsResult;
}

/**
 * A SQLite-backed emulator of the Forge KVS API that @forge/kvs@1.6.5 calls
 * (POST JSON to /api/v1/...). Each request runs in one SQLite transaction, so a request is
 * atomic and, since better-sqlite3 is synchronous, requests never interleave.
 *
 * Over a file database the data survives restarts: `new LocalKvs(new Database(file), …)`.
 */
export class LocalKvs {
  private readonly ctx: KvsContext;
  private readonly routes: Record<string, Route>;
  /** Made once: better-sqlite3 builds four wrappers per `transaction()`, which every request would pay for. */
  private readonly transaction: Transaction<(route: Route, body: unknown) => KvsResult>;

  constructor(
    db: Database,
    entities: readonly EntityDefinition[],
    private readonly options: LocalKvsOptions,
  ) {
    prepareSchema(db);
    this.transaction = db.transaction((route: Route, body: unknown) => route.run(this.ctx, body));
    const catalog = new EntityCatalog(entities);
    this.ctx = { storage: new KvsStorage(db, options.now, catalog), catalog, now: options.now };
    const entityQueries = new EntityQueries(db);
    const read = (run: Route['run']): Route => ({ kind: 'read', run });
    const write = (run: Route['run']): Route => ({ kind: 'write', run });
    const entity = (body: unknown) => catalog.entity(asBody(body, 'request').entityName);
    this.routes = {
      '/api/v1/get': read((ctx, body) => getItem(ctx, plainSpace, asBody(body, 'get request'))),
      '/api/v1/set': write((ctx, body) => setItem(ctx, plainSpace, asBody(body, 'set request'))),
      '/api/v1/delete': write((ctx, body) => deleteItem(ctx, plainSpace, asBody(body, 'delete request'))),
      '/api/v1/query': read((ctx, body) => queryPlainKeys(ctx, body)),
      '/api/v1/batch/get': read((ctx, body) => batchGet(ctx, body)),
      '/api/v1/batch/set': write((ctx, body) => batchSet(ctx, body)),
      '/api/v1/batch/delete': write((ctx, body) => batchDelete(ctx, body)),
      '/api/v1/secret/get': read((ctx, body) => getItem(ctx, secretSpace, asBody(body, 'secret get request'))),
      '/api/v1/secret/set': write((ctx, body) => setItem(ctx, secretSpace, asBody(body, 'secret set request'))),
      '/api/v1/secret/delete': write((ctx, body) => deleteItem(ctx, secretSpace, asBody(body, 'secret delete request'))),
      '/api/v1/entity/get': read((ctx, body) => getItem(ctx, entity(body), asBody(body, 'entity get request'))),
      '/api/v1/entity/set': write((ctx, body) => setItem(ctx, entity(body), asBody(body, 'entity set request'))),
      '/api/v1/entity/delete': write((ctx, body) => deleteItem(ctx, entity(body), asBody(body, 'entity delete request'))),
      '/api/v1/entity/query': read((ctx, body) => entityQueries.run(ctx, body)),
      '/api/v1/transaction': write((ctx, body) => executeTransaction(ctx, body)),
    };
    for (const [path, route] of Object.entries(this.routes)) {
      if ((route.kind === 'read') !== isKvsRead(path)) throw new Error(`the KVS route ${path} is a ${route.kind} but READ_PATHS says otherwise`);
    }
  }

  /** Answers one KVS request as the SDK sent it: its path and its JSON body text. */
  answer(path: string, text: string): KvsWireAnswer {
    let body: unknown;
    try {
      body = JSON.parse(text) as unknown;
    } catch (error) {
      return { status: 400, json: JSON.stringify({ code: 'BAD_REQUEST', message: `the request body is not JSON: ${(error as Error).message}` }) };
    }
    const { status, body: answered, json } = this.handle(path, body);
    return { status, json: answered === undefined ? undefined : (json ?? JSON.stringify(answered)) };
  }

  /** Answers one KVS request: the path as @forge/kvs passes it, and the parsed JSON body. */
  handle(path: string, body: unknown): KvsResponse {
    const started = performance.now();
    const route = Object.prototype.hasOwnProperty.call(this.routes, path) ? this.routes[path] : undefined;
    if (!route) {
      return {
        status: 404,
        body: {
          code: 'NOT_FOUND',
          message: `the local KVS has no operation ${path}; it serves ${Object.keys(this.routes).join(', ')}`,
        },
      };
    }
    const result = this.run(route, body);
    // Serialised once, for the read's byte count and for the wire.
    const json = result.body === undefined ? undefined : JSON.stringify(result.body);
    this.options.onOperation?.({
      kind: route.kind,
      path,
      bytes: route.kind === 'read' ? (json === undefined ? 0 : Buffer.byteLength(json, 'utf8')) : result.writtenBytes,
      status: result.status,
      micros: (performance.now() - started) * 1000,
    });
    return { status: result.status, body: result.body, json };
  }

  private run(route: Route, body: unknown): KvsResult {
    try {
      // IMMEDIATE takes the write lock up front, so two processes sharing the file cannot
      // deadlock upgrading read locks.
      return route.kind === 'write' ? this.transaction.immediate(route, body) : this.transaction.deferred(route, body);
    } catch (error) {
      if (error instanceof KvsError) {
        return { status: error.status, body: error.toBody(), writtenBytes: 0 };
      }
      throw error;
    }
  }
}
