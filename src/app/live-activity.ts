import { operatorLoad } from '../domain/operator';
import { sortForDisplay } from '../domain/operator-selection';
import type { ChatChannel } from '../domain/participant';
import type { CoreDeps } from './ports';
import { loadSettings } from './project-settings';
import { allSessionsInState } from './queue';

export interface LiveActivity {
  readonly onDuty: ReadonlyArray<{ readonly name: string; readonly channel: ChatChannel; readonly load: number; readonly capacity: number }>;
  readonly conversationsOpen: number;
  readonly usersWaiting: number;
}

/** The backoffice's overview: who is on duty and how busy, conversations open, users waiting. */
export async function liveActivity(deps: CoreDeps, projectId: string): Promise<LiveActivity> {
  const settings = await loadSettings(deps, projectId);
  const onDuty = sortForDisplay((await deps.state.operatorsByDuty(projectId, 'on')).map((o) => o.value));
  return {
    onDuty: onDuty.map((op) => ({ name: op.displayName, channel: op.participant.channel, load: operatorLoad(op), capacity: settings.operatorCapacity })),
    // Every conversation with a person is held by an on-duty operator (#off, a removed role and a
    // disconnect hand users on), so their loads count them without reading every session.
    conversationsOpen: onDuty.reduce((sum, op) => sum + operatorLoad(op), 0),
    usersWaiting: (await allSessionsInState(deps, projectId, 'queued')).length,
  };
}
