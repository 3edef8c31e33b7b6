import type { Database, Statement } from 'better-sqlite3';

import { isLive } from './ttl';

/** The namespace of plain keys, of secrets, and of one custom entity's items. */
export const PLAIN_NAMESPACE = 'kv';
export const SECRET_NAMESPACE = 'secret';
export function entityNamespace(entityName: string): string {
  return `entity:${entityName}`;
}

export interface StoredItem {
  key: string;
  value: unknown;
  /** Epoch milliseconds. */
  createdAt: number;
  updatedAt: number;
  expiresAt: number | null;
}

interface ItemRow {
  key: string;
  value: string;
  created_at: number;
  updated_at: number;
  expires_at: number | null;
}

export function toStoredItem(row: ItemRow): StoredItem {
  return {
    key: row.key,
    value: JSON.parse(row.value) as unknown,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    expiresAt: row.expires_at,
  };
}

/**
 * Reads and writes items of any namespace. Only live (unexpired) items are ever returned;
 * an expired row is overwritten as if absent, and removed when deleted.
 */
export class ItemStore {
  private readonly selectItem: Statement<[string, string], ItemRow>;
  private readonly upsertItem: Statement<[string, string, string, number, number, number | null]>;
  private readonly deleteItem: Statement<[string, string]>;
  private readonly scanNamespace: Statement<[string, number, string, string, string, number], ItemRow>;
  private readonly allItems: Statement<[string], ItemRow>;

  constructor(
    db: Database,
    private readonly now: () => number,
  ) {
    this.selectItem = db.prepare('SELECT key, value, created_at, updated_at, expires_at FROM kvs_items WHERE ns = ? AND key = ?');
    this.upsertItem = db.prepare(`
      INSERT INTO kvs_items (ns, key, value, created_at, updated_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT (ns, key) DO UPDATE SET
        value = excluded.value, created_at = excluded.created_at,
        updated_at = excluded.updated_at, expires_at = excluded.expires_at`);
    this.deleteItem = db.prepare('DELETE FROM kvs_items WHERE ns = ? AND key = ?');
    // Keys in ascending (binary) order from a lower bound, below an upper bound, after a cursor key.
    this.scanNamespace = db.prepare(`
      SELECT key, value, created_at, updated_at, expires_at FROM kvs_items
      WHERE ns = ? AND (expires_at IS NULL OR expires_at > ?) AND key >= ? AND key < ? AND key > ?
      ORDER BY key LIMIT ?`);
    this.allItems = db.prepare('SELECT key, value, created_at, updated_at, expires_at FROM kvs_items WHERE ns = ?');
  }

  get(ns: string, key: string): StoredItem | undefined {
    const row = this.selectItem.get(ns, key);
    return row && isLive(row.expires_at, this.now()) ? toStoredItem(row) : undefined;
  }

  /**
   * Writes an item; returns the live item it replaced, if any, the new one, and the value of whatever row
   * it overwrote, expired or not (`replacedValue`, whose index rows the caller removes).
   */
  put(
    ns: string,
    key: string,
    value: { value: unknown; json: string },
    expiresAtMs: number | null,
  ): { previous: StoredItem | undefined; current: StoredItem; replacedValue: unknown } {
    const now = this.now();
    const { previous, replacedValue } = this.existing(ns, key, now);
    const createdAt = previous?.createdAt ?? now;
    this.upsertItem.run(ns, key, value.json, createdAt, now, expiresAtMs);
    return { previous, current: { key, value: value.value, createdAt, updatedAt: now, expiresAt: expiresAtMs }, replacedValue };
  }

  /** Deletes an item; returns the live item that was there, if any, and the value of the row deleted, expired or not. */
  remove(ns: string, key: string): { previous: StoredItem | undefined; replacedValue: unknown } {
    const existing = this.existing(ns, key, this.now());
    if (existing.replacedValue !== undefined) this.deleteItem.run(ns, key);
    return existing;
  }

  /** The row under a key read once: its value (expired or not) and, when live, the item. */
  private existing(ns: string, key: string, now: number): { previous: StoredItem | undefined; replacedValue: unknown } {
    const row = this.selectItem.get(ns, key);
    if (!row) return { previous: undefined, replacedValue: undefined };
    const item = toStoredItem(row);
    return { previous: isLive(row.expires_at, now) ? item : undefined, replacedValue: item.value };
  }

  /**
   * Live items with `fromKey <= key < toKey` and `key > afterKey`, in ascending key order.
   * Keys are compared as SQLite BINARY text (UTF-8 bytes), which for valid Forge keys
   * (ASCII only) is plain character order.
   */
  scan(ns: string, range: { fromKey: string; toKey: string; afterKey: string }, limit: number): StoredItem[] {
    return this.scanNamespace
      .all(ns, this.now(), range.fromKey, range.toKey, range.afterKey, limit)
      .map(toStoredItem);
  }

  /** Every row of a namespace, expired or not (for rebuilding indexes). */
  everything(ns: string): StoredItem[] {
    return this.allItems.all(ns).map(toStoredItem);
  }
}

/** An upper bound above every string that starts with `prefix`. */
export function prefixUpperBound(prefix: string): string {
  return `${prefix}\u{10FFFF}`;
}
