import { applySettingsChange, type LiveAgentSettings, type SettingsChange } from '../../domain/settings';
import { dispatchQueue } from '../queue/dispatch-queue';
import type { CoreDeps } from '../ports';
import { loadSettings } from './project-settings';
import { RunBudget } from '../queue/run-budget';
import { WIND_DOWN_WHILE_SAVING, windDownProject } from './wind-down';

/**
 * Saves an admin's change to a project's live agent settings. Support off
 * winds everyone down (see wind-down.ts), so nobody is left waiting for a
 * human who can no longer come; saving "off" again finishes a wind-down that
 * was cut short, and what saving does not reach the timeout sweep does.
 * Support on, or more capacity, connects whoever is waiting.
 */
export async function updateSettings(deps: CoreDeps, projectId: string, change: SettingsChange): Promise<LiveAgentSettings> {
  return (await saveSettingsChange(deps, projectId, change)).after;
}

/** updateSettings, answering the settings as they were too (for the audit log's before → after). */
export async function saveSettingsChange(deps: CoreDeps, projectId: string, change: SettingsChange): Promise<{ before: LiveAgentSettings; after: LiveAgentSettings }> {
  const current = await loadSettings(deps, projectId);
  const next = applySettingsChange(current, change);
  // Saved first: a request that read "on" before this re-reads the settings after queueing (request-operator.ts).
  await deps.settings.put(projectId, next);
  if (!next.enabled) {
    const report = await windDownProject(deps, projectId, next, new RunBudget(deps.clock, WIND_DOWN_WHILE_SAVING));
    if (current.enabled || !report.complete || report.failed > 0) deps.log.info('live_agent_wound_down', { projectId, ...report });
  }
  if (next.enabled) await dispatchQueue(deps, projectId, next);
  return { before: current, after: next };
}
