import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { prepareSchema } from '../../../packages/forge-local/src/kvs/schema';

interface ReleaseFixture {
  readonly capturedAt: number;
  readonly rows: ReadonlyArray<{ ns: string; key: string; value: unknown; created_at: number; updated_at: number; expires_at: number | null }>;
}

const DAY = 86_400_000;

/**
 * A local platform data directory holding the KVS items of an earlier release, as that release stored them
 * (test/e2e/fixtures/*.json), every time in them moved by as long as has passed since they were captured:
 * the data is as fresh as on the day, so no conversation has timed out on a clock that went on.
 */
export function dataDirOfRelease(fixtureFile: string, now = Date.now()): string {
  const fixture = JSON.parse(readFileSync(fixtureFile, 'utf8')) as ReleaseFixture;
  const shift = now - fixture.capturedAt;
  const rebase = (value: unknown): unknown => {
    if (typeof value === 'number') return Number.isInteger(value) && value > fixture.capturedAt - 7 * DAY && value < fixture.capturedAt + 3 * 365 * DAY ? value + shift : value;
    if (Array.isArray(value)) return value.map(rebase);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rebase(v)]));
    return value;
  };
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'koji-release-'));
  const db = new Database(path.join(dataDir, 'koji.sqlite'));
  prepareSchema(db);
  const insert = db.prepare('INSERT INTO kvs_items (ns, key, value, created_at, updated_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)');
  for (const row of fixture.rows) {
    insert.run(row.ns, row.key, JSON.stringify(rebase(row.value)), row.created_at + shift, row.updated_at + shift, row.expires_at === null ? null : row.expires_at + shift);
  }
  db.close();
  return dataDir;
}
