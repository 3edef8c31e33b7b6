import type { FileDelivery, FileTransfer, OpenedFile, SendContext } from '../../app/files/file-transfer';
import { FileTransferError } from '../../domain/errors';
import type { ChatChannel, Participant } from '../../domain/participant';
import type { AttachmentRef } from '../../domain/transcript';

/** One channel's part of the file port: download with its credentials, upload to its people. */
export interface ChannelFileSide {
  open(from: Participant, ref: AttachmentRef, maxBytes: number): Promise<OpenedFile>;
  send(to: Participant, file: OpenedFile, context: SendContext): Promise<FileDelivery>;
}

const NAMES: Record<ChatChannel, string> = { slack: 'Slack', teams: 'Microsoft Teams' };

/** The file port over the channels and Jira: a file is read from its sender's channel and written to its recipient's, across channels too, or to a ticket. */
export class ChannelFiles implements FileTransfer {
  constructor(
    private readonly sides: Partial<Record<ChatChannel, ChannelFileSide>>,
    private readonly tickets: { attach(ticketKey: string, file: OpenedFile): Promise<void> },
  ) {}

  attachToTicket(ticketKey: string, file: OpenedFile): Promise<void> {
    return this.tickets.attach(ticketKey, file);
  }

  open(from: Participant, ref: AttachmentRef, maxBytes: number): Promise<OpenedFile> {
    return this.side(from.channel).open(from, ref, maxBytes);
  }

  send(to: Participant, file: OpenedFile, context: SendContext): Promise<FileDelivery> {
    return this.side(to.channel).send(to, file, context);
  }

  private side(channel: ChatChannel): ChannelFileSide {
    const side = this.sides[channel];
    if (!side) throw new FileTransferError(`${NAMES[channel]} is not connected to Koji`);
    return side;
  }
}
