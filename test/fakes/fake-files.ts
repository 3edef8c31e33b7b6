import type { FileDelivery, FileTransfer, OpenedFile } from '../../src/app/files/file-transfer';
import { readAll } from '../../src/app/files/limited-body';
import { FileTransferError } from '../../src/domain/errors';
import { participantKey, type Participant } from '../../src/domain/participant';
import type { AttachmentRef } from '../../src/domain/transcript';

/** A file as it arrived on the other side. */
export interface ArrivedFile {
  readonly to: Participant;
  readonly name: string;
  readonly bytes: number;
  readonly senderName: string;
}

/** Files on the platforms, in memory: what people shared (by download address) and what arrived where. */
export class FakeFiles implements FileTransfer {
  readonly arrived: ArrivedFile[] = [];
  private readonly stored = new Map<string, { bytes: Uint8Array; mimeType: string; saysSize: boolean }>();
  /** Recipients whose platform refuses files, with the reason. */
  readonly refusing = new Map<string, string>();

  /** A file someone can share: the reference their platform would send (`sizeUnknown`: it does not say the size, as Teams). */
  share(name: string, bytes: number, mimeType: string, options: { sizeUnknown?: boolean } = {}): AttachmentRef {
    const download = `https://files.example/${this.stored.size}/${encodeURIComponent(name)}`;
    this.stored.set(download, { bytes: new Uint8Array(bytes).fill(7), mimeType, saysSize: !options.sizeUnknown });
    return { name, url: download, download, mimeType, ...(options.sizeUnknown ? {} : { size: bytes }) };
  }

  open(_from: Participant, ref: AttachmentRef): Promise<OpenedFile> {
    const file = ref.download ? this.stored.get(ref.download) : undefined;
    if (!file) return Promise.reject(new FileTransferError('the file is gone from the chat service'));
    const body = new Blob([file.bytes]).stream();
    return Promise.resolve({ name: ref.name, mimeType: file.mimeType, size: file.saysSize ? file.bytes.byteLength : undefined, body });
  }

  async send(to: Participant, file: OpenedFile, context: { readonly senderName: string }): Promise<FileDelivery> {
    const refusal = this.refusing.get(participantKey(to));
    if (refusal) throw new FileTransferError(refusal);
    const bytes = await readAll(file.body);
    this.arrived.push({ to, name: file.name, bytes: bytes.byteLength, senderName: context.senderName });
    return 'file';
  }

  /** Files put on tickets: key and name. */
  readonly onTickets: Array<{ ticketKey: string; name: string; bytes: number }> = [];
  /** When set, Jira refuses every file with this reason. */
  ticketRefusal: string | undefined;

  async attachToTicket(ticketKey: string, file: OpenedFile): Promise<void> {
    if (this.ticketRefusal) throw new FileTransferError(this.ticketRefusal);
    const bytes = await readAll(file.body);
    this.onTickets.push({ ticketKey, name: file.name, bytes: bytes.byteLength });
  }

  to(p: Participant): string[] {
    return this.arrived.filter((f) => participantKey(f.to) === participantKey(p)).map((f) => f.name);
  }
}
