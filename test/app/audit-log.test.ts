import { recordAdminAction } from '../../src/app/audit/audit-log';
import { saveSettingsChange } from '../../src/app/settings/update-settings';
import { describeAuditEntry } from '../../src/domain/audit';
import { settingsChanges } from '../../src/domain/audit-settings';
import { InMemoryAuditLog } from '../fakes/in-memory-audit-log';
import { PROJECT, World } from '../builders/world';

/** The audit log's promise to an admin: what they did stays done, and is recorded once it is done. */
const ADA = { accountId: 'acc-ada', displayName: 'Ada Admin' };

async function saveAndRecord(world: World, audit: InMemoryAuditLog, change: Parameters<typeof saveSettingsChange>[2]) {
  const { before, after } = await saveSettingsChange(world.deps, PROJECT, change);
  return recordAdminAction({ audit, clock: world.clock, log: world.log }, { projectId: PROJECT, actor: ADA, kind: before.enabled === after.enabled ? 'settings' : 'support', changes: settingsChanges(before, after) });
}

describe('recording an admin action', () => {
  it('should record the save with the time it was made and the values before and after', async () => {
    const world = new World();
    const audit = new InMemoryAuditLog();
    await world.enableLiveAgents();
    world.clock.advanceMs(60_000);
    expect(await saveAndRecord(world, audit, { inactivityTimeoutMinutes: 45 })).toBe(true);

    expect(audit.entries).toHaveLength(1);
    expect(audit.entries[0]).toMatchObject({ projectId: PROJECT, kind: 'settings', at: world.clock.now(), actor: ADA });
    expect(describeAuditEntry(audit.entries[0]!)).toBe('Ada Admin changed Inactivity timeout: 30 → 45 minutes');
  });

  it('should keep the action when its entry cannot be written, and log that without the values', async () => {
    const world = new World();
    const audit = new InMemoryAuditLog();
    audit.failing = true;
    expect(await saveAndRecord(world, audit, { enabled: true, queueTimeoutMinutes: 25 })).toBe(false);

    expect((await world.settings.get(PROJECT))?.queueTimeoutMinutes).toBe(25);
    const logged = world.log.entries.filter((e) => e.event === 'audit_write_failed');
    expect(logged).toEqual([{ level: 'warn', event: 'audit_write_failed', fields: { projectId: PROJECT, kind: 'support', reason: 'KVS is unavailable' } }]);
    expect(JSON.stringify(logged)).not.toMatch(/Queue timeout|25/);
  });
});
