import { clipText, isolatedName } from '../text';
import { BACK_TO_QUEUE, CHANNEL_NAMES, TENANT_NAMES } from './shared';
import type { ChatChannel } from '../participant';


/**
 * The app's own notes in a conversation's transcript: the issue panel, the ticket and the next operator's card
 * show them. Names isolated, as in every sentence here.
 */
export const transcriptNotes = {
  operatorEnded: (operatorName: string) => `${isolatedName(operatorName)} ended the conversation.`,
  userEnded: (userName: string) => `${isolatedName(userName)} ended the conversation.`,
  closedForInactivity: () => 'The conversation was closed for inactivity.',
  closedSupportDisabled: () => 'The conversation was closed because live agent support was turned off.',
  closedSupportDisabledWhileWaiting: () => 'Live agent support was turned off while the user waited.',
  closedTenantDisconnected: (userName: string, channel: ChatChannel) =>
    `The conversation was closed because ${isolatedName(userName)}’s ${TENANT_NAMES[channel]} was disconnected from Koji.`,
  closedUserUnreachable: (userName: string, channel: ChatChannel) =>
    `The conversation was closed because ${isolatedName(userName)} could no longer be reached on ${CHANNEL_NAMES[channel]}.`,
  forwardedToQueue: (fromName: string) => `${isolatedName(fromName)} passed the conversation back to the queue for the next free operator.`,
  forwarded: (fromName: string, toName: string) => `${isolatedName(fromName)} forwarded the conversation to ${isolatedName(toName)}.`,
  /** In a user's messages to the bot, once they went into a conversation: the next one starts after it. */
  recentTaken: () => 'The messages above went into a conversation with the service desk.',
  /** After a hand-back, when nobody else was on duty to take the user. */
  offeredTicketNobodyOnDuty: (userName: string) => `No other operator was on duty, so ${isolatedName(userName)} was offered a ticket.`,
  acceptedTicket: (userName: string) => `${isolatedName(userName)} accepted the offered ticket.`,
  declinedTicket: (userName: string) => `${isolatedName(userName)} declined the offered ticket.`,
  leftQueue: (userName: string) => `${isolatedName(userName)} left the queue.`,
  ticketOfferExpired: (userName: string) => `${isolatedName(userName)} did not take up the offered ticket in time.`,
  stoppedWaitingUnreachable: (userName: string, channel: ChatChannel) =>
    `${isolatedName(userName)} could no longer be reached on ${CHANNEL_NAMES[channel]}, so they stopped waiting.`,
  /** Internal lines: the service desk's, never the user's (TranscriptLine.internal). */
  rated: (userName: string, score: string) => `${isolatedName(userName)} rated the conversation ${score}.`,
  ratingComment: (userName: string, comment: string) => `${isolatedName(userName)} added a comment to their rating: “${comment}”`,
  backToAssistant: (userName: string) => `${isolatedName(userName)} went back to the assistant without a ticket.`,
  /** On a ticket that already holds the message (edits/handle-chat-edit.ts): `sentAt` as `YYYY-MM-DD HH:MM UTC`. */
  messageEdited: (name: string, sentAt: string, text: string) => `${isolatedName(name)} edited their message of ${sentAt} in the chat. It now reads: “${text}”`,
  messageDeleted: (name: string, sentAt: string) =>
    `${isolatedName(name)} deleted their message of ${sentAt} from the chat. The Koji conversation panel shows it as deleted; this ticket’s earlier comments are Jira’s and stay as they are.`,
  offerDeclined: (operatorName: string) => `${isolatedName(operatorName)} declined the offer of this conversation.`,
  offerExpired: (operatorName: string, windowSeconds: number) =>
    `${isolatedName(operatorName)} did not answer the offer of this conversation within ${windowSeconds} seconds.`,
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
