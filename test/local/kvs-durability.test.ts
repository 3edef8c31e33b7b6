import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import Database from 'better-sqlite3';
import { kvs } from '@forge/kvs';

import { loadEntityDefinitions } from '../../packages/forge-local/src/kvs';
import { FIXTURE_MANIFEST, startLocalKvs, TestClock } from './support/local-kvs-harness';

describe('local KVS: durability over a SQLite file', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'local-kvs-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('should keep keys, secrets, entities and TTLs across a close and reopen, in WAL mode', async () => {
    const file = path.join(dir, 'kvs.sqlite');
    const clock = new TestClock();
    const before = startLocalKvs({ file, clock });
    await kvs.set('settings', { enabled: true });
    await kvs.set('short-lived', 1, { ttl: { value: 1, unit: 'MINUTES' } });
    await kvs.setSecret('token', 'xoxb-1');
    await kvs.entity('ticket').set('t1', { queue: 'it', status: 'open', priority: 2 });
    const journalMode = before.db.pragma('journal_mode', { simple: true });
    before.close();

    clock.advance(2 * 60_000);
    const after = startLocalKvs({ file, clock });
    try {
      expect(journalMode).toBe('wal');
      await expect(kvs.get('settings')).resolves.toEqual({ enabled: true });
      await expect(kvs.get('short-lived')).resolves.toBeUndefined();
      await expect(kvs.getSecret('token')).resolves.toBe('xoxb-1');
      const page = await kvs.entity('ticket').query().index('by-queue-status-priority', { partition: ['it', 'open'] }).getMany();
      expect(page.results).toEqual([{ key: 't1', value: { queue: 'it', status: 'open', priority: 2 } }]);
    } finally {
      after.close();
    }
  });

  it('should index items written before an index was added to the manifest', async () => {
    const file = path.join(dir, 'kvs.sqlite');
    const withoutIndex = loadEntityDefinitions(FIXTURE_MANIFEST).map((definition) =>
      definition.name === 'ticket' ? { ...definition, indexes: ['priority'] } : definition,
    );
    const before = startLocalKvs({ file, entities: withoutIndex });
    await kvs.entity('ticket').set('t1', { queue: 'it', title: 'Printer', priority: 1 });
    before.close();

    const after = startLocalKvs({ file });
    try {
      const page = await kvs.entity('ticket').query().index('by-queue-title', { partition: ['it'] }).getMany();
      expect(page.results.map((result) => result.key)).toEqual(['t1']);
    } finally {
      after.close();
    }
  });

  it('should rebuild the index rows of a store written by the first layout (three B-trees of rows), and keep querying it', async () => {
    const file = path.join(dir, 'kvs.sqlite');
    const first = new Database(file);
    first.exec(`
      CREATE TABLE kvs_items (ns TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL, expires_at INTEGER, PRIMARY KEY (ns, key)) WITHOUT ROWID;
      CREATE TABLE kvs_entity_index (entity TEXT NOT NULL, index_name TEXT NOT NULL, partition_key TEXT NOT NULL, range_value,
        key TEXT NOT NULL, PRIMARY KEY (entity, index_name, key)) WITHOUT ROWID;
      CREATE INDEX kvs_entity_index_item ON kvs_entity_index (entity, key);
      CREATE TABLE kvs_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
    `);
    first.prepare("INSERT INTO kvs_items VALUES ('entity:ticket', 't1', ?, 1, 1, NULL)").run(JSON.stringify({ queue: 'it', status: 'open', priority: 2 }));
    first.prepare(`INSERT INTO kvs_entity_index VALUES ('ticket', 'by-queue-status-priority', '["it","open"]', 2, 't1')`).run();
    first.close();

    const reopened = startLocalKvs({ file });
    try {
      await kvs.entity('ticket').set('t1', { queue: 'it', status: 'closed', priority: 2 });
      const open = await kvs.entity('ticket').query().index('by-queue-status-priority', { partition: ['it', 'open'] }).getMany();
      const closed = await kvs.entity('ticket').query().index('by-queue-status-priority', { partition: ['it', 'closed'] }).getMany();
      const oldTable = reopened.db.prepare("SELECT name FROM sqlite_master WHERE name LIKE 'kvs_entity_index%'").all();

      expect(open.results).toEqual([]);
      expect(closed.results).toEqual([{ key: 't1', value: { queue: 'it', status: 'closed', priority: 2 } }]);
      expect(oldTable).toEqual([]);
    } finally {
      reopened.close();
    }
  });
});
