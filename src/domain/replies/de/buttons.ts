import { isolatedName } from '../../text';
import type { Catalogue } from '../catalogue';
import { count } from './shared';

export const buttonLabels: Catalogue['buttonLabels'] = {
  talkToOperator: 'Mit einem Agenten sprechen',
  solvedIt: 'Problem gelöst',
  leaveQueue: 'Warteschlange verlassen',
  createTicketForMe: 'Ticket erstellen',
  endConversation: 'Gespräch beenden',
  createTicket: 'Ticket erstellen',
  forward: 'Weiterleiten',
  acceptOffer: 'Annehmen',
  declineOffer: 'Ablehnen',
  rating: (value: string) => ({ up: '👍', down: '👎' })[value] ?? value,
};

/** Short: one line under the card's content (see ../buttons.ts). */
export const usedCardNotes: Catalogue['usedCardNotes'] = {
  endedByYou: 'Von Ihnen beendet',
  youEnded: 'Sie haben das Gespräch beendet',
  forwardedTo: (name: string) => `Weitergeleitet an ${isolatedName(name)}`,
  askedForOperator: 'Sie haben einen Agenten angefordert',
  leftQueue: 'Sie haben die Warteschlange verlassen',
  declinedTicket: 'Sie haben das Ticket abgelehnt',
  ticketRequested: 'Ticket angefordert',
  offerAccepted: 'Von Ihnen angenommen',
  offerDeclined: 'Von Ihnen abgelehnt',
  offerClosed: 'Nicht mehr offen',
  savedReplySent: (name: string) => `„${isolatedName(name)}“ gesendet`,
  rated: (score: string, commentMinutes: number) =>
    `Sie haben mit ${score} bewertet. Danke! Für einen Kommentar antworten Sie hier innerhalb von ${count(commentMinutes, 'Minute', 'Minuten')}.`,
  alreadyRated: (score: string) => `Sie haben dieses Gespräch bereits mit ${score} bewertet.`,
  solvedIt: 'Sie haben angegeben, dass das Problem gelöst ist',
  ratingWindowPassed: 'Die Frist für die Bewertung dieses Gesprächs ist abgelaufen.',
};
