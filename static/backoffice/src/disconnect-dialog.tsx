import { Text } from '@atlaskit/primitives';
import type { TenantView } from '../../../src/shared/resolver-contract';
import { ConfirmDialog } from './confirm-dialog';

interface DisconnectDialogProps {
  /** The workspace or tenant to disconnect; no dialog without one. */
  readonly tenant: TenantView | undefined;
  readonly disconnecting: boolean;
  readonly onCancel: () => void;
  readonly onConfirm: (tenant: TenantView) => void;
}

/** Asks before disconnecting a Slack workspace or Teams tenant, saying everything that ends with it. */
export function DisconnectDialog({ tenant, disconnecting, onCancel, onConfirm }: DisconnectDialogProps) {
  return (
    <ConfirmDialog
      isOpen={tenant !== undefined}
      title={`Disconnect ${tenant?.name ?? ''}?`}
      confirmLabel="Disconnect"
      busy={disconnecting}
      onCancel={onCancel}
      onConfirm={() => tenant && onConfirm(tenant)}
    >
      {tenant ? <Consequences tenant={tenant} /> : null}
    </ConfirmDialog>
  );
}

function Consequences({ tenant }: { readonly tenant: TenantView }) {
  return (
    <>
      <Text as="p">
        Right away, everything this {tenant.channel === 'slack' ? 'Slack workspace' : 'Teams tenant'} has open in Koji ends: its users’ conversations
        with operators and their places in the queue end, and operators elsewhere who were talking to them are told. Its operators go off duty and
        lose the Live agent role; users elsewhere they were serving go to another operator or the front of the queue, or are offered a ticket if nobody else is on duty.
      </Text>
      {tenant.channel === 'slack' ? (
        <Text as="p">
          Koji then stops handling messages from this Slack workspace and deletes its bot token and signing secret. You can connect it again later
          with a new token; its people start with no role.
        </Text>
      ) : (
        <Text as="p">
          Koji then stops handling messages from this Microsoft Teams tenant and deletes its bot’s client secret. The Teams app stays installed, but
          Koji no longer answers in it. You can connect the tenant again later; its people start with no role.
        </Text>
      )}
    </>
  );
}
