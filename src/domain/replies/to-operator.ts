import { isolatedName } from '../text';
import { CHANNEL_NAMES, TENANT_NAMES, handedOverLines, offDutyLine, people, type HandedOver } from './shared';
import type { ChatChannel } from '../participant';


export const toOperator = {
  notAnOperator: () =>
    'Only live agents can use operator commands. Ask your Jira admin for the Live agent role in the Koji backoffice.',
  liveAgentDisabled: () =>
    'Live agent support is turned off for this service desk. Ask your Jira admin to turn it on in the Koji backoffice.',
  onDuty: (waiting: number) => `You’re on duty. ${waiting === 0 ? 'Nobody is waiting right now.' : `${people(waiting)} waiting.`}`,
  alreadyOnDuty: (waiting: number) => `You’re already on duty. ${waiting === 0 ? 'Nobody is waiting right now.' : `${people(waiting)} waiting.`}`,
  offDuty: (handedOver: HandedOver, waiting: number) => offDutyLine('You’re off duty.', handedOver, waiting, ''),
  /** A Jira admin put them off duty from the backoffice (duty/set-duty-status.ts): what became of their users, and the way back. */
  putOffDuty: (handedOver: HandedOver, waiting: number) =>
    offDutyLine('An administrator put you off duty in the Koji backoffice.', handedOver, waiting, 'Type #on when you’re ready to take users again.'),
  /** The timeout sweep put them off duty: on duty, nobody to serve, and nothing from them for that long (duty/idle-away.ts). */
  idleAway: (minutes: number) => `You’ve been idle for ${minutes} minutes with nobody to serve, so I put you off duty. Type #on when you’re back.`,
  alreadyOffDuty: () => 'You’re already off duty. Type #on to start your shift.',
  request: (userName: string, channel: ChatChannel) =>
    `${isolatedName(userName)} (${CHANNEL_NAMES[channel]}) wants to talk to an operator. Your replies go to them until you type “stop”.`,
  /** Offer mode (app/offers/): the card that offers a waiting user to this operator, above the excerpt. */
  offer: (userName: string, channel: ChatChannel, windowSeconds: number) =>
    `${isolatedName(userName)} (${CHANNEL_NAMES[channel]}) is waiting to talk to an operator. Accept within ${windowSeconds} seconds, or decline so someone else can take them. You can also type #accept or #decline.`,
  offerAccepted: (userName: string) => `You accepted ${isolatedName(userName)}.`,
  offerDeclined: (userName: string) => `You declined ${isolatedName(userName)}; they were passed on to the next operator.`,
  offerExpired: (userName: string, windowSeconds: number) =>
    `Nobody accepted within ${windowSeconds} seconds, so ${isolatedName(userName)} was passed on to the next operator.`,
  offerWithdrawn: (userName: string) => `${isolatedName(userName)} stopped waiting, so this offer is closed.`,
  offerHandedBack: (userName: string) => `You’re off duty now, so ${isolatedName(userName)} went back to the queue.`,
  /** The offer was settled before its card arrived: no telling which way, so the card says it is closed. */
  offerClosed: (userName: string) => `The offer of ${isolatedName(userName)} is closed: they stopped waiting, or went to another operator.`,
  noOpenOffer: () => 'You have no open offer: it was taken up, it expired, or the user stopped waiting.',
  /** Typed words, not a command, from an operator whose only users are offers still waiting for their answer. */
  answerOfferFirst: (userName: string) =>
    `${isolatedName(userName)} isn’t connected to you yet. Type #accept to take them, or #decline to pass them on.`,
  missedOffersAway: (missed: number) =>
    `You let ${missed === 1 ? 'an offer' : `${missed} offers in a row`} go unanswered, so I put you off duty and passed your open offers to other operators. Type #on when you’re back.`,
  noteAdded: (userName: string) => `Note added to the conversation with ${isolatedName(userName)}. ${isolatedName(userName)} doesn’t see it; it goes on a ticket as an internal comment.`,
  noteRefused: (empty: boolean, max: number) =>
    empty ? 'Write the note after #note, like “#note asked for the serial number”.' : `A note can be at most ${max} characters. Split it into several.`,
  ended: (userName: string) => `Your conversation with ${isolatedName(userName)} has ended. You’re free for the next user.`,
  userLeft: (userName: string) => `${isolatedName(userName)} ended the conversation. You’re free for the next user.`,
  notInConversation: (duty: 'on' | 'off') =>
    duty === 'on'
      ? 'You’re on duty but not in a conversation. Users who ask for an operator will be sent to you.'
      : 'You’re off duty. Type #on to start your shift.',
  conversationAlreadyEnded: () => 'That conversation has ended or was handed to someone else, so nothing was done.',
  whichConversation: (names: readonly string[]) =>
    `You’re in ${names.length} conversations (${names.map(isolatedName).join(', ')}). Start your message with the name of the person it is for, like “${isolatedName(names[0] ?? 'Bob')}: your message”.`,
  operatorList: (lines: readonly string[]) =>
    lines.length === 0 ? 'No operator is on duty.' : [`On duty (${lines.length}):`, ...lines].join('\n'),
  operatorLine: (name: string, load: number, capacity: number, isYou: boolean) =>
    `• ${isolatedName(name)}${isYou ? ' (you)' : ''}: ${load}/${capacity} conversation${capacity === 1 ? '' : 's'}${load >= capacity ? ', busy' : ''}`,
  forwardChoices: (names: readonly string[]) =>
    [
      'Who should take this conversation? Type forward_operator and a number or a name:',
      ...names.map((name, i) => `${i + 1}. ${isolatedName(name)}`),
    ].join('\n'),
  nobodyToForwardTo: () => 'No other operator on duty has room for another conversation right now.',
  forwardUnknown: (target: string) =>
    `I don’t know an operator called “${isolatedName(target)}”. Type forward_operator to see who can take the conversation.`,
  forwardToSelf: () => 'You’re already in this conversation. Pick another operator.',
  forwardOffDuty: (name: string) => `${isolatedName(name)} is off duty. Pick an operator who is on duty.`,
  forwardAtCapacity: (name: string) => `${isolatedName(name)} has no room for another conversation right now.`,
  forwardedToYou: (fromName: string, userName: string, channel: ChatChannel) =>
    `${isolatedName(fromName)} forwarded ${isolatedName(userName)} (${CHANNEL_NAMES[channel]}) to you. Here is the conversation so far; your replies go to ${isolatedName(userName)} until you type “stop”.`,
  earlierMessagesLeftOut: (ticketKey: string | undefined) =>
    ticketKey
      ? `Only the newest messages fit here; the earlier ones are on ticket ${ticketKey}.`
      : 'Only the newest messages fit here; #create_ticket puts the whole conversation on a ticket.',
  forwardNote: (fromName: string, note: string) => `Note from ${isolatedName(fromName)}: ${note}`,
  forwardNoteTooLong: (max: number) => `A note for the next operator can be at most ${max} characters. Put the rest in a #note.`,
  forwardNoteWithoutTarget: () => 'Name who should take the conversation before the colon, like “forward_operator Uma: needs a VPN reset”, or “forward_operator anyone: …” for the next free operator.',
  nobodyElseOnDuty: (userName: string) => `No other operator is on duty, so ${isolatedName(userName)} stays with you.`,
  forwardedToQueue: (userName: string) => `${isolatedName(userName)} went back to the queue, first in line for the next free operator other than you. You’re free for the next user.`,
  forwarded: (userName: string, toName: string) =>
    `${isolatedName(userName)} is now with ${isolatedName(toName)}. You’re free for the next user.`,
  ticketCreated: (key: string, url: string) => `Ticket ${key} was created from this conversation, which goes on until you type “stop”: ${url}`,
  ticketUpdated: (key: string, lines: number) =>
    lines === 0
      ? `Ticket ${key} already has the whole conversation.`
      : `Ticket ${key} already exists, so I added the ${lines} new message${lines === 1 ? '' : 's'} to it as a comment.`,
  ticketFailed: (reason: string, retryable: boolean) =>
    retryable
      ? `I couldn’t create the ticket: ${reason} The conversation is kept, so you can try again in a moment.`
      : `I couldn’t create the ticket: ${reason} The conversation is kept: once that is fixed, #create_ticket makes the ticket with all of it.`,
  ticketInProgress: () => 'A ticket is already being created from this conversation; you’ll get its key in a moment.',
  ticketNotUpdated: (key: string, lines: number, reason: string, retryable: boolean) =>
    `I couldn’t add the ${lines} new message${lines === 1 ? '' : 's'} to ticket ${key}: ${reason} ${
      retryable ? 'They are kept, so #create_ticket again adds them.' : 'They stay in Koji’s transcript of this conversation.'
    }`,
  ticketRemainderNotAdded: (userName: string, key: string, reason: string, retryable: boolean) =>
    `I couldn’t add the end of your conversation with ${isolatedName(userName)} to ticket ${key}: ${reason} ${
      retryable ? `Nothing is lost: the Koji panel on ${key} shows the whole conversation.` : 'Koji keeps the conversation’s transcript.'
    }`,
  closedForInactivity: (userName: string, minutes: number) =>
    `Your conversation with ${isolatedName(userName)} was closed after ${minutes} minutes without messages.`,
  /** `commandHelp`: each command's help line, from the command registry. */
  unknownCommand: (word: string, commandHelp: readonly string[]) => `I don’t know the command ${word}. ${helpText(commandHelp)}`,
  help: (commandHelp: readonly string[]) => helpText(commandHelp),
  endedBeforeTicket: (userName: string) =>
    `The conversation with ${isolatedName(userName)} ended before the ticket was made, so no ticket was created from it.`,
  userUnreachable: (userName: string, channel: ChatChannel) =>
    `${isolatedName(userName)} can’t be reached on ${CHANNEL_NAMES[channel]} any more, so your conversation with them has ended. You’re free for the next user.`,
  roleGranted: () =>
    'You now have the Live agent role in Koji. Type #on to start your shift and #off to end it.',
  roleRevoked: () => 'Your Live agent role in Koji was removed, so you’re off duty.',
  liveAgentTurnedOff: () => 'Live agent support was turned off for this service desk, so you’re off duty.',
  userDisconnected: (userName: string, channel: ChatChannel) =>
    `An administrator disconnected ${isolatedName(userName)}’s ${TENANT_NAMES[channel]} from Koji, so your conversation with them has ended. You’re free for the next user.`,
  /** The operator's own Slack workspace or Teams tenant was disconnected; what became of their users, as they were told. */
  tenantDisconnected: (channel: ChatChannel, handedOver: HandedOver) =>
    [`An administrator disconnected this ${TENANT_NAMES[channel]} from Koji, so you’re off duty and no longer a live agent.`, ...handedOverLines(handedOver)]
      .filter((s) => s.length > 0)
      .join(' '),
} as const;

function helpText(commandHelp: readonly string[]): string {
  return `Commands: ${commandHelp.join('; ')}. With several conversations, start with the user’s name: “Bob: …”. To send a message that starts with #, write ## in its place.`;
}
