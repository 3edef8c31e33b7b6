import type { FileRefusal } from '../../files';
import { isolatedName } from '../../text';
import { typed } from './shared';

/** A file's name in quotes, isolated like a person's name. */
const fileName = typed;

const because = (refusal: FileRefusal): string => {
  switch (refusal.kind) {
    case 'too-big':
      return `il dépasse ${refusal.maxMegabytes} Mo, la taille maximale acceptée par ce centre de services`;
    case 'type-not-allowed':
      return 'ce centre de services n’accepte pas ce type de fichier';
    case 'not-transferred':
      return refusal.reason.replace(/[.\s]+$/, '');
  }
};

export const fileReplies = {
  notRelayed: (name: string, recipientName: string, refusal: FileRefusal) =>
    `Votre fichier ${fileName(name)} n’a pas été envoyé à ${isolatedName(recipientName)}\u00A0: ${because(refusal)}.`,
  conversationOver: (name: string, recipientName: string) =>
    `Votre fichier ${fileName(name)} n’a pas été envoyé à ${isolatedName(recipientName)}\u00A0: la conversation s’est terminée avant son envoi.`,
  declined: (name: string, recipientName: string) =>
    `${isolatedName(recipientName)} a refusé votre fichier ${fileName(name)}, il n’a donc pas été envoyé.`,
  consentDescription: (name: string, senderName: string) => `${isolatedName(senderName)} vous envoie ${fileName(name)}.`,
  notAttached: (ticketKey: string, names: readonly string[], reason: string) =>
    `Je n’ai pas pu joindre ${names.length === 1 ? `le fichier ${fileName(names[0] ?? '')}` : `${names.length} fichiers (${names.slice(0, 5).map(fileName).join(', ')})`} au ticket ${ticketKey}\u00A0: ${reason.replace(/[.\s]+$/, '')}.`,
  sharedAFile: (senderName: string) => `${isolatedName(senderName)} a partagé un fichier\u00A0:`,
} as const;
