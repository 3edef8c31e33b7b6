import path from 'node:path';

import { ForgeKvsAPIError } from '@forge/kvs';
import Database from 'better-sqlite3';

import { installForgeGlobals } from '../../../packages/forge-local/src/forge-globals';
import type { LocalAppContext, RemoteHandler } from '../../../packages/forge-local/src/forge-globals';
import { kvsRemote, LocalKvs, loadEntityDefinitions } from '../../../packages/forge-local/src/kvs';
import type { EntityDefinition, KvsOperation } from '../../../packages/forge-local/src/kvs';

export const FIXTURE_MANIFEST = path.join(__dirname, '..', 'fixtures', 'manifest.yml');

export const TEST_APP_CONTEXT: LocalAppContext = {
  appId: 'test-app',
  environmentId: 'test-env',
  environmentType: 'DEVELOPMENT',
  appVersion: '1.0.0',
  installationId: 'test-installation',
  moduleKey: 'test-module',
};

/** A clock the test moves by hand. */
export class TestClock {
  constructor(public ms = Date.UTC(2026, 0, 15, 9, 0, 0)) {}
  readonly now = (): number => this.ms;
  advance(ms: number): void {
    this.ms += ms;
  }
}

export interface LocalKvsHarness {
  db: Database.Database;
  clock: TestClock;
  localKvs: LocalKvs;
  /** Every KVS request, as the operation counters saw it. */
  operations: KvsOperation[];
  close(): void;
}

/**
 * The real @forge/kvs talks to a LocalKvs through the Forge globals. In-memory unless a file
 * is given; `wrapKvs` lets a test see the raw calls.
 */
export function startLocalKvs(
  options: {
    file?: string;
    clock?: TestClock;
    entities?: EntityDefinition[];
    wrapKvs?: (handler: RemoteHandler) => RemoteHandler;
  } = {},
): LocalKvsHarness {
  const db = new Database(options.file ?? ':memory:');
  const clock = options.clock ?? new TestClock();
  const operations: KvsOperation[] = [];
  const localKvs = new LocalKvs(db, options.entities ?? loadEntityDefinitions(FIXTURE_MANIFEST), {
    now: clock.now,
    onOperation: (operation) => operations.push(operation),
  });
  const remote = kvsRemote(localKvs);
  const uninstall = installForgeGlobals({
    remotes: { kvs: options.wrapKvs ? options.wrapKvs(remote) : remote },
    appContext: TEST_APP_CONTEXT,
    contextAri: 'ari:cloud:jira::site/local',
  });
  return {
    db,
    clock,
    localKvs,
    operations,
    close() {
      uninstall();
      db.close();
    },
  };
}

/** The ForgeKvsAPIError a call rejects with (fails the test when it resolves or throws something else). */
export async function kvsErrorOf(call: Promise<unknown>): Promise<ForgeKvsAPIError> {
  try {
    await call;
  } catch (error) {
    if (error instanceof ForgeKvsAPIError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected the call to fail with a ForgeKvsAPIError, but it succeeded');
}

export const SECOND = 1_000;
