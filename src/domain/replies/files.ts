import type { FileRefusal } from '../files';
import { isolatedName } from '../text';

/** A file's name as the app quotes it in its own sentences: isolated like a person's name, so it cannot reorder them. */
const fileName = (name: string): string => `“${isolatedName(name)}”`;

const because = (refusal: FileRefusal): string => {
  switch (refusal.kind) {
    case 'too-big':
      return `it is larger than ${refusal.maxMegabytes} MB, the most this service desk accepts`;
    case 'type-not-allowed':
      return 'this service desk doesn’t accept files of that type';
    case 'not-transferred':
      return refusal.reason.replace(/[.\s]+$/, '');
  }
};

/** What the sender of a file, user or operator, hears when it was not relayed. */
export const fileReplies = {
  notRelayed: (name: string, recipientName: string, refusal: FileRefusal) =>
    `Your file ${fileName(name)} wasn’t sent to ${isolatedName(recipientName)}: ${because(refusal)}.`,
  /** The conversation ended or moved on before the file could be sent. */
  conversationOver: (name: string, recipientName: string) =>
    `Your file ${fileName(name)} wasn’t sent to ${isolatedName(recipientName)}: the conversation ended before it could be.`,
  /** The Teams person was sent a file consent card for it and chose Decline. */
  declined: (name: string, recipientName: string) => `${isolatedName(recipientName)} declined your file ${fileName(name)}, so it wasn’t sent.`,
  /** The file consent card's description in Teams: who is sending what. */
  consentDescription: (name: string, senderName: string) => `${isolatedName(senderName)} is sending you ${fileName(name)}.`,
  /** Told to the operator who made the ticket: which files could not be put on it. */
  notAttached: (ticketKey: string, names: readonly string[], reason: string) =>
    `I couldn’t attach ${names.length === 1 ? `the file ${fileName(names[0] ?? '')}` : `${names.length} files (${names.slice(0, 5).map(fileName).join(', ')})`} to ticket ${ticketKey}: ${reason.replace(/[.\s]+$/, '')}.`,
  /** What the recipient's Slack shows above a relayed file: who shared it. */
  sharedAFile: (senderName: string) => `${isolatedName(senderName)} shared a file:`,
} as const;
