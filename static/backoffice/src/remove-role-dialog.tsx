import { Text } from '@atlaskit/primitives';
import type { TenantUserView } from '../../../src/shared/resolver-contract';
import { ConfirmDialog } from './confirm-dialog';

/** Asks before taking the Live agent role away, saying what happens to the operator and to the users they serve. */
export function RemoveRoleDialog({ user, onCancel, onConfirm }: { readonly user: TenantUserView | undefined; readonly onCancel: () => void; readonly onConfirm: (user: TenantUserView) => void }) {
  const name = user?.displayName ?? '';
  const serving = user?.load ?? 0;
  return (
    <ConfirmDialog
      isOpen={user !== undefined}
      title={`Remove the Live agent role from ${name}?`}
      confirmLabel="Remove role"
      busy={false}
      onCancel={onCancel}
      onConfirm={() => user && onConfirm(user)}
    >
      <Text as="p">
        {`Right away, ${name} is no longer an operator: they go off duty and Koji hands them no more users. `}
        {serving > 0
          ? `${serving === 1 ? 'The user they are talking to now goes' : `The ${serving} users they are talking to now go`} to another operator or the front of the queue, or ${serving === 1 ? 'is' : 'are'} offered a ticket if nobody else is on duty, and ${serving === 1 ? 'is' : 'are'} told.`
          : 'They are in no conversation now.'}
      </Text>
      <Text as="p">{`Koji tells ${name} in their chat. You can give the role back with Set; they then start off duty.`}</Text>
    </ConfirmDialog>
  );
}
