import { ENTITY } from './kvs-keys';
import { RECORD_UPGRADES } from './record-upgrades';

/**
 * The entity records the record migration job pages (their `by-version` index): they carry a compare-and-set
 * version, and most live as long as the app (operators, conversations, counts), so an older shape could stay forever.
 */
export const PAGED_RECORDS = ['operator', 'conversation', 'rating', 'satisfaction', 'deflection', 'figures'] as const;
/**
 * The entity records upgraded on read only, which the job skips: written once (or revised in place by their own
 * reader) and always with a TTL of at most a year (a project's retention, at most 365 days; the audit log's year),
 * so a record of an older shape is gone a year after the release that stopped writing it, and its upgrade step
 * can be dropped then. Paging them would cost an index on every one (the hot `message` entity among them) for no gain.
 */
export const READ_UPGRADED_RECORDS = ['message', 'history', 'history-person', 'audit'] as const;
/** Every entity record type: each carries its shape version (its entity's `schema` attribute, manifest.yml). */
export const VERSIONED_RECORDS = [...PAGED_RECORDS, ...READ_UPGRADED_RECORDS] as const;
/**
 * Plain-key records that carry their shape in their value (`schema` beside the fields, absent = 1): the long-lived
 * ones, which have no TTL (plain-key-versions.ts declares what every other plain key does instead).
 */
export const STAMPED_VALUES = ['settings', 'slack-workspace', 'slack-workspace-summary', 'teams-tenant', 'teams-tenant-summary'] as const;

export type PagedRecord = (typeof PAGED_RECORDS)[number];
export type VersionedRecord = (typeof VERSIONED_RECORDS)[number];
export type StampedValue = (typeof STAMPED_VALUES)[number];
/** Every record type with upgrade steps: an entity's, or a plain key's value. */
export type ShapedRecord = VersionedRecord | StampedValue;

/** The entity each versioned record type is stored in (manifest.yml `app.storage.entities`). */
export const RECORD_ENTITY: { readonly [R in VersionedRecord]: string } = {
  operator: ENTITY.operator,
  conversation: ENTITY.conversation,
  rating: ENTITY.rating,
  satisfaction: ENTITY.satisfaction,
  deflection: ENTITY.deflection,
  figures: ENTITY.figures,
  message: ENTITY.message,
  history: ENTITY.history,
  'history-person': ENTITY.historyPerson,
  audit: ENTITY.audit,
};

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

export type UpgradeSteps = { readonly [R in ShapedRecord]: readonly UpgradeStep[] };

/** The stored side of a versioned record: its shape version (absent on records written before there was one) and data. */
export interface SchemaStamped {
  readonly schema?: number | undefined;
  readonly data: unknown;
}

/** The shape new records of a type are written in: 1, plus one per upgrade step. */
export function currentSchema(record: ShapedRecord): number {
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

export function isCurrent(record: ShapedRecord, stored: SchemaStamped): boolean {
  return schemaOf(stored) >= currentSchema(record);
}

/**
 * The record's data in the current shape: the steps above its stored shape, in order. Pure: a read costs
 * nothing more than it did. A record written by a newer release (a rollback) is read as it is.
 */
export function upgraded<T>(record: ShapedRecord, stored: SchemaStamped): T {
  const from = schemaOf(stored);
  let data = stored.data;
  for (const step of RECORD_UPGRADES[record]) {
    if (step.to > from) data = step.upgrade(data);
  }
  return data as T;
}

/** The `schema` attribute (or value field) a record of this type is written with: its current shape. */
export function schemaStamp(record: ShapedRecord): { readonly schema: number } {
  return { schema: currentSchema(record) };
}
