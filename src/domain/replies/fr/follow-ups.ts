import { isolatedName } from '../../text';

export const followUpReplies = {
  agentCommented: (key: string, agentName: string, text: string, cut: boolean, url: string) =>
    `${isolatedName(agentName)} a commenté votre ticket ${key}\u00A0:\n${text}\n${cut ? `La suite est sur le ticket\u00A0: ${url}` : url}`,
  resolved: (key: string, status: string, resolution: string | undefined, url: string) =>
    `Votre ticket ${key} est maintenant ${isolatedName(status)}${resolution ? ` (résolution\u00A0: ${isolatedName(resolution)})` : ''}. Si ce n’est pas réglé pour vous, dites-le au service d’assistance\u00A0: ${url}`,
  reopened: (key: string, status: string, url: string) => `Votre ticket ${key} a été rouvert\u00A0: il est maintenant ${isolatedName(status)}. ${url}`,
  replyHint: () => 'Pour répondre sur le ticket, utilisez «\u00A0Répondre sur le ticket\u00A0».',
  replyOpen: (key: string, minutes: number) => `Écrivez votre réponse maintenant\u00A0: votre prochain message ici, dans les ${minutes} minutes, est ajouté au ticket ${key}.`,
  replyAdded: (key: string, url: string) => `Votre réponse a été ajoutée au ticket ${key}\u00A0: ${url}`,
  replyNotAdded: (key: string, retryable: boolean, url: string) =>
    retryable
      ? `Je n’ai pas pu ajouter votre réponse au ticket ${key} pour l’instant, car le service d’assistance ne répond pas. Renvoyez-la dans quelques minutes.`
      : `Je n’ai pas pu ajouter votre réponse au ticket ${key}. Répondez directement sur le ticket\u00A0: ${url}`,
  repliesOff: (key: string, url: string) => `Les réponses depuis le chat sont désactivées pour ce service d’assistance. Répondez directement sur le ticket ${key}\u00A0: ${url}`,
  notYourTicket: () => 'Je ne peux pas ajouter de réponse à ce ticket depuis ici.',
  replyButton: (key: string) => `Répondre sur le ticket ${key}`,
};
