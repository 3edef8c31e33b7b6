import { RECORD_UPGRADES } from './record-upgrades';

/** The record types stored with a schema version (their entity's `schema` attribute, manifest.yml). */
export const VERSIONED_RECORDS = ['operator', 'conversation', 'rating', 'satisfaction', 'deflection', 'figures'] as const;
export type VersionedRecord = (typeof VERSIONED_RECORDS)[number];

/**
 * One step from a record's shape `to - 1` to shape `to`: pure, total, and idempotent on data already in the
 * new shape (a record read during a migration may be upgraded twice). It sees the stored `data` (the core's
 * record) only: the index attributes beside it are recomputed from the upgraded data when it is written.
 */
export interface UpgradeStep {
  readonly to: number;
  /** What changed, for the migration job's log and the reader of the registry. */
  readonly why: string;
  readonly upgrade: (data: unknown) => unknown;
}

export type UpgradeSteps = { readonly [R in VersionedRecord]: readonly UpgradeStep[] };

/** The stored side of a versioned record: its shape version (absent on records written before there was one) and data. */
export interface SchemaStamped {
  readonly schema?: number | undefined;
  readonly data: unknown;
}

/** The shape new records of a type are written in: 1, plus one per upgrade step. */
export function currentSchema(record: VersionedRecord): number {
  const steps = RECORD_UPGRADES[record];
  steps.forEach((step, i) => {
    if (step.to !== i + 2) throw new Error(`The upgrade steps of ${record} must go 2, 3, …: step ${i + 1} goes to ${step.to}`);
  });
  return steps.length + 1;
}

/** A record with no `schema` attribute was written by release 1.x: its shape is 1. */
export function schemaOf(stored: SchemaStamped): number {
  return typeof stored.schema === 'number' && Number.isInteger(stored.schema) && stored.schema >= 1 ? stored.schema : 1;
}

export function isCurrent(record: VersionedRecord, stored: SchemaStamped): boolean {
  return schemaOf(stored) >= currentSchema(record);
}

/**
 * The record's data in the current shape: the steps above its stored shape, in order. Pure: a read costs
 * nothing more than it did. A record written by a newer release (a rollback) is read as it is.
 */
export function upgraded<T>(record: VersionedRecord, stored: SchemaStamped): T {
  const from = schemaOf(stored);
  let data = stored.data;
  for (const step of RECORD_UPGRADES[record]) {
    if (step.to > from) data = step.upgrade(data);
  }
  return data as T;
}
