import { Text } from '@atlaskit/primitives';
import type { OnDutyView } from '../../../src/shared/resolver-contract';
import { ConfirmDialog } from './confirm-dialog';

/** Asks before putting an operator off duty, saying what happens to them and to the users they serve. */
export function PutOffDutyDialog({ operator, onCancel, onConfirm }: { readonly operator: OnDutyView | undefined; readonly onCancel: () => void; readonly onConfirm: (operator: OnDutyView) => void }) {
  const name = operator?.name ?? '';
  const serving = operator?.load ?? 0;
  return (
    <ConfirmDialog
      isOpen={operator !== undefined}
      title={`Put ${name} off duty?`}
      confirmLabel="Put off duty"
      busy={false}
      onCancel={onCancel}
      onConfirm={() => operator && onConfirm(operator)}
    >
      <Text as="p">
        {`Right away, ${name} goes off duty and Koji hands them no more users; they keep the Live agent role. `}
        {serving > 0
          ? serving === 1
            ? 'The user they are talking to now goes back to the front of the queue for the next free operator, and is told; with nobody else on duty, they are offered a ticket instead.'
            : `The ${serving} users they are talking to now go back to the front of the queue for the next free operator, and are told; with nobody else on duty, they are offered a ticket instead.`
          : 'They are in no conversation now.'}
      </Text>
      <Text as="p">{`Koji tells ${name} in their chat that an administrator put them off duty; they come back by writing #on to the Koji bot.`}</Text>
    </ConfirmDialog>
  );
}
