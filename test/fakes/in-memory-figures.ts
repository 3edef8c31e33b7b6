import type { DeflectionCounters } from '../../src/app/deflection/deflection-counters';
import type { DayRecords, ServiceFigures } from '../../src/app/figures/service-figures';
import { NO_FIGURES, withEvents, type DayFigures, type FigureEvent } from '../../src/domain/service-figures';

/**
 * The service figures in memory, counted with the same domain code as the KVS adapter (withEvents): one record per
 * project and day. `writes` counts the records written (one per counted change), `fail` makes every write throw.
 */
export class InMemoryFigures implements ServiceFigures {
  readonly byDay = new Map<string, DayFigures>();
  writes = 0;
  fail = false;

  constructor(private readonly deflection?: DeflectionCounters) {}

  record(projectId: string, day: string, events: readonly FigureEvent[]): Promise<void> {
    if (this.fail) return Promise.reject(new Error('the figures store is down'));
    const key = `${projectId}/${day}`;
    this.byDay.set(key, structuredClone(withEvents(this.byDay.get(key) ?? NO_FIGURES, events)));
    this.writes += 1;
    return Promise.resolve();
  }

  async days(projectId: string, days: readonly string[]): Promise<ReadonlyMap<string, DayRecords>> {
    const found = new Map<string, DayRecords>();
    for (const day of days) {
      const deflection = this.deflection ? await this.deflection.countsOn(projectId, day) : { answered: 0, solved: 0, escalated: 0, 'no-match': 0 };
      found.set(day, { figures: structuredClone(this.byDay.get(`${projectId}/${day}`) ?? NO_FIGURES), deflection });
    }
    return found;
  }

  /** One project-day as stored. */
  on(projectId: string, day: string): DayFigures {
    return this.byDay.get(`${projectId}/${day}`) ?? NO_FIGURES;
  }
}
