import type { RoutingLane } from '../../domain/operator-selection';
import type { Participant } from '../../domain/participant';
import { say } from '../../domain/replies';
import { releaseOperator } from '../conversation/release-operator';
import { notify } from '../delivery/notify';
import type { CoreDeps } from '../ports';
import { eachWithinBudget, type RunBudget } from '../queue/run-budget';

const MINUTE_MS = 60 * 1000;
const PAGE = 100;

/**
 * The lanes of the routing order where an operator with no conversation can be: with a capacity of their own
 * (load 0 is always under it), or following the project's. Idle operators are the head of each.
 */
const LANES_OF_THE_FREE: readonly RoutingLane[] = ['own-capacity-with-room', 'project-capacity'];

/**
 * Part of the timeout sweep: puts off duty every on-duty operator of the project who has held no conversation
 * and done nothing for `minutes`, and tells them. Read from the head of the routing order's lanes up to the
 * cutoff (LiveAgentState.idleOperators), so a run with nobody idle costs two reads however many are on duty.
 * Activity moves `idleSince` on (operator-activity.ts), so whoever the index returns is idle. Answers how many
 * were put off duty; one that fails is logged and counted through `onFailure`, and tried again next run.
 */
export async function putIdleOperatorsOffDuty(
  deps: CoreDeps,
  projectId: string,
  minutes: number,
  budget: RunBudget,
  onFailure: () => void,
): Promise<number> {
  const idleBy = deps.clock.now() - minutes * MINUTE_MS;
  let putOff = 0;
  for (const lane of LANES_OF_THE_FREE) {
    let cursor: string | undefined;
    do {
      const room = budget.room();
      if (room === 0) return putOff;
      const page = await deps.state.idleOperators(projectId, lane, idleBy, { limit: Math.min(PAGE, room), cursor });
      const done = await eachWithinBudget(
        page.items,
        budget,
        deps.log,
        { event: 'timeout_sweep_failed', describe: (o) => ({ projectId, step: 'idle', channel: o.value.participant.channel, userId: o.value.participant.userId }), onFailure },
        (o) => putOffDutyWhenIdle(deps, o.value.participant, idleBy, minutes),
      );
      putOff += done.filter(Boolean).length;
      cursor = page.cursor;
    } while (cursor && !budget.spent);
  }
  return putOff;
}

/**
 * The release `#off` uses, in its `idle` mode: it commits only if, read again, the operator is still on duty,
 * free and idle since `idleBy`, so a `#on`, `#off`, command or assignment that got there first wins and this
 * changes nothing; one that comes after finds them off duty (an assignment then goes to someone else).
 */
export async function putOffDutyWhenIdle(deps: CoreDeps, participant: Participant, idleBy: number, minutes: number): Promise<boolean> {
  const released = await releaseOperator(deps, participant, { idleBy });
  if (!released || released.alreadyOff) return false;
  await notify(deps, participant, { kind: 'notice', text: say(released.operator.lang).toOperator.idleAway(minutes) });
  return true;
}
