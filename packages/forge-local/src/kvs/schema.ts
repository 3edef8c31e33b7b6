import type { Database } from 'better-sqlite3';

/**
 * The SQLite tables behind the emulator.
 *
 * - `kvs_items`: every stored item. `ns` separates plain keys ('kv'), secrets ('secret') and each
 *   custom entity ('entity:<name>'); times are epoch milliseconds; `expires_at` is NULL without TTL.
 * - `kvs_entity_rows`: one row per (entity item, declared index) with the partition values
 *   (as JSON) and the range value extracted, keyed in query order, so an entity query is one range
 *   scan of one B-tree. A rewrite or delete removes the rows of the value it replaces, by that key:
 *   a relayed line (three indexes) then writes three rows into one tree rather than nine into three.
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

    -- Layout 1 kept three B-trees of index rows (by item, by scan, by (entity, key)); every row written
    -- touched all three. Its rows are rebuilt into kvs_entity_rows (the fingerprint names the layout).
    DROP TABLE IF EXISTS kvs_entity_index;

    CREATE TABLE IF NOT EXISTS kvs_entity_rows (
      entity TEXT NOT NULL,
      index_name TEXT NOT NULL,
      partition_key TEXT NOT NULL,
      range_value,
      key TEXT NOT NULL,
      PRIMARY KEY (entity, index_name, partition_key, range_value, key)
    ) WITHOUT ROWID;

    CREATE TABLE IF NOT EXISTS kvs_meta (
      name TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) WITHOUT ROWID;
  `);
}
