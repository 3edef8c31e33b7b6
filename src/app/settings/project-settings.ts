import { DEFAULT_SETTINGS, type LiveAgentSettings } from '../../domain/settings';
import type { CoreDeps } from '../ports';

export async function loadSettings(deps: Pick<CoreDeps, 'settings'>, projectId: string): Promise<LiveAgentSettings> {
  return (await deps.settings.get(projectId)) ?? DEFAULT_SETTINGS;
}
