import type { FileRefusal } from '../../files';
import { isolatedName } from '../../text';
import type { Catalogue } from '../catalogue';

const fileName = (name: string): string => `„${isolatedName(name)}“`;

/** A whole sentence after the colon, so it starts with a capital (not "sie", which would read as "Sie"). */
const because = (refusal: FileRefusal): string => {
  switch (refusal.kind) {
    case 'too-big':
      return `Die Datei ist größer als ${refusal.maxMegabytes} MB, das Maximum für diesen Servicedesk`;
    case 'type-not-allowed':
      return 'Dieser Servicedesk nimmt keine Dateien dieses Typs an';
    case 'not-transferred':
      return refusal.reason.replace(/[.\s]+$/, '');
  }
};

export const fileReplies: Catalogue['fileReplies'] = {
  notRelayed: (name: string, recipientName: string, refusal: FileRefusal) =>
    `Ihre Datei ${fileName(name)} wurde nicht an ${isolatedName(recipientName)} gesendet: ${because(refusal)}.`,
  conversationOver: (name: string, recipientName: string) =>
    `Ihre Datei ${fileName(name)} wurde nicht an ${isolatedName(recipientName)} gesendet: Das Gespräch endete, bevor sie gesendet werden konnte.`,
  declined: (name: string, recipientName: string) =>
    `${isolatedName(recipientName)} hat Ihre Datei ${fileName(name)} abgelehnt, deshalb wurde sie nicht gesendet.`,
  consentDescription: (name: string, senderName: string) => `${isolatedName(senderName)} sendet Ihnen ${fileName(name)}.`,
  notAttached: (ticketKey: string, names: readonly string[], reason: string) =>
    `Ich konnte ${names.length === 1 ? `die Datei ${fileName(names[0] ?? '')}` : `${names.length} Dateien (${names.slice(0, 5).map(fileName).join(', ')})`} nicht an das Ticket ${ticketKey} anhängen: ${reason.replace(/[.\s]+$/, '')}.`,
  sharedAFile: (senderName: string) => `${isolatedName(senderName)} hat eine Datei geteilt:`,
};
