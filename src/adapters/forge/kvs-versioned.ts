import { randomInt } from 'node:crypto';
import { Filter, FilterConditions } from '@forge/kvs';
import type { Expected } from '../../app/ports';
import { currentSchema, upgraded, type VersionedRecord } from './record-versions';

/** A record stored whole in `data` beside the version a transaction's conditions check (ratings, counters). */
export interface VersionedEntity<T> {
  /** The shape of `data` (record-versions.ts); absent on records release 1.x wrote, which are shape 1. */
  readonly schema?: number;
  readonly version: number;
  readonly data: T;
}

/** A record to store: its data, stamped with the current shape of its type, and its compare-and-set version. */
export function versionedEntity<T>(record: VersionedRecord, version: number, data: T): VersionedEntity<T> {
  return { schema: currentSchema(record), version, data };
}

/** A stored record's data in the current shape, upgraded on the fly from the one it was stored in (no extra read). */
export function dataOf<T>(record: VersionedRecord, found: VersionedEntity<unknown>): T {
  return upgraded<T>(record, found);
}

/** A new record starts at a random version, so a record deleted and made again never matches an old expectation. */
export function nextVersion(expected: Expected): number {
  return expected === 'absent' ? randomInt(1, 2 ** 30) : expected + 1;
}

export function versionIs(expected: Expected) {
  return new Filter<{ version: number }>().and('version', expected === 'absent' ? FilterConditions.notExists() : FilterConditions.equalTo(expected));
}
