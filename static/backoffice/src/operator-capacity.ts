import { useState } from 'react';
import type { TenantUserView, TenantView } from '../../../src/shared/resolver-contract';
import { call } from './api';
import { useChanged } from './changes';
import { useFlags } from './flags';

/** The bounds of the project's operator capacity, which an operator's own stays within. */
export const CAPACITY_BOUNDS = { min: 1, max: 10 } as const;

/** `roles/capacity` for the operators of one tenant: a flag for the outcome, then every view reads again. */
export function useOperatorCapacity(tenant: TenantView) {
  const flags = useFlags();
  const changed = useChanged();
  const [busy, setBusy] = useState<string | undefined>();

  const setCapacity = (user: TenantUserView, capacity: number | null) => {
    setBusy(user.userId);
    void call('roles/capacity', { channel: tenant.channel, tenantId: tenant.tenantId, userId: user.userId, capacity }).then((result) => {
      setBusy(undefined);
      if (!result.ok) {
        flags.failed({ title: `The capacity of ${user.displayName} was not changed`, description: result.error.message });
        return;
      }
      if (result.data.result === 'set') {
        const n = result.data.capacity ?? 0;
        flags.succeeded({
          title: capacity === null ? `${user.displayName} follows the project’s capacity again` : `${user.displayName} can take ${n === 1 ? '1 conversation' : `${n} conversations`} at once`,
          description: `Koji sends them users up to ${n} at a time; conversations they have now are kept.`,
        });
      } else {
        flags.failed({ title: `${user.displayName} no longer has the Live agent role`, description: 'Nothing was changed.' });
      }
      changed();
    });
  };
  return { busy, setCapacity };
}
