import { DEFAULT_SETTINGS, withDefaults, type LiveAgentSettings } from '../../domain/settings';
import type { CoreDeps } from '../ports';

export async function loadSettings(deps: Pick<CoreDeps, 'settings'>, projectId: string): Promise<LiveAgentSettings> {
  const stored = await deps.settings.get(projectId);
  return stored ? withDefaults(stored) : DEFAULT_SETTINGS;
}
