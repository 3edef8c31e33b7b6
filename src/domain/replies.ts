import type { ChatChannel } from './participant';
import { clipText, isolatedName } from './text';

/**
 * Every sentence the core says to a person, in one place, so the voice stays
 * consistent and tests can find the words users rely on.
 */
const CHANNEL_NAMES: Record<ChatChannel, string> = { slack: 'Slack', teams: 'Microsoft Teams' };
/** What people on each platform call the place an admin connects to Koji. */
const TENANT_NAMES: Record<ChatChannel, string> = { slack: 'Slack workspace', teams: 'Microsoft Teams organisation' };
export const tenantName = (channel: ChatChannel): string => TENANT_NAMES[channel];
export const channelName = (channel: ChatChannel): string => CHANNEL_NAMES[channel];

const BACK_TO_QUEUE = 'the conversation went back to the queue for the next free operator.';

/**
 * What a user is told to type, in quotes: an admin's words, kept plain on every surface as a name is (a phrase
 * like `#on` must not show as a command); each surface's text module escapes the rest.
 */
const typed = (phrase: string): string => `“${isolatedName(phrase)}”`;

const people = (n: number): string => (n === 1 ? '1 user is' : `${n} users are`);

const TICKET_OFFER = 'I can create a ticket from your messages so the service desk gets back to you: reply “ticket” or use the button.';

/** Why a user's operator is gone, as the user is told it; the operator's own line says the same (toOperator). */
export type OperatorGone =
  | { readonly kind: 'off-duty' | 'lost-role' | 'unreachable'; readonly name: string }
  /** The operator's own Slack workspace or Teams tenant was disconnected. */
  | { readonly kind: 'tenant-disconnected'; readonly name: string; readonly channel: ChatChannel };

/**
 * Where a user handed back stands: in the queue at their real place; offered a ticket, as a new request is when
 * nobody is on duty; or somewhere this sentence need not say (connected meanwhile, or gone).
 */
export type HandedBackTo = { readonly kind: 'queue'; readonly position: number } | { readonly kind: 'ticket-offer' } | { readonly kind: 'elsewhere' };

const operatorGone = (why: OperatorGone): string => {
  const name = isolatedName(why.name);
  switch (why.kind) {
    case 'off-duty':
      return `${name} had to leave.`;
    case 'lost-role':
      return `${name} is no longer available.`;
    case 'unreachable':
      return `${name} can’t be reached any more.`;
    case 'tenant-disconnected':
      return `${name} is no longer available: an administrator disconnected their ${TENANT_NAMES[why.channel]} from Koji.`;
  }
};

const whereNow = (to: HandedBackTo): string =>
  to.kind === 'queue'
    ? ` You’re ${to.position === 1 ? 'first in line' : `number ${to.position} in the queue`} for the next free operator.`
    : to.kind === 'ticket-offer'
      ? ` No other operator is on duty right now, so nobody can take over this chat. ${TICKET_OFFER}`
      : '';

/** What became of an operator's users when they left, for the operator's own line: the same story the users hear. */
export interface HandedOver {
  /** Users put back in the queue (or straight to another operator). */
  readonly queued: readonly string[];
  /** Users offered a ticket because nobody else was on duty. */
  readonly offeredTicket: readonly string[];
}

const handedOverLines = ({ queued, offeredTicket }: HandedOver): string[] => [
  queued.length > 0 ? `Your conversations with ${queued.map(isolatedName).join(', ')} were handed to other operators or back to the queue.` : '',
  offeredTicket.length > 0
    ? `No other operator is on duty, so ${offeredTicket.map(isolatedName).join(', ')} ${offeredTicket.length === 1 ? 'was' : 'were'} offered a ticket instead.`
    : '',
];

const offDutyLine = (first: string, handedOver: HandedOver, waiting: number, last: string): string =>
  [first, ...handedOverLines(handedOver), waiting > 0 ? `${people(waiting)} still waiting.` : '', last].filter((s) => s.length > 0).join(' ');

export const toUser = {
  liveAgentUnavailable: () =>
    'Live agent support isn’t available right now. I can still help with your question here.',
  noOperatorOnDuty: () => `No operator is on duty right now, so nobody can join this chat. ${TICKET_OFFER}`,
  queued: (position: number) =>
    `All operators are busy. You’re number ${position} in the queue, and I’ll tell you as soon as one is free. Type “cancel” to leave the queue.`,
  stillQueued: (position: number) =>
    `You’re still waiting for an operator: number ${position} in the queue. Type “cancel” to leave the queue.`,
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
} as const;

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
  alreadyOffDuty: () => 'You’re already off duty. Type #on to start your shift.',
  request: (userName: string, channel: ChatChannel) =>
    `${isolatedName(userName)} (${CHANNEL_NAMES[channel]}) wants to talk to an operator. Your replies go to them until you type “stop”.`,
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

/**
 * The app's own notes in a conversation's transcript: the issue panel, the ticket and the next operator's card
 * show them. Names isolated, as in every sentence here.
 */
