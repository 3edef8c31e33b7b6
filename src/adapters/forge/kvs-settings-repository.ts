import type { kvs as KvsClient } from '@forge/kvs';
import { allWithPrefix } from './kvs-prefix-query';
import type { SettingsRepository } from '../../app/ports';
import type { LiveAgentSettings } from '../../domain/settings';
import { storageKeys } from './kvs-keys';

type Kvs = typeof KvsClient;

interface StoredSettings {
  readonly projectId: string;
  readonly settings: LiveAgentSettings;
}

/** One small key per project; the project id is stored too, since keys are escaped. */
export class KvsSettingsRepository implements SettingsRepository {
  constructor(private readonly kvs: Kvs) {}

  async get(projectId: string): Promise<LiveAgentSettings | undefined> {
    return (await this.kvs.get<StoredSettings>(storageKeys.settings(projectId)))?.settings;
  }

  async put(projectId: string, settings: LiveAgentSettings): Promise<void> {
    await this.kvs.set<StoredSettings>(storageKeys.settings(projectId), { projectId, settings });
  }

  async enabledProjects(): Promise<string[]> {
    return (await this.allProjects()).filter((s) => s.settings.enabled).map((s) => s.projectId);
  }

  /** One small key per project, read by prefix: bounded by the number of projects, not by conversations. */
  async allProjects(): Promise<Array<{ projectId: string; settings: LiveAgentSettings }>> {
    return allWithPrefix<StoredSettings>(this.kvs, storageKeys.settingsPrefix);
  }
}
