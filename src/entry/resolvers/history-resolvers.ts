import { isButtonRef } from '../../adapters/chat/payload-checks';
import { findHistory, historyPeople, pastConversation } from '../../app/history/find-history';
import { buildServices } from '../../composition';
import type { HistoryEntry, HistoryPerson } from '../../domain/history';
import { KojiError } from '../../domain/koji-error';
import { isArticleLink } from '../../domain/knowledge-base';
import { isChatChannel, type ChatChannel, type Participant } from '../../domain/participant';
import type { HistoryEntryView, HistoryPersonView } from '../../shared/resolver-contract';
import { forAdmins, InvalidRequestError, stringField, type ResolverHandler } from './resolver-kit';
import { USER_ID } from './role-resolvers';
import { tenantOf } from './tenant-resolvers';
import { withSafeLinks } from './transcript-resolvers';

class NotKeptError extends KojiError {
  readonly code = 'no_conversation';

  constructor() {
    super('This conversation is not in the history: it ended before its retention time, or belongs to another project.');
  }
}

/** KVS cursors are opaque text: printable, no spaces, bounded. */
const CURSOR = /^[\x21-\x7e]{1,2000}$/;
/** A conversation id is the user's key and the delivery that asked (transcript-ids.ts). */
const CONVERSATION_ID = /^(slack|teams)\/[\x21-\x7e]{1,700}$/;
const TICKET_KEY = /^[A-Z][A-Z0-9_]{0,49}-[1-9]\d{0,9}$/;
/** Epoch milliseconds from 2020 to 2100: what a date picker can mean. */
const EARLIEST = Date.UTC(2020, 0, 1);
const LATEST = Date.UTC(2100, 0, 1);

/**
 * The History tab (admins only, like every backoffice key). Every payload field is checked for type, length and
 * characters before anything is read; each answer is one bounded page.
 */
export const historyResolvers: Record<string, ResolverHandler> = {
  'history/people': forAdmins(async ({ projectId, payload }) => {
    const role = roleOf(payload);
    const cursor = cursorOf(payload);
    const page = await historyPeople(buildServices({ projectId }), projectId, role, cursor);
    return { people: page.items.map(personView), ...(page.cursor ? { cursor: page.cursor } : {}) };
  }),
  'history/search': forAdmins(async ({ projectId, payload }) => {
    const query = searchOf(payload);
    const page = await findHistory(buildServices({ projectId }), { projectId, ...query });
    return { conversations: page.items.map(entryView), ...(page.cursor ? { cursor: page.cursor } : {}) };
  }),
  'history/get': forAdmins(async ({ projectId, payload }) => {
    const conversationId = stringField(payload, 'conversationId', CONVERSATION_ID);
    // Looked up by key: bounded by the weight its escaped key may have, as a button's conversation id is.
    if (!isButtonRef(conversationId)) throw new InvalidRequestError('The request needs a valid “conversationId”.');
    const found = await pastConversation(buildServices({ projectId }), projectId, conversationId);
    if (!found) throw new NotKeptError();
    return { conversation: entryView(found.entry), transcript: withSafeLinks(found.transcript) };
  }),
};

function fieldOf(payload: unknown, name: string): unknown {
  return typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>)[name] : undefined;
}

function roleOf(payload: unknown): 'user' | 'operator' {
  const role = fieldOf(payload, 'role');
  if (role !== 'user' && role !== 'operator') throw new InvalidRequestError('“role” must be “user” or “operator”.');
  return role;
}

function cursorOf(payload: unknown): string | undefined {
  const cursor = fieldOf(payload, 'cursor');
  if (cursor === undefined || cursor === null) return undefined;
  if (typeof cursor !== 'string' || !CURSOR.test(cursor)) throw new InvalidRequestError('“cursor” must be the one the last page gave.');
  return cursor;
}

function timeOf(payload: unknown, name: 'from' | 'to'): number | undefined {
  const value = fieldOf(payload, name);
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < EARLIEST || value > LATEST) {
    throw new InvalidRequestError(`“${name}” must be a time in epoch milliseconds between 2020 and 2100.`);
  }
  return value;
}

function searchOf(payload: unknown) {
  const known = new Set(['person', 'channel', 'from', 'to', 'ticketKey', 'cursor']);
  const extra = typeof payload === 'object' && payload !== null ? Object.keys(payload).filter((k) => !known.has(k)) : [];
  if (extra.length > 0) throw new InvalidRequestError(`Unknown search fields: ${extra.join(', ').slice(0, 200)}.`);
  const from = timeOf(payload, 'from');
  const to = timeOf(payload, 'to');
  if (from !== undefined && to !== undefined && from > to) throw new InvalidRequestError('“from” must not be after “to”.');
  const channel = fieldOf(payload, 'channel');
  if (channel !== undefined && channel !== null && !isChatChannel(channel)) throw new InvalidRequestError('“channel” must be “slack” or “teams”.');
  const ticketKey = fieldOf(payload, 'ticketKey');
  if (ticketKey !== undefined && ticketKey !== null && (typeof ticketKey !== 'string' || !TICKET_KEY.test(ticketKey))) {
    throw new InvalidRequestError('“ticketKey” must be a Jira issue key, such as SUP-12.');
  }
  return {
    person: personOf(fieldOf(payload, 'person')),
    channel: isChatChannel(channel) ? channel : undefined,
    from,
    to,
    ticketKey: typeof ticketKey === 'string' ? ticketKey : undefined,
    cursor: cursorOf(payload),
  };
}

function personOf(value: unknown): { role: 'user' | 'operator'; participant: Participant } | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw new InvalidRequestError('“person” must name a user or an operator.');
  const { channel, tenantId }: { channel: ChatChannel; tenantId: string } = tenantOf(value);
  return { role: roleOf(value), participant: { channel, tenantId, userId: stringField(value, 'userId', USER_ID) } };
}

function personView(person: HistoryPerson): HistoryPersonView {
  return { role: person.role, channel: person.person.channel, tenantId: person.person.tenantId, userId: person.person.userId, name: person.name, lastSeen: person.lastSeen };
}

function entryView(entry: HistoryEntry): HistoryEntryView {
  return {
    conversationId: entry.conversationId,
    channel: entry.channel,
    user: { channel: entry.user.channel, tenantId: entry.user.tenantId, userId: entry.user.userId },
    userName: entry.userName,
    ...(entry.operatorName ? { operatorName: entry.operatorName } : {}),
    requestedAt: entry.requestedAt,
    ...(entry.startedAt === undefined ? {} : { startedAt: entry.startedAt }),
    endedAt: entry.endedAt,
    ending: entry.ending,
    ...(entry.ticket ? { ticket: { key: entry.ticket.key, ...(isArticleLink(entry.ticket.url) ? { url: entry.ticket.url } : {}) } } : {}),
  };
}
