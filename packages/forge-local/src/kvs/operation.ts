import type { EntityCatalog } from './spaces';
import type { KvsStorage } from './storage';

/** What every operation handler gets. */
export interface KvsContext {
  storage: KvsStorage;
  catalog: EntityCatalog;
  now: () => number;
}

/**
 * An operation's answer: the HTTP status, the JSON body (absent for "no content") and, for
 * writes, how many bytes of values it wrote (for the operation counters).
 */
export interface KvsResult {
  status: number;
  body?: unknown;
  writtenBytes: number;
}

export function ok(body: unknown): KvsResult {
  return { status: 200, body, writtenBytes: 0 };
}

/** Success without a body. @forge/kvs treats an empty body as "nothing returned". */
export function noContent(writtenBytes = 0): KvsResult {
  return { status: 204, writtenBytes };
}
