import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

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
});
