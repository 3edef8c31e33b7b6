import type { Database, Statement } from 'better-sqlite3';

import type { EntitySchema } from './entity-definitions';
import { indexEntries, typeProblem } from './entity-values';
import type { IndexEntry } from './entity-values';
import { entityNamespace } from './item-store';
import type { ItemStore } from './item-store';

/** Keeps `kvs_entity_index` in step with entity writes; runs inside the caller's SQLite transaction. */
export class EntityIndexTable {
  private readonly deleteRows: Statement<[string, string]>;
  private readonly insertRow: Statement<[string, string, string, string | number, string]>;

  constructor(private readonly db: Database) {
    // Named: without statistics SQLite picks the scan index on `entity` alone, reading every row of the entity.
    this.deleteRows = db.prepare('DELETE FROM kvs_entity_index INDEXED BY kvs_entity_index_item WHERE entity = ? AND key = ?');
    this.insertRow = db.prepare(
      'INSERT INTO kvs_entity_index (entity, index_name, partition_key, range_value, key) VALUES (?, ?, ?, ?, ?)',
    );
  }

  replace(entity: string, key: string, entries: readonly IndexEntry[]): void {
    this.deleteRows.run(entity, key);
    for (const entry of entries) {
      this.insertRow.run(entity, entry.index, entry.partitionKey, entry.range, key);
    }
  }

  remove(entity: string, key: string): void {
    this.deleteRows.run(entity, key);
  }

  /**
   * Rebuilds every index row when the entity definitions differ from those the rows were built
   * from (an index added to manifest.yml must cover items written before). Values that no longer
   * fit the definitions are indexed on what still fits.
   */
  rebuildIfChanged(schemas: readonly EntitySchema[], items: ItemStore): void {
    const fingerprint = JSON.stringify(
      schemas.map((schema) => ({ name: schema.name, attributes: [...schema.attributes], indexes: [...schema.indexes.values()] })),
    );
    const stored = this.db.prepare<[], { value: string }>("SELECT value FROM kvs_meta WHERE name = 'entity-definitions'").get();
    if (stored?.value === fingerprint) {
      return;
    }
    this.db.transaction(() => {
      this.db.exec('DELETE FROM kvs_entity_index');
      for (const schema of schemas) {
        for (const item of items.everything(entityNamespace(schema.name))) {
          const attributes = wellTyped(schema, item.value);
          this.replace(schema.name, item.key, indexEntries(schema, attributes));
        }
      }
      this.db
        .prepare("INSERT INTO kvs_meta (name, value) VALUES ('entity-definitions', ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value")
        .run(fingerprint);
    })();
  }
}

function wellTyped(schema: EntitySchema, value: unknown): Record<string, unknown> {
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
