import type { LiveAgentSettings } from '../../domain/settings';
import { LOST_RACE } from '../compare-and-set';
import { announceConnection, connectWrites } from '../conversation/connect-to-operator';
import { oldestQueued } from './queue';
import type { CoreDeps } from '../ports';
import { routingChoice } from '../conversation/routing';

/**
 * A generous bound: each round either connects someone or loses a race to a
 * concurrent dispatcher that connected someone instead.
 */
const MAX_ROUNDS = 50;

/**
 * Connects waiting users to free operators, first come first served, until
 * either runs out. Every change that could create a match (a user queues, an
 * operator comes on duty or becomes free) runs this after committing, so
 * whichever of two concurrent changes commits last sees both and makes the match.
 */
export async function dispatchQueue(deps: CoreDeps, projectId: string, settings: LiveAgentSettings): Promise<number> {
  if (!settings.enabled) return 0;
  let connected = 0;
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    const outcome = await connectOldest(deps, projectId, settings);
    if (outcome === 'done') break;
    if (outcome === 'connected') connected += 1;
  }
  return connected;
}

async function connectOldest(
  deps: CoreDeps,
  projectId: string,
  settings: LiveAgentSettings,
): Promise<'connected' | 'done' | typeof LOST_RACE> {
  const head = await oldestQueued(deps, projectId);
  if (!head) return 'done';
  const { operator } = await routingChoice(deps, projectId, settings.operatorCapacity);
  if (!operator) return 'done';
  const change = connectWrites(head.value, head.version, operator, deps.clock.now());
  if (!(await deps.state.commit(change.writes))) return LOST_RACE;
  await announceConnection(deps, change.conversation, change.operator);
  return 'connected';
}
