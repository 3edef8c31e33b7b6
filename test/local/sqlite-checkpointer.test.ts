import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { checkpointOffThread } from '../../packages/forge-local/src/sqlite-checkpointer';
import { waitUntil } from '../support/eventually';

/**
 * The local platform's store copies its write-ahead log back into the database on a worker thread, never inside
 * a web trigger's commit (where SQLite would otherwise do it, holding the whole platform for milliseconds).
 */
describe('checkpoints off the app’s thread', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'koji-checkpoint-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function openStore(): Database.Database {
    const db = new Database(path.join(dir, 'store.sqlite'));
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE item (k TEXT PRIMARY KEY, v TEXT NOT NULL)');
    return db;
  }

  it('should move what was written into the database file while the app goes on writing', async () => {
    const db = openStore();
    const checkpointer = checkpointOffThread(db, 20);
    const write = db.prepare('INSERT INTO item (k, v) VALUES (?, ?)');
    const before = statSync(path.join(dir, 'store.sqlite')).size;

    for (let i = 0; i < 2_000; i += 1) write.run(`k${i}`, 'x'.repeat(500));

    // The app's own connection no longer checkpoints at 1,000 pages, yet the file comes to hold the rows.
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBeGreaterThan(1_000);
    await waitUntil(() => statSync(path.join(dir, 'store.sqlite')).size > before + 900_000, 'the checkpointer thread to move the rows into the database file');
    await checkpointer?.stop();
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1_000);
    expect((db.prepare('SELECT count(*) AS n FROM item').get() as { n: number }).n).toBe(2_000);
    db.close();
  });

  it('should leave an in-memory store alone', () => {
    const db = new Database(':memory:');
    expect(checkpointOffThread(db)).toBeUndefined();
    db.close();
  });

  it('should stop twice without harm', async () => {
    const db = openStore();
    const checkpointer = checkpointOffThread(db, 20);
    await checkpointer?.stop();
    await checkpointer?.stop();
    db.close();
  });
});

describe('a process that stops its checkpointer last', () => {
  it('should run on after the stop, not end inside it', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'koji-checkpoint-exit-'));
    try {
      const script = [
        "const Database = require('better-sqlite3');",
        "const { checkpointOffThread } = require('./packages/forge-local/src/sqlite-checkpointer');",
        `const db = new Database(${JSON.stringify(path.join(dir, 'store.sqlite'))});`,
        "db.pragma('journal_mode = WAL');",
        'const c = checkpointOffThread(db, 20);',
        "c.stop().then(() => { db.close(); console.log('after the stop'); });",
      ].join('\n');
      const out = execFileSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: path.resolve(__dirname, '../..'), encoding: 'utf8' });
      expect(out).toContain('after the stop');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
