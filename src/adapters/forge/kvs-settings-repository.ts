import type { kvs as KvsClient } from '@forge/kvs';
import { allWithPrefix } from './kvs-prefix-query';
import type { SettingsRepository } from '../../app/ports';
import type { LiveAgentSettings } from '../../domain/settings';
import { storageKeys } from './kvs-keys';
import { schemaStamp, upgraded } from './record-versions';

type Kvs = typeof KvsClient;

interface StoredSettings {
  /** The shape of `settings` (record-versions.ts, RECORD_UPGRADES.settings); absent on settings saved by 1.x: shape 1. */
  readonly schema?: number | undefined;
  readonly projectId: string;
  readonly settings: LiveAgentSettings;
}

/** One small key per project; the project id is stored too, since keys are escaped. */
export class KvsSettingsRepository implements SettingsRepository {
  constructor(private readonly kvs: Kvs) {}

  async get(projectId: string): Promise<LiveAgentSettings | undefined> {
    const stored = await this.kvs.get<StoredSettings>(storageKeys.settings(projectId));
    return stored ? settingsOf(stored) : undefined;
  }

  async put(projectId: string, settings: LiveAgentSettings): Promise<void> {
    await this.kvs.set<StoredSettings>(storageKeys.settings(projectId), { projectId, settings, ...schemaStamp('settings') });
  }

  async enabledProjects(): Promise<string[]> {
    return (await this.allProjects()).filter((s) => s.settings.enabled).map((s) => s.projectId);
  }

  /** One small key per project, read by prefix: bounded by the number of projects, not by conversations. */
  async allProjects(): Promise<Array<{ projectId: string; settings: LiveAgentSettings }>> {
    const stored = await allWithPrefix<StoredSettings>(this.kvs, storageKeys.settingsPrefix);
    return stored.map((s) => ({ projectId: s.projectId, settings: settingsOf(s) }));
  }
}

/** A project's settings in the current shape, upgraded on the fly from the one they were saved in (no extra read). */
function settingsOf(stored: StoredSettings): LiveAgentSettings {
  return upgraded<LiveAgentSettings>('settings', { schema: stored.schema, data: stored.settings });
}
