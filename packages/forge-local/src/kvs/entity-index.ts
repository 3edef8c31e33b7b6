import type { Database, Statement } from 'better-sqlite3';

import type { EntitySchema } from './entity-definitions';
import { indexEntries, typeProblem } from './entity-values';
import type { IndexEntry } from './entity-values';
import { entityNamespace } from './item-store';
import type { ItemStore } from './item-store';

/** What the rows were built by; a database built by another layout is rebuilt on open. */
const LAYOUT = 2;

/**
 * Keeps `kvs_entity_rows` in step with entity writes; runs inside the caller's SQLite transaction.
 * A row is found by its whole key, computed from the value it was built from: the caller passes the
 * value an item replaces, so no second index by item is kept (every write would pay for it).
 */
export class EntityIndexTable {
  private readonly deleteRow: Statement<[string, string, string, string | number, string]>;
  private readonly insertRow: Statement<[string, string, string, string | number, string]>;

  constructor(private readonly db: Database) {
    this.deleteRow = db.prepare(
      'DELETE FROM kvs_entity_rows WHERE entity = ? AND index_name = ? AND partition_key = ? AND range_value = ? AND key = ?',
    );
    this.insertRow = db.prepare(
      'INSERT INTO kvs_entity_rows (entity, index_name, partition_key, range_value, key) VALUES (?, ?, ?, ?, ?)',
    );
  }

  /** Replaces the rows built from `replacedValue` (what the item held before, if anything) with `entries`. */
  replace(schema: EntitySchema, key: string, replacedValue: unknown, entries: readonly IndexEntry[]): void {
    const before = replacedValue === undefined ? [] : indexEntries(schema, wellTyped(schema, replacedValue));
    for (const entry of before) {
      if (!entries.some((kept) => sameEntry(kept, entry))) this.deleteRow.run(schema.name, entry.index, entry.partitionKey, entry.range, key);
    }
    for (const entry of entries) {
      if (!before.some((old) => sameEntry(old, entry))) this.insertRow.run(schema.name, entry.index, entry.partitionKey, entry.range, key);
    }
  }

  remove(schema: EntitySchema, key: string, replacedValue: unknown): void {
    this.replace(schema, key, replacedValue, []);
  }

  /**
   * Rebuilds every index row when the entity definitions differ from those the rows were built
   * from (an index added to manifest.yml must cover items written before). Values that no longer
   * fit the definitions are indexed on what still fits.
   */
  rebuildIfChanged(schemas: readonly EntitySchema[], items: ItemStore): void {
    const fingerprint = JSON.stringify(
      [LAYOUT, ...schemas.map((schema) => ({ name: schema.name, attributes: [...schema.attributes], indexes: [...schema.indexes.values()] }))],
    );
    const stored = this.db.prepare<[], { value: string }>("SELECT value FROM kvs_meta WHERE name = 'entity-definitions'").get();
    if (stored?.value === fingerprint) {
      return;
    }
    this.db.transaction(() => {
      this.db.exec('DELETE FROM kvs_entity_rows');
      for (const schema of schemas) {
        for (const item of items.everything(entityNamespace(schema.name))) {
          this.replace(schema, item.key, undefined, indexEntries(schema, wellTyped(schema, item.value)));
        }
      }
      this.db
        .prepare("INSERT INTO kvs_meta (name, value) VALUES ('entity-definitions', ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value")
        .run(fingerprint);
    })();
  }
}

function sameEntry(a: IndexEntry, b: IndexEntry): boolean {
  return a.index === b.index && a.partitionKey === b.partitionKey && a.range === b.range;
}

/** The attributes of a stored value that fit the definitions: what its index rows were built from. */
export function wellTyped(schema: EntitySchema, value: unknown): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return {};
  }
  const kept: Record<string, unknown> = {};
  for (const [attribute, attributeValue] of Object.entries(value as Record<string, unknown>)) {
    const type = schema.attributes.get(attribute);
    if (type !== undefined && typeProblem(type, attributeValue) === undefined) {
      kept[attribute] = attributeValue;
    }
  }
  return kept;
}
