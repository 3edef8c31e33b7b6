import type { kvs as KvsClient } from '@forge/kvs';
import type { DeflectionCounts } from '../../app/deflection/deflection-counters';
import type { DayRecords, ServiceFigures } from '../../app/figures/service-figures';
import { dayFiguresOf, NO_FIGURES, withEvents, type DayFigures, type FigureEvent } from '../../domain/service-figures';
import { isWriteConflict } from './kvs-errors';
import { ENTITY, storageKeys } from './kvs-keys';
import { dataOf, nextVersion, versionedEntity, versionIs, type VersionedEntity } from './kvs-versioned';

type Kvs = typeof KvsClient;

/** Events on one project-day may race (a busy minute); past this many lost races the count is given up (logged by the caller). */
const MAX_ATTEMPTS = 10;
/** Forge's batchGet takes at most 25 keys. */
const BATCH = 25;
const NO_DEFLECTION: DeflectionCounts = { answered: 0, solved: 0, escalated: 0, 'no-match': 0 };

/**
 * The service figures in Forge KVS: one `figures` entity per project and day holding the project's counts and
 * each operator's, compared and set, so an event (or the few events of one change, counted together) costs one
 * read and one write whatever the traffic. A report reads the day records and the assistant's `deflection`
 * records of the same days with batchGet: 25 keys a read, so 90 days are 8 reads.
 */
/** How long a day's figures are kept: 400 days, so a year ago today can be compared. */
export const FIGURES_KEPT_DAYS = 400;

export class KvsServiceFigures implements ServiceFigures {
  constructor(private readonly kvs: Kvs) {}

  async record(projectId: string, day: string, events: readonly FigureEvent[]): Promise<void> {
    const key = storageKeys.figures(projectId, day);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      const found = await this.kvs.entity<VersionedEntity<DayFigures>>(ENTITY.figures).get(key);
      const expected = found?.version ?? 'absent';
      const data = withEvents(found ? dayFiguresOf(dataOf('figures', found)) : NO_FIGURES, events);
      const tx = this.kvs.transact();
      // Kept past the longest report (90 days) and a year's comparison, then gone: operators' names are in it.
      tx.set(key, versionedEntity('figures', nextVersion(expected), data), { entityName: ENTITY.figures, conditions: versionIs(expected) }, { ttl: { value: FIGURES_KEPT_DAYS, unit: 'DAYS' } });
      try {
        await tx.execute();
        return;
      } catch (error) {
        if (!isWriteConflict(error)) throw error;
      }
    }
    throw new Error(`The figures of ${day} lost ${MAX_ATTEMPTS} races in a row`);
  }

  async days(projectId: string, days: readonly string[]): Promise<ReadonlyMap<string, DayRecords>> {
    const wanted = days.flatMap((day) => [
      { key: storageKeys.figures(projectId, day), entityName: ENTITY.figures },
      { key: storageKeys.deflection(projectId, day), entityName: ENTITY.deflection },
    ]);
    const found = new Map<string, unknown>();
    for (let start = 0; start < wanted.length; start += BATCH) {
      const { successfulKeys, failedKeys } = await this.kvs.batchGet<VersionedEntity<unknown>>(wanted.slice(start, start + BATCH));
      const failure = failedKeys.find((f) => f.error.code !== 'KEY_NOT_FOUND');
      if (failure) throw new Error(`KVS could not read ${failure.key}: ${failure.error.code} ${failure.error.message}`);
      for (const item of successfulKeys) found.set(`${item.entityName ?? ''}|${item.key}`, item.value && dataOf(item.entityName === ENTITY.deflection ? 'deflection' : 'figures', item.value));
    }
    return new Map(
      days.map((day) => {
        const deflection = found.get(`${ENTITY.deflection}|${storageKeys.deflection(projectId, day)}`) as Partial<DeflectionCounts> | undefined;
        return [day, { figures: dayFiguresOf(found.get(`${ENTITY.figures}|${storageKeys.figures(projectId, day)}`)), deflection: { ...NO_DEFLECTION, ...deflection } }];
      }),
    );
  }
}
