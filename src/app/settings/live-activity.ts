import { capacityOf, offersOf } from '../../domain/operator';
import { sortForDisplay } from '../../domain/operator-selection';
import type { ChatChannel } from '../../domain/participant';
import type { CoreDeps } from '../ports';
import { loadSettings } from './project-settings';
import { allConversationsInState } from '../queue/queue';

export interface LiveActivity {
  readonly onDuty: ReadonlyArray<{
    readonly name: string;
    readonly channel: ChatChannel;
    readonly tenantId: string;
    readonly userId: string;
    /** When their shift started; unknown for a shift started before Koji recorded it. */
    readonly since?: number | undefined;
    readonly load: number;
    /** Offer mode: operator offers waiting for their answer, each holding a place under their capacity. */
    readonly offers: number;
    readonly capacity: number;
  }>;
  readonly conversationsOpen: number;
  readonly usersWaiting: number;
  /**
   * Operators Koji took off duty because their chat could not be reached, newest
   * first, until they come on duty again: `reason` is the platform's word for it.
   */
  readonly takenOffDuty: ReadonlyArray<{ readonly name: string; readonly channel: ChatChannel; readonly at: number; readonly reason: string }>;
}

/** The Overview lists this many of them at most: enough to see what happened, bounded like the page. */
const TAKEN_OFF_DUTY_SHOWN = 20;

/** The backoffice's overview: who is on duty and how busy, conversations open, users waiting. */
export async function liveActivity(deps: CoreDeps, projectId: string): Promise<LiveActivity> {
  const settings = await loadSettings(deps, projectId);
  const onDuty = sortForDisplay((await deps.state.operatorsByDuty(projectId, 'on')).map((o) => o.value));
  return {
    onDuty: onDuty.map((op) => ({
      name: op.displayName,
      channel: op.participant.channel,
      tenantId: op.participant.tenantId,
      userId: op.participant.userId,
      since: op.onDutySince,
      load: op.assignments.length,
      offers: offersOf(op).length,
      capacity: capacityOf(op, settings.operatorCapacity),
    })),
    // Every conversation with a person is held by an on-duty operator (#off, a removed role and a
    // disconnect hand users on), so their loads count them without reading every conversation.
    conversationsOpen: onDuty.reduce((sum, op) => sum + op.assignments.length, 0),
    // Offer mode: a user being offered to an operator is still waiting, in the same place in line.
    usersWaiting: (await allConversationsInState(deps, projectId, 'queued')).length + (await allConversationsInState(deps, projectId, 'offered')).length,
    takenOffDuty: (await deps.state.operatorsByDuty(projectId, 'off'))
      .flatMap(({ value: op }) => (op.unreachable ? [{ name: op.displayName, channel: op.participant.channel, ...op.unreachable }] : []))
      .sort((a, b) => b.at - a.at)
      .slice(0, TAKEN_OFF_DUTY_SHOWN),
  };
}
