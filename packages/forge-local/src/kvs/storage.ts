import type { Database } from 'better-sqlite3';

import { EntityIndexTable } from './entity-index';
import { checkEntityValue, indexEntries } from './entity-values';
import { ItemStore } from './item-store';
import type { StoredItem } from './item-store';
import { validateValue } from './limits';
import type { CheckedValue } from './limits';
import type { EntityCatalog, Space } from './spaces';

/**
 * Item reads and writes for any space, with validation and entity index upkeep in one place.
 * Callers run these inside a SQLite transaction (LocalKvs does), so an item and its index rows
 * never disagree.
 */
export class KvsStorage {
  readonly items: ItemStore;
  private readonly index: EntityIndexTable;

  constructor(db: Database, now: () => number, catalog: EntityCatalog) {
    this.items = new ItemStore(db, now);
    this.index = new EntityIndexTable(db);
    this.index.rebuildIfChanged(catalog.schemas, this.items);
  }

  /** Size, depth and (for entities) attribute checks; throws a 400 KvsError. */
  checkValue(space: Space, key: string, value: unknown): CheckedValue {
    const checked = validateValue(value, space.maxValueBytes, `the value of ${space.describe(key)}`);
    if (space.entity) {
      checkEntityValue(space.entity, value);
    }
    return checked;
  }

  read(space: Space, key: string): StoredItem | undefined {
    return this.items.get(space.namespace, key);
  }

  write(space: Space, key: string, value: CheckedValue, expiresAtMs: number | null): { previous: StoredItem | undefined; current: StoredItem } {
    const { previous, current, replacedValue } = this.items.put(space.namespace, key, value, expiresAtMs);
    if (space.entity) {
      this.index.replace(space.entity, key, replacedValue, indexEntries(space.entity, value.value as Record<string, unknown>));
    }
    return { previous, current };
  }

  erase(space: Space, key: string): StoredItem | undefined {
    const { previous, replacedValue } = this.items.remove(space.namespace, key);
    if (space.entity) {
      this.index.remove(space.entity, key, replacedValue);
    }
    return previous;
  }
}
