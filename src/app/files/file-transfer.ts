import type { Language } from '../../domain/language';
import type { Participant } from '../../domain/participant';
import type { AttachmentRef } from '../../domain/transcript';

/** A shared file opened for reading: streamed from its platform, never held whole unless a destination needs it so. */
export interface OpenedFile {
  readonly name: string;
  readonly mimeType: string;
  /** Bytes, when the platform said (Content-Length or the event); the body is cut off past the project's limit regardless. */
  readonly size?: number | undefined;
  readonly body: ReadableStream<Uint8Array>;
}

/** How a file reached its recipient: as a file, as an inline picture, or offered for them to accept (Teams' file consent card). */
export type FileDelivery = 'file' | 'image' | 'consent';

/** Where a file being sent came from, so a recipient's platform that asks first (Teams) can open it again once they accept. */
export interface FileSource {
  readonly from: Participant;
  readonly ref: AttachmentRef;
  readonly maxBytes: number;
}

/** Who is sending a file, and in which conversation. */
export interface SendContext {
  readonly senderName: string;
  /** The sender's language (for what they are told later) and the recipient's (for what their platform shows). */
  readonly senderLang?: Language | undefined;
  readonly recipientLang?: Language | undefined;
  readonly conversationId: string;
  readonly source?: FileSource | undefined;
}

/**
 * Files between chat platforms, with the app's own credentials on each side: the core's port for relaying what
 * people share (files/relay-files.ts) and putting it on tickets. Throws FileTransferError with a reason safe to show
 * the sender, FileTooBigError past `maxBytes`, or ChatDeliveryError's passing failures.
 */
export interface FileTransfer {
  /** Opens `ref`, shared by `from`, from `from`'s platform, with that tenant's bot credentials. */
  open(from: Participant, ref: AttachmentRef, maxBytes: number): Promise<OpenedFile>;
  /** Sends an opened file to `to`, in their chat with the bot, as shared by `senderName`. */
  send(to: Participant, file: OpenedFile, context: SendContext): Promise<FileDelivery>;
  /** Puts an opened file on a service desk ticket (JSM's attachments). */
  attachToTicket(ticketKey: string, file: OpenedFile): Promise<void>;
}
