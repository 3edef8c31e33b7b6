import { kvs } from '@forge/kvs';
import { migrateRecords } from '../adapters/forge/record-migration';
import { jsonLogger } from '../adapters/system/json-logger';

/**
 * Scheduled every hour: moves records stored in an older shape to the current one, a bounded number of pages a
 * run (docs/architecture.md, "Record versions"). With no upgrade step it reads nothing.
 */
export async function recordMigration(): Promise<void> {
  const report = await migrateRecords(kvs, () => Date.now());
  if (report.length > 0) jsonLogger({ trigger: 'record-migration' }).info('record_migration', { records: report.map(({ cursor: _c, ...progress }) => progress) });
}
