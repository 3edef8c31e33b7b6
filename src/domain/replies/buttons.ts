import { isolatedName } from '../text';


export const buttonLabels = {
  talkToOperator: 'Talk to an operator',
  solvedIt: 'This solved it',
  leaveQueue: 'Leave the queue',
  createTicketForMe: 'Create a ticket',
  endConversation: 'End conversation',
  createTicket: 'Create ticket',
  forward: 'Forward',
  acceptOffer: 'Accept',
  declineOffer: 'Decline',
  /** A rating card's button: its score as the user reads it (rating.ts: '1' to '5', 'up', 'down'). */
  rating: (value: string) => ({ up: '👍', down: '👎' })[value] ?? value,
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
  rated: (score: string, commentMinutes: number) => `You rated ${score}. Thanks! To add a comment, reply here within ${commentMinutes} minutes.`,
  alreadyRated: (score: string) => `You already rated this conversation ${score}.`,
  solvedIt: 'You said this solved it',
  ratingWindowPassed: 'The time to rate this conversation has passed.',
} as const;
