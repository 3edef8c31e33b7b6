import { isolatedName } from '../text';

/** Tickets that keep talking (issue 22): what the user hears about their ticket in the chat, and about answering it there. */
export const followUpReplies = {
  /** A Jira agent's public comment; `cut`: the chat shows its start, the rest is on the ticket. */
  agentCommented: (key: string, agentName: string, text: string, cut: boolean, url: string) =>
    `${isolatedName(agentName)} commented on your ticket ${key}:\n${text}\n${cut ? `The rest is on the ticket: ${url}` : url}`,
  /** The ticket reached a status that tells the user (the Done category, or the admin's); `resolution` from Jira, as it says it. */
  resolved: (key: string, status: string, resolution: string | undefined, url: string) =>
    `Your ticket ${key} is now ${isolatedName(status)}${resolution ? ` (resolution: ${isolatedName(resolution)})` : ''}. If it isn’t solved for you, tell the service desk: ${url}`,
  reopened: (key: string, status: string, url: string) => `Your ticket ${key} was reopened: it is now ${isolatedName(status)}. ${url}`,
  /** After a follow-up, when replies from the chat are allowed. */
  replyHint: () => 'To answer on the ticket, use “Reply on ticket”.',
  /** After the Reply on ticket button. */
  replyOpen: (key: string, minutes: number) => `Write your reply now: your next message here, within ${minutes} minutes, is added to ticket ${key}.`,
  replyAdded: (key: string, url: string) => `Your reply was added to ticket ${key}: ${url}`,
  /** Jira did not take it; the reason is for admins (logged). */
  replyNotAdded: (key: string, retryable: boolean, url: string) =>
    retryable
      ? `I couldn’t add your reply to ticket ${key} just now because the service desk isn’t answering. Please send it again in a few minutes.`
      : `I couldn’t add your reply to ticket ${key}. Please answer on the ticket itself: ${url}`,
  repliesOff: (key: string, url: string) => `Replies from the chat are turned off for this service desk. Please answer on ticket ${key} itself: ${url}`,
  /** A button naming a ticket that is not this person's (or one Koji doesn't know). */
  notYourTicket: () => 'I can’t add a reply to that ticket from here.',
  replyButton: (key: string) => `Reply on ticket ${key}`,
} as const;
