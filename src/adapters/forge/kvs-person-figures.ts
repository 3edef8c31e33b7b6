import type { kvs as KvsClient } from '@forge/kvs';
import { participantKey, type Participant } from '../../domain/participant';
import { dayFiguresOf, type DayFigures } from '../../domain/service-figures';
import { isWriteConflict } from './kvs-errors';
import { ENTITY, storageKeys } from './kvs-keys';
import { FIGURES_KEPT_DAYS } from './kvs-service-figures';
import { dataOf, versionedEntity, versionIs, type VersionedEntity } from './kvs-versioned';

type Kvs = typeof KvsClient;

/** One read of up to 25 days of a project's service figures (kvs-service-figures.ts), with their versions. */
async function daysOf(kvs: Kvs, projectId: string, days: readonly string[]): Promise<Array<{ day: string; key: string; record: VersionedEntity<DayFigures> }>> {
  const keys = days.map((day) => ({ day, key: storageKeys.figures(projectId, day) }));
  const { successfulKeys, failedKeys } = await kvs.batchGet<VersionedEntity<unknown>>(keys.map(({ key }) => ({ key, entityName: ENTITY.figures })));
  const failure = failedKeys.find((f) => f.error.code !== 'KEY_NOT_FOUND');
  if (failure) throw new Error(`KVS could not read ${failure.key}: ${failure.error.code}`);
  return successfulKeys.flatMap((found) => {
    const day = keys.find((k) => k.key === found.key)?.day;
    return day ? [{ day, key: found.key, record: { version: found.value.version, data: dayFiguresOf(dataOf('figures', found.value)) } }] : [];
  });
}

/** The person's rows (as an operator) in those days' figures. */
export async function personFigures(kvs: Kvs, projectId: string, person: Participant, days: readonly string[]): Promise<Array<{ day: string; figures: unknown }>> {
  const key = participantKey(person);
  return (await daysOf(kvs, projectId, days)).flatMap(({ day, record }) => (record.data.operators[key] ? [{ day, figures: record.data.operators[key] }] : []));
}

/**
 * Takes the person's row out of each of those days that has one: compared and set on the day's version, as a count
 * would be (a lost race throws, and the erasure's step is retried by the queue). The day keeps its lifetime: figures
 * are always written with FIGURES_KEPT_DAYS, so a rewritten day is kept at most that long from now.
 */
export async function eraseFromFigures(kvs: Kvs, projectId: string, person: Participant, days: readonly string[]): Promise<number> {
  const key = participantKey(person);
  let changed = 0;
  for (const { key: dayKey, record } of await daysOf(kvs, projectId, days)) {
    if (!record.data.operators[key]) continue;
    const { [key]: _erased, ...operators } = record.data.operators;
    const tx = kvs.transact();
    tx.set(dayKey, versionedEntity('figures', record.version + 1, { ...record.data, operators }), { entityName: ENTITY.figures, conditions: versionIs(record.version) }, { ttl: { value: FIGURES_KEPT_DAYS, unit: 'DAYS' } });
    try {
      await tx.execute();
    } catch (error) {
      throw isWriteConflict(error) ? new Error('The figures changed while an erasure rewrote them: the step is retried.') : error;
    }
    changed += 1;
  }
  return changed;
}
