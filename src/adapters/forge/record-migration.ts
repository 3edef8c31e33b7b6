import { MetadataField, Sort, type kvs as KvsClient } from '@forge/kvs';
import type { Conversation } from '../../domain/conversation';
import type { Operator } from '../../domain/operator';
import { isWriteConflict } from './kvs-errors';
import { PAGE_LIMIT } from './kvs-index-page';
import { ENTITY, INDEX, KEY_VERSION } from './kvs-keys';
import { operatorEntity, sessionEntity, type OperatorEntity, type SessionEntity } from './kvs-live-agent-state';
import { versionedEntity, versionIs, type VersionedEntity } from './kvs-versioned';
import { currentSchema, isCurrent, PAGED_RECORDS, upgraded, type PagedRecord } from './record-versions';

type Kvs = typeof KvsClient;
type StoredEntity = OperatorEntity | SessionEntity | VersionedEntity<unknown>;

/** Where the job is with one record type: the shape it moves records to, and the next page of its index. */
export interface MigrationProgress {
  readonly record: PagedRecord;
  readonly schema: number;
  readonly cursor?: string | undefined;
  readonly done: boolean;
  /** Records read and records rewritten so far for this shape. */
  readonly seen: number;
  readonly rewritten: number;
  readonly at: number;
}

export interface MigrationLimits {
  /** Index pages one run reads, over all record types: a run's reads and writes stay bounded. */
  readonly pages: number;
  readonly pageSize: number;
}

export const MIGRATION_LIMITS: MigrationLimits = { pages: 10, pageSize: PAGE_LIMIT };

/** Each paged record's entity, and how it is written again in the current shape (index attributes recomputed). */
const STORES: { readonly [R in PagedRecord]: { readonly entity: string; readonly rewrite: (stored: StoredEntity) => StoredEntity } } = {
  operator: { entity: ENTITY.operator, rewrite: (stored) => operatorEntity(upgraded<Operator>('operator', stored), stored.version) },
  conversation: { entity: ENTITY.conversation, rewrite: (stored) => sessionEntity(upgraded<Conversation>('conversation', stored), stored.version) },
  rating: dataOnly('rating', ENTITY.rating),
  satisfaction: dataOnly('satisfaction', ENTITY.satisfaction),
  deflection: dataOnly('deflection', ENTITY.deflection),
  figures: dataOnly('figures', ENTITY.figures),
};

/** A record stored whole in `data` beside its version, nothing indexed (kvs-versioned.ts). */
function dataOnly(record: PagedRecord, entity: string) {
  return { entity, rewrite: (stored: StoredEntity) => versionedEntity(record, stored.version, upgraded(record, stored)) };
}

export const migrationProgressKey = (record: PagedRecord) => `record-migration:${KEY_VERSION}:${record}`;

/**
 * Moves stored records to their current shape, a bounded number of index pages per run, resuming where
 * the last run stopped (its progress is a KVS record per type). A record type with no upgrade step costs
 * nothing (no read: nothing can be older than shape 1); one whose migration is done costs one read.
 *
 * Safe to run twice, or beside the app: a record already in the current shape is skipped, and a rewrite
 * keeps the record's compare-and-set version and is conditional on it, so a record the app changed in
 * between (which it writes in the current shape) is left to the app's write. Reads never wait for the job:
 * they upgrade on the fly (record-versions.ts).
 */
export async function migrateRecords(kvs: Kvs, now: () => number, limits: MigrationLimits = MIGRATION_LIMITS): Promise<MigrationProgress[]> {
  const report: MigrationProgress[] = [];
  let pagesLeft = limits.pages;
  // The records upgraded on read only (READ_UPGRADED_RECORDS: TTL'd, at most a year) are not paged.
  for (const record of PAGED_RECORDS) {
    const schema = currentSchema(record);
    if (schema === 1) continue;
    const saved = await kvs.get<MigrationProgress>(migrationProgressKey(record));
    let progress: MigrationProgress = saved?.schema === schema ? saved : { record, schema, done: false, seen: 0, rewritten: 0, at: now() };
    while (!progress.done && pagesLeft > 0) {
      pagesLeft -= 1;
      progress = await migratePage(kvs, progress, limits.pageSize, now);
      await kvs.set(migrationProgressKey(record), progress);
    }
    report.push(progress);
  }
  return report;
}

async function migratePage(kvs: Kvs, progress: MigrationProgress, pageSize: number, now: () => number): Promise<MigrationProgress> {
  const store = STORES[progress.record];
  // Every record of these entities has a compare-and-set version, so this index holds them all; a rewrite keeps
  // the version, so the records not read yet stay where the cursor expects them.
  // With each record's expiry: a rewrite keeps the time a rating or a day's figures has left.
  let query = kvs.entity<StoredEntity>(store.entity).query({ metadataFields: [MetadataField.EXPIRE_TIME] }).index(INDEX.everyByVersion).sort(Sort.ASC).limit(Math.min(pageSize, PAGE_LIMIT));
  if (progress.cursor) query = query.cursor(progress.cursor);
  const { results, nextCursor } = await query.getMany();
  let rewritten = 0;
  for (const { key, value, expireTime } of results) {
    if (isCurrent(progress.record, value)) continue;
    const secondsLeft = expireTime === undefined ? undefined : Math.round((Date.parse(expireTime) - now()) / 1000);
    if (secondsLeft !== undefined && !(secondsLeft > 0)) continue;
    if (await rewrite(kvs, { entityName: store.entity, key, secondsLeft }, value, store.rewrite(value))) rewritten += 1;
  }
  return { ...progress, cursor: nextCursor, done: !nextCursor, seen: progress.seen + results.length, rewritten: progress.rewritten + rewritten, at: now() };
}

async function rewrite(
  kvs: Kvs,
  where: { readonly entityName: string; readonly key: string; readonly secondsLeft: number | undefined },
  stored: StoredEntity,
  next: StoredEntity,
): Promise<boolean> {
  const ttl = where.secondsLeft === undefined ? undefined : { ttl: { value: where.secondsLeft, unit: 'SECONDS' as const } };
  try {
    await kvs.transact().set(where.key, next, { entityName: where.entityName, conditions: versionIs(stored.version) }, ttl).execute();
    return true;
  } catch (error) {
    if (isWriteConflict(error)) return false;
    throw error;
  }
}
