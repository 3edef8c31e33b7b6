import { isolatedName } from '../text';
import { operatorGone, TICKET_OFFER, TENANT_NAMES, typed, whereNow, type HandedBackTo, type OperatorGone } from './shared';
import type { ChatChannel } from '../participant';
import type { NextOpening } from '../business-hours';
import type { RatingScale } from '../rating';

export const toUser = {
  liveAgentUnavailable: () =>
    'Live agent support isn’t available right now. I can still help with your question here.',
  noOperatorOnDuty: () => `No operator is on duty right now, so nobody can join this chat. ${TICKET_OFFER}`,
  /** Outside the project's business hours; `back` undefined: no open hours in the coming 7 days. */
  outsideBusinessHours: (back: NextOpening | undefined, timeZone: string) =>
    back === undefined
      ? `Our team is away now, and no opening hours are set for the next 7 days. ${TICKET_OFFER}`
      : `Our team is away now: we’re back ${dayOf(back)} at ${back.time} (${timeZone}). ${TICKET_OFFER}`,
  queued: (position: number) =>
    `All operators are busy. You’re number ${position} in the queue, and I’ll tell you as soon as one is free. Type “cancel” to leave the queue.`,
  stillQueued: (position: number) =>
    `You’re still waiting for an operator: number ${position} in the queue. Type “cancel” to leave the queue.`,
  /** Offer mode: an operator was offered the user and has not accepted yet. */
  beingConnected: () => 'Connecting you to an operator. I’ll tell you here as soon as one joins. Type “cancel” to stop waiting.',
  /** Offer mode: every operator with room now declined or let the offer pass; the user keeps the front of the line. */
  offersWentRound: (firstInLine: boolean) =>
    `The operators free right now couldn’t take your chat. ${firstInLine ? 'You’re first in line for the next one' : 'You keep your place in the queue'}: keep waiting, or I can create a ticket from your messages so the service desk gets back to you (reply “ticket” or use the button).`,
  connected: (operatorName: string) =>
    `You’re now talking to ${isolatedName(operatorName)}, a live agent. Type “stop” when you’re done.`,
  alreadyConnected: (operatorName: string) => `You’re already talking to ${isolatedName(operatorName)}.`,
  leftQueue: () => 'You’ve left the queue. You’re back with the Koji assistant.',
  youEnded: (operatorName: string) =>
    `You ended the conversation with ${isolatedName(operatorName)}. You’re back with the Koji assistant.`,
  closedByOperator: (operatorName: string) =>
    `${isolatedName(operatorName)} closed the conversation. You can continue talking to the Koji assistant.`,
  /** The user's operator is gone and they were handed back: why, then where they stand now, in one line. */
  handedBack: (why: OperatorGone, to: HandedBackTo) => `${operatorGone(why)}${whereNow(to)}`,
  passedToQueue: (operatorName: string) => `${isolatedName(operatorName)} passed your conversation on. You’re first in line for the next free operator.`,
  takenOver: (operatorName: string) => `${isolatedName(operatorName)} has taken over your conversation.`,
  ticketCreated: (key: string, url: string) => `Ticket ${key} was created from this conversation: ${url}`,
  ticketCreatedForYou: (key: string, url: string) =>
    `I created ticket ${key} from your messages; the service desk will get back to you there: ${url}`,
  /** The reason is for admins (it is logged); users hear what it means for them. */
  ticketNotCreated: (retryable: boolean) =>
    retryable
      ? 'I couldn’t create a ticket just now because the service desk isn’t answering. Please try again in a few minutes: reply “ticket” or use the button.'
      : 'The service desk can’t take tickets from this chat right now, so I couldn’t create one. Please contact the service desk another way.',
  ticketInProgress: () => 'Your ticket is being created; you’ll get its key in a moment.',
  ticketUpdatedForYou: (key: string, url: string) =>
    `Your messages were added to ticket ${key}; the service desk will get back to you there: ${url}`,
  offerDeclined: () => 'All right, no ticket. You’re back with the Koji assistant.',
  /** `handoffPhrase`: what asks for a human here, the project's first handoff phrase (handoffHint in settings.ts). */
  noTicketOffered: (handoffPhrase: string) => `There’s no ticket offer open. Type ${typed(handoffPhrase)} if you’d like to talk to a person.`,
  closedForInactivity: (minutes: number) =>
    `This conversation was closed after ${minutes} minutes without messages. You can continue talking to the Koji assistant.`,
  queueTimedOut: (minutes: number) =>
    `Sorry, no operator could take your request within ${minutes} minutes. I can create a ticket from your messages so the service desk gets back to you: reply “ticket” or use the button.`,
  liveAgentTurnedOff: () =>
    'Live agent support was turned off for this service desk, so this conversation has ended. You can continue talking to the Koji assistant.',
  liveAgentTurnedOffWhileWaiting: () =>
    'Live agent support was turned off for this service desk, so no operator can take your request. I can create a ticket from your messages so the service desk gets back to you: reply “ticket” or use the button.',
  /**
   * The user's own Slack workspace or Teams tenant was disconnected: told while its bot can still reach them, as
   * the last thing Koji says there. `operatorName`: whom they were talking to; undefined when they were waiting.
   */
  tenantDisconnected: (channel: ChatChannel, operatorName?: string) =>
    `An administrator disconnected this ${TENANT_NAMES[channel]} from Koji, so ${
      operatorName === undefined ? 'your request for an operator has ended' : `your conversation with ${isolatedName(operatorName)} has ended`
    }.`,
  assistantHint: (handoffPhrase: string) => `I’m the Koji assistant. To talk to a person, type ${typed(handoffPhrase)}.`,
  /** The assistant's answer above the articles it found in the knowledge base. */
  articlesFound: (count: number) => (count === 1 ? 'This article may help:' : `These ${count} articles may help:`),
  /** The knowledge base had nothing for the question (or did not answer in time). */
  noArticleFound: (handoffPhrase: string) => `I couldn’t find an article about that. To talk to a person, type ${typed(handoffPhrase)}.`,
  /** After **This solved it**. */
  gladItHelped: () => 'Great, glad that solved it! Ask me here any time.',
  /** The rating card, after the conversation's ending notice: one tap, once, within the project's window. */
  rateConversation: (operatorName: string, scale: RatingScale, windowHours: number) =>
    scale === 'thumbs'
      ? `Did ${isolatedName(operatorName)} help you? Tap 👍 or 👎 within ${windowHours} ${windowHours === 1 ? 'hour' : 'hours'}.`
      : `How did ${isolatedName(operatorName)} do? Tap a score from 1 (poor) to 5 (great) within ${windowHours} ${windowHours === 1 ? 'hour' : 'hours'}.`,
  ratingCommentAdded: () => 'Thanks, I added your comment to your rating.',
} as const;

const dayOf = (back: NextOpening): string => {
  const weekday = back.weekday.charAt(0).toUpperCase() + back.weekday.slice(1);
  if (back.daysAhead === 0) return 'today';
  if (back.daysAhead === 1) return 'tomorrow';
  return back.daysAhead === 7 ? `next ${weekday}` : `on ${weekday}`;
};
