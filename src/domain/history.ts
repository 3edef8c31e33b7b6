import type { Conversation } from './conversation';
import type { Language } from './language';
import type { ChatChannel, Participant } from './participant';

/**
 * How a conversation ended, as the History tab names it. The first six are the endings of a conversation
 * with an operator (end-conversation.ts `EndReason`); the rest close one that never reached an operator, or
 * was handed back and closed while waiting.
 */
export const HISTORY_ENDINGS = [
  'operator-ended',
  'user-left',
  'inactivity',
  'support-disabled',
  'tenant-disconnected',
  'user-unreachable',
  /** Left the queue (or an operator offer) before anyone took them: "abandoned". */
  'left-queue',
  /** Took the ticket they were offered instead of waiting. */
  'ticket-taken',
  /** Was offered a ticket and did not take it: declined, moved on, or the offer expired. */
  'ticket-not-taken',
] as const;

export type HistoryEnding = (typeof HISTORY_ENDINGS)[number];

/** A past conversation as the History tab lists it: one record per conversation, written once when it ends. */
export interface HistoryEntry {
  readonly conversationId: string;
  readonly projectId: string;
  readonly channel: ChatChannel;
  readonly user: Participant;
  readonly userName: string;
  /** The operator who held it last (after forwards, the one it ended with); absent when nobody took it. */
  readonly operator?: Participant | undefined;
  readonly operatorName?: string | undefined;
  /** When the user asked for a person (epoch ms). */
  readonly requestedAt: number;
  /** When the last operator took it; absent when nobody did. */
  readonly startedAt?: number | undefined;
  readonly endedAt: number;
  readonly ending: HistoryEnding;
  readonly ticket?: { readonly key: string; readonly url: string } | undefined;
  /** Its Conversation.autoRedaction and deskLang: a later edit of one of its messages is screened the same way. */
  readonly autoRedaction?: true | undefined;
  readonly deskLang?: Language | undefined;
}

/** Who appears in a project's history, for the History tab's pickers: each user and each operator once. */
export interface HistoryPerson {
  readonly role: 'user' | 'operator';
  readonly person: Participant;
  readonly name: string;
  /** The end of their latest conversation (epoch ms). */
  readonly lastSeen: number;
}

// Retention (setting `retentionDays`): how long history records and transcripts are kept.
export const DEFAULT_RETENTION_DAYS = 90;
export const MIN_RETENTION_DAYS = 7;
export const MAX_RETENTION_DAYS = 365;
export const DAY_SECONDS = 24 * 60 * 60;

/** The history record of a conversation that has just ended. */
export function historyEntryOf(conversation: Conversation, ending: HistoryEnding, endedAt: number): HistoryEntry {
  const { state } = conversation;
  // Held by nobody now (handed back, then left or ticketed): the operator who served it last is still who served it.
  const served = state.kind === 'with-operator' ? state : conversation.servedBy;
  return {
    conversationId: conversation.id,
    projectId: conversation.projectId,
    channel: conversation.user.channel,
    user: conversation.user,
    userName: conversation.userName,
    ...(served ? { operator: served.operator, operatorName: served.operatorName, startedAt: served.since } : {}),
    requestedAt: conversation.requestedAt,
    endedAt,
    ending,
    ...(conversation.ticket ? { ticket: { key: conversation.ticket.key, url: conversation.ticket.url } } : {}),
    ...(conversation.autoRedaction ? { autoRedaction: true, ...(conversation.deskLang ? { deskLang: conversation.deskLang } : {}) } : {}),
  };
}

/** A conversation closed without an operator: what became of it, from the state it was closed in. */
export function endingWithoutOperator(conversation: Conversation): HistoryEnding {
  return conversation.state.kind === 'ticket-offered' ? 'ticket-not-taken' : 'left-queue';
}

/**
 * How long what a conversation writes is kept, in seconds: the retention settled when it started
 * (Conversation.keepDays), or the default for conversations that started before retention existed.
 */
export function keepSecondsOf(holder: { readonly keepDays?: number | undefined } | undefined): number {
  return (holder?.keepDays ?? DEFAULT_RETENTION_DAYS) * DAY_SECONDS;
}
