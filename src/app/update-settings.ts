import { applySettingsChange, type LiveAgentSettings, type SettingsChange } from '../domain/settings';
import { toOperator, toUser } from '../domain/replies';
import { dispatchQueue } from './dispatch-queue';
import { closeWithoutOperator, endConversation } from './end-session';
import { notify } from './notify';
import type { CoreDeps } from './ports';
import { loadSettings } from './project-settings';
import { allSessionsInState } from './queue';
import { releaseOperator } from './release-operator';

/**
 * Saves an admin's change to a project's live agent settings. Turning support
 * off ends every open conversation and shift with a notice, so nobody is left
 * waiting for a human who can no longer come; turning it on, or adding
 * capacity, connects whoever is waiting.
 */
export async function updateSettings(deps: CoreDeps, projectId: string, change: SettingsChange): Promise<LiveAgentSettings> {
  const current = await loadSettings(deps, projectId);
  const next = applySettingsChange(current, change);
  await deps.settings.put(projectId, next);
  if (current.enabled && !next.enabled) await windDown(deps, projectId, next);
  if (next.enabled) await dispatchQueue(deps, projectId, next);
  return next;
}

async function windDown(deps: CoreDeps, projectId: string, settings: LiveAgentSettings): Promise<void> {
  for (const state of ['with-operator', 'queued', 'ticket-offered'] as const) {
    for (const { value: session } of await allSessionsInState(deps, projectId, state)) {
      if (state === 'with-operator') {
        await endConversation(deps, session.user, session.id, 'support-disabled', settings);
      } else {
        const closed = await closeWithoutOperator(deps, session, () => 'Live agent support was turned off while the user waited.');
        if (!closed) continue;
        await notify(deps, session.user, { kind: 'notice', text: toUser.liveAgentTurnedOff(), conversationId: session.id });
      }
    }
  }
  for (const { value: operator } of await deps.state.operatorsByDuty(projectId, 'on')) {
    await releaseOperator(deps, operator.participant, 'off-duty');
    await notify(deps, operator.participant, { kind: 'notice', text: toOperator.liveAgentTurnedOff() });
  }
}
