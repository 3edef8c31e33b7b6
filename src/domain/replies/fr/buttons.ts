import { isolatedName } from '../../text';
import { count, typed } from './shared';

export const buttonLabels = {
  talkToOperator: 'Parler à un opérateur',
  solvedIt: 'Problème résolu',
  leaveQueue: 'Quitter la file d’attente',
  createTicketForMe: 'Créer un ticket',
  endConversation: 'Terminer la conversation',
  createTicket: 'Créer le ticket',
  forward: 'Transférer',
  acceptOffer: 'Accepter',
  declineOffer: 'Refuser',
  rating: (value: string) => ({ up: '👍', down: '👎' })[value] ?? value,
} as const;

/** Feminine where the card was a conversation or an offer (une proposition): "Terminée", "Acceptée". */
export const usedCardNotes = {
  endedByYou: 'Terminée par vous',
  youEnded: 'Vous avez mis fin à la conversation',
  forwardedTo: (name: string) => `Transférée à ${isolatedName(name)}`,
  askedForOperator: 'Vous avez demandé un opérateur',
  leftQueue: 'Vous avez quitté la file d’attente',
  declinedTicket: 'Vous avez refusé le ticket',
  ticketRequested: 'Ticket demandé',
  offerAccepted: 'Acceptée par vous',
  offerDeclined: 'Refusée par vous',
  offerClosed: 'Proposition close',
  savedReplySent: (name: string) => `Réponse ${typed(name)} envoyée`,
  rated: (score: string, commentMinutes: number) =>
    `Vous avez attribué la note ${score}. Merci\u202F! Pour ajouter un commentaire, répondez ici dans un délai de ${count(commentMinutes, 'minute', 'minutes')}.`,
  alreadyRated: (score: string) => `Vous avez déjà attribué la note ${score} à cette conversation.`,
  solvedIt: 'Vous avez indiqué que le problème est résolu',
  ratingWindowPassed: 'Le délai pour évaluer cette conversation est dépassé.',
} as const;