export const transcriptNotes = {
  operatorEnded: (operatorName: string) => `${isolatedName(operatorName)} ended the conversation.`,
  userEnded: (userName: string) => `${isolatedName(userName)} ended the conversation.`,
  closedForInactivity: () => 'The conversation was closed for inactivity.',
  closedSupportDisabled: () => 'The conversation was closed because live agent support was turned off.',
  closedTenantDisconnected: (userName: string, channel: ChatChannel) =>
    `The conversation was closed because ${isolatedName(userName)}’s ${TENANT_NAMES[channel]} was disconnected from Koji.`,
  closedUserUnreachable: (userName: string, channel: ChatChannel) =>
    `The conversation was closed because ${isolatedName(userName)} could no longer be reached on ${CHANNEL_NAMES[channel]}.`,
  forwarded: (fromName: string, toName: string) => `${isolatedName(fromName)} forwarded the conversation to ${isolatedName(toName)}.`,
  acceptedTicket: (userName: string) => `${isolatedName(userName)} accepted the offered ticket.`,
  declinedTicket: (userName: string) => `${isolatedName(userName)} declined the offered ticket.`,
  leftQueue: (userName: string) => `${isolatedName(userName)} left the queue.`,
  ticketOfferExpired: (userName: string) => `${isolatedName(userName)} did not take up the offered ticket in time.`,
  stoppedWaitingUnreachable: (userName: string, channel: ChatChannel) =>
    `${isolatedName(userName)} could no longer be reached on ${CHANNEL_NAMES[channel]}, so they stopped waiting.`,
  backToAssistant: (userName: string) => `${isolatedName(userName)} went back to the assistant without a ticket.`,
  wentOffDuty: (operatorName: string) => `${isolatedName(operatorName)} went off duty; ${BACK_TO_QUEUE}`,
  putOffDuty: (operatorName: string) => `An administrator put ${isolatedName(operatorName)} off duty; ${BACK_TO_QUEUE}`,
  lostRole: (operatorName: string) => `${isolatedName(operatorName)} lost the Live agent role; ${BACK_TO_QUEUE}`,
  operatorUnreachable: (operatorName: string, channel: ChatChannel, reason: string) =>
    `${isolatedName(operatorName)} could not be reached (${CHANNEL_NAMES[channel]} says ${reason}) and was taken off duty; ${BACK_TO_QUEUE}`,
} as const;

/** A message named back to its sender: its first words, enough to recognise it. */
const quoted = (text: string): string => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return `“${flat ? clipText(flat, 80) : '(no text)'}”`;
};

const quotedList = (texts: readonly string[]): string => {
  const shown = texts.slice(0, 5).map(quoted).join(', ');
  return texts.length > 5 ? `${shown} and ${texts.length - 5} more` : shown;
};

/** What a relay's sender, user or operator, hears when their words did not get through. */
export const relayFailures = {
  notDelivered: (recipientName: string, texts: readonly string[]) =>
    texts.length === 1
      ? `Your message ${quotedList(texts)} couldn’t be delivered to ${isolatedName(recipientName)}. Please send it again.`
      : `${texts.length} of your messages couldn’t be delivered to ${isolatedName(recipientName)}: ${quotedList(texts)}. Please send them again.`,
  /** Waiting messages that will not be sent now: the conversation ended, was forwarded, or its operator went off duty. */
  dropped: (recipientName: string, texts: readonly string[], because: 'ended' | 'forwarded' | 'off-duty') => {
    const before = { ended: 'before the conversation ended', forwarded: 'before you forwarded the conversation', 'off-duty': 'before you went off duty' }[because];
    const after = because === 'ended' ? '' : ' It stays in the conversation for whoever takes it over.';
    return texts.length === 1
      ? `Your message ${quotedList(texts)} couldn’t be delivered to ${isolatedName(recipientName)} ${before}.${after}`
      : `${texts.length} of your messages couldn’t be delivered to ${isolatedName(recipientName)} ${before}: ${quotedList(texts)}.${after.replace('It stays', 'They stay')}`;
  },
  partsNotDelivered: (recipientName: string, text: string, from: number, count: number) =>
    `${from === count ? `Part ${from}` : `Parts ${from}–${count}`} of ${count} of your long message ${quotedList([text])} couldn’t be delivered to ${isolatedName(recipientName)}. Please send the rest again.`,
  mayNotHaveArrived: (recipientName: string, texts: readonly string[]) =>
    `Your message ${quotedList(texts)} may not have reached ${isolatedName(recipientName)}: the chat service stopped answering while it was being sent. If ${isolatedName(recipientName)} doesn’t reply to it, please send it again.`,
} as const;

function helpText(commandHelp: readonly string[]): string {
  return `Commands: ${commandHelp.join('; ')}.`;
}

export const buttonLabels = {
  talkToOperator: 'Talk to an operator',
  leaveQueue: 'Leave the queue',
  createTicketForMe: 'Create a ticket',
  endConversation: 'End conversation',
  createTicket: 'Create ticket',
  forward: 'Forward',
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
} as const;
