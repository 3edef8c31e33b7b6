import type { kvs as KvsClient } from '@forge/kvs';
import type { DeflectionCounters, DeflectionCounts, DeflectionEvent } from '../../app/deflection/deflection-counters';
import { isWriteConflict } from './kvs-errors';
import { ENTITY, storageKeys } from './kvs-keys';
import { dataOf, versionedEntity, nextVersion, versionIs, type VersionedEntity } from './kvs-versioned';

type Kvs = typeof KvsClient;

const NONE: DeflectionCounts = { answered: 0, solved: 0, escalated: 0, 'no-match': 0 };

/** A busy minute's events on one project-day may race; past this many lost races the event is given up (logged by the caller). */
const MAX_ATTEMPTS = 8;

/**
 * The assistant's deflection counts in Forge KVS: one `deflection` entity per project and day, its counts
 * compared and set, so each event costs one read and one write and reading a day costs one read, whatever the
 * traffic. An event is counted once: the core counts only inside a delivery it has claimed (or a transcript line
 * it has just written), so a redelivery never reaches here; `eventId` is not stored.
 */
export class KvsDeflectionCounters implements DeflectionCounters {
  constructor(private readonly kvs: Kvs) {}

  async record(projectId: string, day: string, event: DeflectionEvent): Promise<void> {
    const key = storageKeys.deflection(projectId, day);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      const found = await this.kvs.entity<VersionedEntity<DeflectionCounts>>(ENTITY.deflection).get(key);
      const stored = found && dataOf<DeflectionCounts>('deflection', found);
      const counts = { ...NONE, ...stored, [event]: (stored?.[event] ?? 0) + 1 };
      const expected = found?.version ?? 'absent';
      const tx = this.kvs.transact();
      tx.set(key, versionedEntity('deflection', nextVersion(expected), counts), { entityName: ENTITY.deflection, conditions: versionIs(expected) });
      try {
        await tx.execute();
        return;
      } catch (error) {
        if (!isWriteConflict(error)) throw error;
      }
    }
    throw new Error(`The ${event} count of ${day} lost ${MAX_ATTEMPTS} races in a row`);
  }

  async countsOn(projectId: string, day: string): Promise<DeflectionCounts> {
    const found = await this.kvs.entity<VersionedEntity<DeflectionCounts>>(ENTITY.deflection).get(storageKeys.deflection(projectId, day));
    return { ...NONE, ...(found && dataOf<DeflectionCounts>('deflection', found)) };
  }
}
