import type { ReactNode } from 'react';
import Button from '@atlaskit/button/new';
import Modal, { ModalBody, ModalFooter, ModalHeader, ModalTitle, ModalTransition } from '@atlaskit/modal-dialog';
import { Stack } from '@atlaskit/primitives';

interface ConfirmDialogProps {
  /** Whether the dialog is open: it animates in and out inside its transition. */
  readonly isOpen: boolean;
  /** A question naming the action and what it acts on, e.g. "Disconnect Acme?". */
  readonly title: string;
  /** The button that does it, a verb, e.g. "Disconnect". */
  readonly confirmLabel: string;
  readonly busy: boolean;
  readonly onCancel: () => void;
  readonly onConfirm: () => void;
  /** What will happen, in the admin's words. */
  readonly children: ReactNode;
}

/**
 * Asks before an action that cannot simply be undone. Cancel is the safe way out, so Escape, the
 * close button and a click beside the dialog all cancel; the action's own button is the danger one.
 */
export function ConfirmDialog({ isOpen, title, confirmLabel, busy, onCancel, onConfirm, children }: ConfirmDialogProps) {
  return (
    <ModalTransition>
      {isOpen ? (
        <Modal onClose={busy ? undefined : onCancel} width="small">
          <ModalHeader hasCloseButton>
            <ModalTitle appearance="danger">{title}</ModalTitle>
          </ModalHeader>
          <ModalBody>
            <Stack space="space.150">{children}</Stack>
          </ModalBody>
          <ModalFooter>
            <Button appearance="subtle" onClick={onCancel} isDisabled={busy}>
              Cancel
            </Button>
            <Button appearance="danger" isLoading={busy} onClick={onConfirm}>
              {confirmLabel}
            </Button>
          </ModalFooter>
        </Modal>
      ) : null}
    </ModalTransition>
  );
}
