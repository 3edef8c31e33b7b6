import { AsyncLocalStorage } from 'node:async_hooks';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import Database from 'better-sqlite3';
import { kvs } from '@forge/kvs';

import { installForgeGlobals } from '../../packages/forge-local/src/forge-globals';
import { KvsThread, kvsRemote, loadEntityDefinitions, openKvsStore, type KvsOperation } from '../../packages/forge-local/src/kvs';
import { prepareSchema } from '../../packages/forge-local/src/kvs/schema';
import { FIXTURE_MANIFEST, kvsErrorOf, TEST_APP_CONTEXT, TestClock } from './support/local-kvs-harness';

/**
 * The local KVS can run on a thread of its own, as Forge's KVS is a service apart from the function:
 * the real @forge/kvs talks to it through the Forge globals, and sees the same store it would see on
 * the platform's thread.
 */
describe('the local KVS on its own thread', () => {
  const entities = loadEntityDefinitions(FIXTURE_MANIFEST);
  let dir: string;
  let thread: KvsThread | undefined;
  let uninstall: (() => void) | undefined;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'kvs-thread-'));
  });
  afterEach(async () => {
    uninstall?.();
    await thread?.close();
    thread = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  async function start(options: { clock?: TestClock; onOperation?: (operation: KvsOperation) => void } = {}): Promise<KvsThread> {
    const clock = options.clock ?? new TestClock();
    thread = await KvsThread.start({ file: path.join(dir, 'kvs.sqlite'), entities, now: clock.now, onOperation: options.onOperation });
    uninstall = installForgeGlobals({ remotes: { kvs: kvsRemote(thread) }, appContext: TEST_APP_CONTEXT, contextAri: 'ari:cloud:jira::site/local' });
    return thread;
  }

  it('should answer keys, secrets and entity queries as the store on the platform’s thread does', async () => {
    await start();

    await kvs.set('settings', { enabled: true });
    await kvs.setSecret('token', 'xoxb-1');
    await kvs.entity('ticket').set('t1', { queue: 'it', status: 'open', priority: 2 });

    await expect(kvs.get('settings')).resolves.toEqual({ enabled: true });
    await expect(kvs.getSecret('token')).resolves.toBe('xoxb-1');
    const page = await kvs.entity('ticket').query().index('by-queue-status-priority', { partition: ['it', 'open'] }).getMany();
    expect(page.results).toEqual([{ key: 't1', value: { queue: 'it', status: 'open', priority: 2 } }]);
  });

  it('should apply requests in the order they were sent, though none was awaited before the next', async () => {
    await start();

    await Promise.all(Array.from({ length: 50 }, (_, i) => kvs.set('counter', i)));

    await expect(kvs.get('counter')).resolves.toBe(49);
  });

  it('should refuse a bad request with the same error the KVS gives, and go on answering', async () => {
    await start();

    const error = await kvsErrorOf(kvs.set('x'.repeat(501), 1));

    expect(error.code).toBe('INVALID_KEY');
    await kvs.set('after', 1);
    await expect(kvs.get('after')).resolves.toBe(1);
  });

  it('should expire items by the clock of the thread that sent the request (a test’s clock moves it)', async () => {
    const clock = new TestClock();
    await start({ clock });
    await kvs.set('dedupe:Ev1', true, { ttl: { value: 30, unit: 'SECONDS' } });

    clock.advance(29_000);
    await expect(kvs.get('dedupe:Ev1')).resolves.toBe(true);
    clock.advance(2_000);
    await expect(kvs.get('dedupe:Ev1')).resolves.toBeUndefined();
  });

  it('should credit each operation to the invocation that made it, though both ran at once', async () => {
    const invocation = new AsyncLocalStorage<string>();
    const seen: Array<{ by: string | undefined; kind: string }> = [];
    await start({ onOperation: (op) => seen.push({ by: invocation.getStore(), kind: op.kind }) });

    await Promise.all([
      invocation.run('first', async () => {
        await kvs.set('a', 1);
        await kvs.get('a');
      }),
      invocation.run('second', async () => {
        await kvs.set('b', 1);
        await kvs.set('c', 1);
        await kvs.get('b');
      }),
    ]);

    const by = (name: string) => seen.filter((s) => s.by === name).map((s) => s.kind);
    expect(by('first')).toEqual(['write', 'read']);
    expect(by('second')).toEqual(['write', 'write', 'read']);
  });

  it('should answer what was sent before it closes, keep it on disk, and refuse requests after', async () => {
    const running = await start();
    // @forge/kvs hands each request to the thread before its promise first waits, so all 20 are sent before close().
    const sent = Array.from({ length: 20 }, (_, i) => kvs.set(`k${i}`, i));
    const closing = running.close();
    await Promise.all(sent);
    await closing;

    const file = new Database(path.join(dir, 'kvs.sqlite'), { readonly: true });
    const stored = (file.prepare("SELECT COUNT(*) AS n FROM kvs_items WHERE key LIKE 'k%'").get() as { n: number }).n;
    file.close();
    expect(stored).toBe(20);
    await expect(kvs.get('k1')).rejects.toThrow(/the local KVS thread stopped/);
  });

  it('should say why when it cannot open its file', async () => {
    const opening = KvsThread.start({ file: path.join(dir, 'missing', 'kvs.sqlite'), entities, now: Date.now });

    await expect(opening).rejects.toThrow(/the local KVS thread could not open .*missing.*kvs\.sqlite/);
  });
});

