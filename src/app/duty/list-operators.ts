import { capacityOf, operatorLoad, type Operator } from '../../domain/operator';
import { sortForDisplay } from '../../domain/operator-selection';
import { sameParticipant } from '../../domain/participant';
import { say } from '../../domain/replies';
import type { LiveAgentSettings } from '../../domain/settings';
import { notify } from '../delivery/notify';
import type { CoreDeps } from '../ports';

/** `list_operators`: who is on duty and how busy, one line each. */
export async function listOperators(deps: CoreDeps, asker: Operator, settings: LiveAgentSettings): Promise<void> {
  const { toOperator } = say(asker.lang);
  const onDuty = sortForDisplay((await deps.state.operatorsByDuty(asker.projectId, 'on')).map((o) => o.value));
  const lines = onDuty.map((op) =>
    toOperator.operatorLine(op.displayName, operatorLoad(op), capacityOf(op, settings.operatorCapacity), sameParticipant(op.participant, asker.participant)),
  );
  await notify(deps, asker.participant, { kind: 'notice', text: toOperator.operatorList(lines) });
}
