import type { Database } from 'better-sqlite3';

/**
 * The SQLite tables behind the emulator.
 *
 * - `kvs_items`: every stored item. `ns` separates plain keys ('kv'), secrets ('secret') and each
 *   custom entity ('entity:<name>'); times are epoch milliseconds; `expires_at` is NULL without TTL.
 * - `kvs_entity_index`: one row per (entity item, declared index) with the partition values
 *   (as JSON) and the range value extracted, so entity queries are SQL range scans; found by
 *   (entity, key) when an item is rewritten or deleted.
 * - `kvs_meta`: the entity definitions the index rows were built from, to rebuild them when
 *   manifest.yml changes.
 *
 * WAL mode lets a reader (a second `npm start` tool, a test) see committed data while one
 * connection writes; with `synchronous = NORMAL` a committed write survives a process crash.
 */
export function prepareSchema(db: Database): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.exec(`
    CREATE TABLE IF NOT EXISTS kvs_items (
      ns TEXT NOT NULL,
      key TEXT NOT NULL,
      value TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      expires_at INTEGER,
      PRIMARY KEY (ns, key)
    ) WITHOUT ROWID;

    CREATE TABLE IF NOT EXISTS kvs_entity_index (
      entity TEXT NOT NULL,
      index_name TEXT NOT NULL,
      partition_key TEXT NOT NULL,
      range_value,
      key TEXT NOT NULL,
      PRIMARY KEY (entity, index_name, key)
    ) WITHOUT ROWID;

    CREATE INDEX IF NOT EXISTS kvs_entity_index_scan
      ON kvs_entity_index (entity, index_name, partition_key, range_value, key);

    -- An entity write replaces its item's index rows by (entity, key): without this index that
    -- DELETE scans every index row of the entity, and each transcript line costs more than the last.
    CREATE INDEX IF NOT EXISTS kvs_entity_index_item
      ON kvs_entity_index (entity, key);

    CREATE TABLE IF NOT EXISTS kvs_meta (
      name TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) WITHOUT ROWID;
  `);
}