describe('the local KVS store over a data directory', () => {
  const entities = loadEntityDefinitions(FIXTURE_MANIFEST);
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'kvs-store-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** A koji.sqlite as platforms before kvs.sqlite left it: the KVS tables beside the platform's own. */
  function earlierPlatformDb(): Database.Database {
    const db = new Database(path.join(dir, 'koji.sqlite'));
    prepareSchema(db);
    db.exec('CREATE TABLE local_queue_events (id TEXT PRIMARY KEY)');
    db.prepare("INSERT INTO kvs_items VALUES ('entity:ticket', 't1', ?, 1, 1, NULL)").run(JSON.stringify({ queue: 'it', status: 'open', priority: 2 }));
    db.prepare("INSERT INTO kvs_items VALUES ('kv', 'settings', ?, 1, 1, NULL)").run(JSON.stringify({ enabled: true }));
    return db;
  }

  it.each(['worker', 'main'] as const)('should move the KVS items of an earlier platform into kvs.sqlite, index them, and drop the old tables (%s thread)', async (threading) => {
    const platformDb = earlierPlatformDb();
    try {
      const store = await openKvsStore({ dataDir: dir, platformDb, entities, now: Date.now, onOperation: () => {}, threading });
      const uninstall = installForgeGlobals({ remotes: { kvs: kvsRemote(store.answerer) }, appContext: TEST_APP_CONTEXT, contextAri: 'ari:cloud:jira::site/local' });
      try {
        const page = await kvs.entity('ticket').query().index('by-queue-status-priority', { partition: ['it', 'open'] }).getMany();
        expect(page.results.map((r) => r.key)).toEqual(['t1']);
        await expect(kvs.get('settings')).resolves.toEqual({ enabled: true });
        const left = platformDb.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all();
        expect(left).toEqual([{ name: 'local_queue_events' }]);
      } finally {
        uninstall();
        await store.close();
      }
    } finally {
      platformDb.close();
    }
  });

  it('should open as it was on the next start, once the items have moved', async () => {
    const platformDb = earlierPlatformDb();
    try {
      const first = await openKvsStore({ dataDir: dir, platformDb, entities, now: Date.now, onOperation: () => {} });
      await first.close();
      const second = await openKvsStore({ dataDir: dir, platformDb, entities, now: Date.now, onOperation: () => {} });
      const rows = second.db.prepare('SELECT ns, key FROM kvs_items ORDER BY ns, key').all();
      await second.close();

      expect(rows).toEqual([
        { ns: 'entity:ticket', key: 't1' },
        { ns: 'kv', key: 'settings' },
      ]);
    } finally {
      platformDb.close();
    }
  });

  it('should finish a move a crash cut short (items copied, old tables still there) without losing or doubling an item', async () => {
    const platformDb = earlierPlatformDb();
    try {
      const copied = new Database(path.join(dir, 'kvs.sqlite'));
      prepareSchema(copied);
      copied.prepare("INSERT INTO kvs_items VALUES ('kv', 'settings', ?, 1, 2, NULL)").run(JSON.stringify({ enabled: false }));
      copied.close();

      const store = await openKvsStore({ dataDir: dir, platformDb, entities, now: Date.now, onOperation: () => {} });
      const rows = store.db.prepare('SELECT ns, key, value FROM kvs_items ORDER BY ns, key').all();
      await store.close();

      expect(rows).toEqual([
        { ns: 'entity:ticket', key: 't1', value: JSON.stringify({ queue: 'it', status: 'open', priority: 2 }) },
        // What kvs.sqlite already held wins: it is never older than the earlier platform's copy.
        { ns: 'kv', key: 'settings', value: JSON.stringify({ enabled: false }) },
      ]);
      expect(platformDb.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'kvs%'").all()).toEqual([]);
    } finally {
      platformDb.close();
    }
  });

  it('should leave no WAL file behind once closed', async () => {
    const platformDb = new Database(path.join(dir, 'koji.sqlite'));
    try {
      const store = await openKvsStore({ dataDir: dir, platformDb, entities, now: Date.now, onOperation: () => {} });
      const uninstall = installForgeGlobals({ remotes: { kvs: kvsRemote(store.answerer) }, appContext: TEST_APP_CONTEXT, contextAri: 'ari:cloud:jira::site/local' });
      await kvs.set('settings', { enabled: true });
      const seen = store.db.prepare('SELECT COUNT(*) AS n FROM kvs_items').get();
      uninstall();
      await store.close();

      expect(seen).toEqual({ n: 1 });

      expect(existsSync(path.join(dir, 'kvs.sqlite-wal'))).toBe(false);
    } finally {
      platformDb.close();
    }
  });

  it('should refuse a thread of its own for a store in memory, with the reason', async () => {
    const platformDb = new Database(':memory:');
    try {
      const opening = openKvsStore({ dataDir: ':memory:', platformDb, entities, now: Date.now, onOperation: () => {}, threading: 'worker' });
      await expect(opening).rejects.toThrow(/only over a file/);
    } finally {
      platformDb.close();
    }
  });
});
