import path from 'node:path';

import Database from 'better-sqlite3';

import type { EntityDefinition } from './entity-definitions';
import type { KvsAnswerer } from './kvs-remote';
import { KvsThread } from './kvs-thread';
import { LocalKvs, type KvsOperation } from './local-kvs';
import { prepareSchema } from './schema';

/** Where the KVS runs: on its own thread (as on Forge, where it is a service apart), or on the platform's. */
export type KvsThreading = 'worker' | 'main';

export interface KvsStoreOptions {
  /** A directory, or ':memory:' for a store that ends with the process (always on the platform's thread). */
  dataDir: string;
  /** The platform's own database in that directory, where platforms before kvs.sqlite kept the KVS tables. */
  platformDb: Database.Database;
  entities: readonly EntityDefinition[];
  now: () => number;
  onOperation: (operation: KvsOperation) => void;
  /** Defaults to 'worker' for a directory, 'main' for ':memory:'. */
  threading?: KvsThreading | undefined;
}

export interface KvsStore {
  readonly answerer: KvsAnswerer;
  /** A connection to the store's tables for looking (tests, bench checks): read-only when the store runs on its own thread. */
  readonly db: Database.Database;
  close(): Promise<void>;
}

const KVS_FILE = 'kvs.sqlite';

export async function openKvsStore(options: KvsStoreOptions): Promise<KvsStore> {
  const { dataDir, entities, now, onOperation } = options;
  const threading = options.threading ?? (dataDir === ':memory:' ? 'main' : 'worker');
  if (dataDir === ':memory:') {
    if (threading === 'worker') throw new Error('the KVS runs on its own thread only over a file: give the platform a data directory, not :memory:');
    return onThisThread(new Database(':memory:'), options);
  }
  const file = path.join(dataDir, KVS_FILE);
  moveTablesOfEarlierPlatforms(options.platformDb, file);
  if (threading === 'main') return onThisThread(new Database(file), options);
  const thread = await KvsThread.start({ file, entities, now, onOperation });
  const db = new Database(file, { readonly: true });
  return {
    answerer: thread,
    db,
    async close() {
      // The read-only connection first: the thread's, closing last, checkpoints and removes the WAL file.
      db.close();
      await thread.close();
    },
  };
}

function onThisThread(db: Database.Database, { entities, now, onOperation }: KvsStoreOptions): KvsStore {
  return {
    answerer: new LocalKvs(db, entities, { now, onOperation }),
    db,
    close() {
      db.close();
      return Promise.resolve();
    },
  };
}

/**
 * Before the KVS had a file of its own, its tables lived in the platform's koji.sqlite: their items
 * move into kvs.sqlite (the index rows are rebuilt there from them when the store opens), then the
 * old tables go. Run again after a crash half-way, it copies the same items again and finishes.
 */
function moveTablesOfEarlierPlatforms(platformDb: Database.Database, file: string): void {
  const hasOld = platformDb.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'kvs_items'").get() !== undefined;
  if (!hasOld) return;
  const target = new Database(file);
  try {
    prepareSchema(target);
    target.prepare('ATTACH DATABASE ? AS earlier').run(platformDb.name);
    target.transaction(() => {
      // IGNORE: what kvs.sqlite already holds is never older than the earlier platform's copy.
      target.exec('INSERT OR IGNORE INTO main.kvs_items (ns, key, value, created_at, updated_at, expires_at) SELECT ns, key, value, created_at, updated_at, expires_at FROM earlier.kvs_items');
      // Built again from the items, since the copied ones may be of an older layout.
      target.exec("DELETE FROM main.kvs_meta WHERE name = 'entity-definitions'");
    })();
    target.exec('DETACH DATABASE earlier');
  } finally {
    target.close();
  }
  platformDb.exec('DROP TABLE IF EXISTS kvs_entity_rows; DROP TABLE IF EXISTS kvs_entity_index; DROP TABLE IF EXISTS kvs_meta; DROP TABLE kvs_items;');
}
