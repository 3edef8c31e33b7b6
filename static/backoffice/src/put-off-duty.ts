import { useState } from 'react';
import type { OnDutyView } from '../../../src/shared/resolver-contract';
import { call } from './api';
import { useChanged } from './changes';
import { useFlags } from './flags';

/** `duty/put-off` for one operator at a time: a flag for the outcome, then every view reads again. */
export function usePutOffDuty() {
  const flags = useFlags();
  const changed = useChanged();
  const [busy, setBusy] = useState<string | undefined>();

  const putOff = (operator: OnDutyView) => {
    setBusy(operator.userId);
    void call('duty/put-off', { channel: operator.channel, tenantId: operator.tenantId, userId: operator.userId }).then((result) => {
      setBusy(undefined);
      if (!result.ok) {
        flags.failed({ title: `${operator.name} was not put off duty`, description: result.error.message });
        return;
      }
      if (result.data.result === 'put-off-duty') {
        flags.succeeded({
          title: `${operator.name} is off duty`,
          description: 'Koji told them in their chat; users they were serving went to another operator or the front of the queue, or were offered a ticket if nobody else was on duty. They come back with #on.',
        });
      } else {
        flags.succeeded({
          title: result.data.result === 'already-off-duty' ? `${operator.name} was already off duty` : `${operator.name} no longer has the Live agent role`,
          description: 'Nothing was changed.',
        });
      }
      changed();
    });
  };
  return { busy, putOff };
}
