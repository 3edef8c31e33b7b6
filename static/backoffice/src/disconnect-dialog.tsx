import { useId, useState } from 'react';
import { Inline, Text } from '@atlaskit/primitives';
import type { TenantView } from '../../../src/shared/resolver-contract';
import { ConfirmDialog } from './confirm-dialog';

interface DisconnectDialogProps {
  /** The workspace or tenant to disconnect; no dialog without one. */
  readonly tenant: TenantView | undefined;
  readonly disconnecting: boolean;
  readonly onCancel: () => void;
  /** `erasePeople`: the admin ticked “Erase its people’s data” too. */
  readonly onConfirm: (tenant: TenantView, erasePeople: boolean) => void;
}

/** Asks before disconnecting a Slack workspace or Teams tenant, saying everything that ends with it. */
export function DisconnectDialog({ tenant, disconnecting, onCancel, onConfirm }: DisconnectDialogProps) {
  const id = useId();
  // Ticked for one tenant only: erasing is never carried over to the next one asked about.
  const [ticked, setTicked] = useState<TenantView | undefined>();
  const erasePeople = tenant !== undefined && ticked === tenant;
  const setErasePeople = (on: boolean) => setTicked(on ? tenant : undefined);
  return (
    <ConfirmDialog
      isOpen={tenant !== undefined}
      title={`Disconnect ${tenant?.name ?? ''}?`}
      confirmLabel="Disconnect"
      busy={disconnecting}
      onCancel={onCancel}
      onConfirm={() => tenant && onConfirm(tenant, erasePeople)}
    >
      {tenant ? <Consequences tenant={tenant} /> : null}
      <Inline space="space.100" alignBlock="start">
        <input id={`${id}-erase`} type="checkbox" checked={erasePeople} onChange={(e) => setErasePeople(e.currentTarget.checked)} disabled={disconnecting} />
        <label htmlFor={`${id}-erase`}>
          <Text>
            Erase its people’s data too: the conversations, transcripts, ratings and History of everyone Koji has seen from it, in the background
            (see Privacy).
          </Text>
        </label>
      </Inline>
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
