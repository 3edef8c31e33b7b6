import { isolatedName } from '../text';


export const buttonLabels = {
  talkToOperator: 'Talk to an operator',
  leaveQueue: 'Leave the queue',
  createTicketForMe: 'Create a ticket',
  endConversation: 'End conversation',
  createTicket: 'Create ticket',
  forward: 'Forward',
  acceptOffer: 'Accept',
  declineOffer: 'Decline',
} as const;

/**
 * What a used card says instead of its buttons, read by the person who
 * clicked. Short: the adapter shows it as one line under the card's content.
 */
export const usedCardNotes = {
  endedByYou: 'Ended by you',
  youEnded: 'You ended the conversation',
  forwardedTo: (name: string) => `Forwarded to ${isolatedName(name)}`,
  askedForOperator: 'You asked for an operator',
  leftQueue: 'You left the queue',
  declinedTicket: 'You declined the ticket',
  ticketRequested: 'Ticket requested',
  offerAccepted: 'Accepted by you',
  offerDeclined: 'Declined by you',
  offerClosed: 'No longer open',
  savedReplySent: (name: string) => `Sent “${isolatedName(name)}”`,
} as const;
