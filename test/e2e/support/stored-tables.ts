import type { LocalPlatform } from '../../../packages/forge-local/src/platform';

/**
 * Every row of the local platform's tables whose names pass `keep`, over both of its files (the
 * platform's own and the KVS's), as one string per table: for specs that look for a value anywhere.
 */
export function storedTables(platform: LocalPlatform, keep: (table: string) => boolean): string[] {
  return [platform.db, platform.kvsDb].flatMap((db) => {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as Array<{ name: string }>;
    return tables.filter(({ name }) => keep(name)).map(({ name }) => `${name}: ${JSON.stringify(db.prepare(`SELECT * FROM "${name}"`).all())}`);
  });
}
