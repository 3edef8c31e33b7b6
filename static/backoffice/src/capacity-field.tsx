import { useState } from 'react';
import Button from '@atlaskit/button/new';
import { ErrorMessage } from '@atlaskit/form';
import { Inline, Stack } from '@atlaskit/primitives';
import Textfield from '@atlaskit/textfield';
import type { TenantUserView } from '../../../src/shared/resolver-contract';
import { CAPACITY_BOUNDS } from './operator-capacity';

/**
 * An operator's own capacity: a whole number within the project setting's bounds, or empty for the
 * project's. Set is offered only for a valid change; the resolver checks it again.
 */
export function CapacityField({ user, busy, onSet }: { readonly user: TenantUserView; readonly busy: boolean; readonly onSet: (capacity: number | null) => void }) {
  const [value, setValue] = useState(user.ownCapacity === undefined ? '' : String(user.ownCapacity));
  const typed = value.trim();
  const n = Number(typed);
  const valid = typed === '' || (/^\d+$/.test(typed) && n >= CAPACITY_BOUNDS.min && n <= CAPACITY_BOUNDS.max);
  const changed = typed === '' ? user.ownCapacity !== undefined : n !== user.ownCapacity;
  const errorId = `capacity-error-${user.userId}`;
  return (
    <Stack space="space.050">
      <Inline space="space.050" alignBlock="center">
        <div className="koji-field-xsmall">
          <Textfield
            aria-label={`Capacity of ${user.displayName}`}
            type="number"
            inputMode="numeric"
            min={CAPACITY_BOUNDS.min}
            max={CAPACITY_BOUNDS.max}
            step={1}
            placeholder="Project’s"
            value={value}
            isInvalid={!valid}
            aria-describedby={valid ? undefined : errorId}
            onChange={(e) => setValue(e.currentTarget.value)}
          />
        </div>
        <Button isDisabled={!valid || !changed} isLoading={busy} onClick={() => onSet(typed === '' ? null : n)} aria-label={`Set the capacity of ${user.displayName}`}>
          Set
        </Button>
      </Inline>
      {valid ? null : (
        <div id={errorId}>
          <ErrorMessage>{`A whole number from ${CAPACITY_BOUNDS.min} to ${CAPACITY_BOUNDS.max}, or empty for the project’s.`}</ErrorMessage>
        </div>
      )}
    </Stack>
  );
}
