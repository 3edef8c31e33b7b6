import Button from '@atlaskit/button/new';
import Modal, { ModalBody, ModalFooter, ModalHeader, ModalTitle, ModalTransition } from '@atlaskit/modal-dialog';
import { Stack, Text } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import type { TenantView } from '../../../src/shared/resolver-contract';

interface DisconnectDialogProps {
  /** The workspace or tenant to disconnect; no dialog without one. */
  readonly tenant: TenantView | undefined;
  readonly disconnecting: boolean;
  readonly error: string | undefined;
  readonly onCancel: () => void;
  readonly onConfirm: (tenant: TenantView) => void;
}

/** Asks before disconnecting a workspace or tenant, saying everything that ends with it. */
export function DisconnectDialog({ tenant, disconnecting, error, onCancel, onConfirm }: DisconnectDialogProps) {
  return (
    <ModalTransition>
      {tenant ? (
        <Modal onClose={onCancel} width="small">
          <ModalHeader hasCloseButton>
            <ModalTitle appearance="danger">Disconnect {tenant.name}?</ModalTitle>
          </ModalHeader>
          <ModalBody>
            <Stack space="space.150">
              <Text as="p">
                Right away, everything this {tenant.channel === 'slack' ? 'workspace' : 'tenant'} has open in Koji ends: its users’
                conversations with operators and their places in the queue end, and operators on other workspaces who were talking to them are
                told. Its operators go off duty and lose the Live agent role; users of other workspaces they were serving go to the front of the
                queue for the next free operator.
              </Text>
              {tenant.channel === 'slack' ? (
                <Text as="p">
                  Koji then stops handling messages from this Slack workspace and deletes its bot token and signing secret. You can connect it
                  again later with a new token; its people start with no role.
                </Text>
              ) : (
                <Text as="p">
                  Koji then stops handling messages from this Microsoft Teams tenant and deletes its bot’s client secret. The Teams app stays
                  installed, but Koji no longer answers in it. You can connect the tenant again later; its people start with no role.
                </Text>
              )}
              {error ? (
                <SectionMessage appearance="error" title="Not disconnected">
                  <Text as="p">{error}</Text>
                </SectionMessage>
              ) : null}
            </Stack>
          </ModalBody>
          <ModalFooter>
            <Button appearance="subtle" onClick={onCancel}>
              Cancel
            </Button>
            <Button appearance="danger" isLoading={disconnecting} onClick={() => onConfirm(tenant)}>
              Disconnect
            </Button>
          </ModalFooter>
        </Modal>
      ) : null}
    </ModalTransition>
  );
}
