import { participantKey, type Participant } from '../../domain/participant';

/**
 * A user's last messages to the bot, kept for a day so that an operator who
 * takes the conversation sees what the user already said.
 */
export function recentMessagesId(user: Participant): string {
  return `recent/${participantKey(user)}`;
}

export const RECENT_MESSAGES_TTL_SECONDS = 24 * 60 * 60;

/** A new conversation's id: the user and the delivery that asked for a human, unique and retry-stable. */
export function newConversationId(user: Participant, deliveryId: string): string {
  return `${participantKey(user)}/${deliveryId}`;
}

/** Ids for lines the app itself writes into a transcript ("forwarded to…", "ended by…"). */
export function systemLineId(kind: string, at: number): string {
  return `~${kind}-${at}`;
}

/** Whether a line is the app's own note of that kind. */
export function isSystemLineOf(kind: string, lineId: string): boolean {
  return lineId.startsWith(`~${kind}-`);
}

/** The kind of the note that says how a conversation ended, whatever ended it. */
export const ENDING_KIND = 'ended';
