import { randomInt } from 'node:crypto';
import { Filter, FilterConditions } from '@forge/kvs';
import type { Expected } from '../../app/ports';

/** A record stored whole in `data` beside the version a transaction's conditions check (ratings, counters). */
export interface VersionedEntity<T> {
  readonly version: number;
  readonly data: T;
}

/** A new record starts at a random version, so a record deleted and made again never matches an old expectation. */
export function nextVersion(expected: Expected): number {
  return expected === 'absent' ? randomInt(1, 2 ** 30) : expected + 1;
}

export function versionIs(expected: Expected) {
  return new Filter<{ version: number }>().and('version', expected === 'absent' ? FilterConditions.notExists() : FilterConditions.equalTo(expected));
}
