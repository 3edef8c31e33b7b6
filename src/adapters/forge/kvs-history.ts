import { Filter, FilterConditions, Sort, WhereConditions, type kvs as KvsClient } from '@forge/kvs';
import type { ConversationHistory, HistoryPage, HistoryQuery, TranscriptRetention } from '../../app/history/history-port';
import { HISTORY_ENDINGS, type HistoryEntry, type HistoryPerson } from '../../domain/history';
import { isChatChannel, isParticipant, participantKey, type Participant } from '../../domain/participant';
import { ENTITY, INDEX, storageKeys } from './kvs-keys';
import { PAGE_LIMIT } from './kvs-index-page';
import { pageFromCursor } from './kvs-cursor';
import type { MessageEntity } from './kvs-transcript-log';
import { schemaStamp, upgraded } from './record-versions';

/** What the History tab says of a cursor KVS refuses (see kvs-cursor.ts). */
const STALE_SEARCH = 'This cursor is not one the history gave for this search: search again.';
const STALE_PEOPLE = 'This cursor is not one the history gave for this list of people: open the list again.';

type Kvs = typeof KvsClient;

/** The `history` entity: the record whole in `data`, the rest copies to index and filter on (manifest.yml). */
export interface HistoryEntity {
  /** The shape of `data` (record-versions.ts); absent on records written by 1.x: shape 1. */
  readonly schema?: number | undefined;
  readonly projectId: string;
  readonly userKey: string;
  readonly operatorKey?: string;
  readonly ticketKey?: string;
  readonly channel: string;
  readonly endedAt: number;
  readonly data: HistoryEntry;
}

interface PersonEntity {
  readonly schema?: number | undefined;
  readonly projectId: string;
  readonly role: HistoryPerson['role'];
  readonly lastSeen: number;
  readonly data: HistoryPerson;
}

/**
 * Past conversations in Forge KVS: one `history` entity per conversation and one `history-person` per user or
 * operator seen in a project, written together in one transaction with the project's retention as their TTL.
 * Every read is one index query of at most a page, newest first.
 */
export class KvsConversationHistory implements ConversationHistory {
  constructor(private readonly kvs: Kvs) {}

  async record(entry: HistoryEntry, keepSeconds: number): Promise<void> {
    const ttl = { ttl: { value: Math.max(1, Math.round(keepSeconds)), unit: 'SECONDS' as const } };
    const tx = this.kvs.transact();
    const entity: HistoryEntity = {
      projectId: entry.projectId,
      userKey: participantKey(entry.user),
      ...(entry.operator ? { operatorKey: participantKey(entry.operator) } : {}),
      ...(entry.ticket ? { ticketKey: entry.ticket.key } : {}),
      channel: entry.channel,
      endedAt: entry.endedAt,
      data: entry,
      ...schemaStamp('history'),
    };
    tx.set(storageKeys.history(entry.conversationId), entity, { entityName: ENTITY.history }, ttl);
    const seen = (role: HistoryPerson['role'], person: Participant, name: string) => {
      const value: PersonEntity = { projectId: entry.projectId, role, lastSeen: entry.endedAt, data: { role, person, name, lastSeen: entry.endedAt }, ...schemaStamp('history-person') };
      tx.set(storageKeys.historyPerson(entry.projectId, role, person), value, { entityName: ENTITY.historyPerson }, ttl);
    };
    seen('user', entry.user, entry.userName);
    if (entry.operator) seen('operator', entry.operator, entry.operatorName ?? entry.operator.userId);
    await tx.execute();
  }

  async find(query: HistoryQuery): Promise<HistoryPage<HistoryEntry>> {
    const { person } = query;
    const index = !person ? INDEX.historyByProject : person.role === 'user' ? INDEX.historyByUser : INDEX.historyByOperator;
    const partition = person ? [query.projectId, participantKey(person.participant)] : [query.projectId];
    let q = this.kvs.entity<HistoryEntity>(ENTITY.history).query().index(index, { partition }).sort(Sort.DESC).limit(Math.min(query.limit, PAGE_LIMIT));
    const range = rangeOf(query.from, query.to);
    if (range) q = q.where(range);
    if (query.channel) q = q.filters(new Filter<HistoryEntity>().and('channel', FilterConditions.equalTo(query.channel)));
    if (query.cursor) q = q.cursor(query.cursor);
    const { results, nextCursor } = await pageFromCursor(() => q.getMany(), query.cursor, STALE_SEARCH);
    return { items: results.map((r) => historyOf(r.value)).filter(isHistoryEntry), cursor: nextCursor };
  }

  async byTicket(projectId: string, ticketKey: string): Promise<HistoryEntry | undefined> {
    const found = await this.kvs.entity<HistoryEntity>(ENTITY.history).query().index(INDEX.historyByTicket, { partition: [projectId, ticketKey] }).sort(Sort.DESC).limit(1).getMany();
    const first = found.results[0];
    const entry = first ? historyOf(first.value) : undefined;
    return isHistoryEntry(entry) ? entry : undefined;
  }

  async get(projectId: string, conversationId: string): Promise<HistoryEntry | undefined> {
    const found = await this.kvs.entity<HistoryEntity>(ENTITY.history).get(storageKeys.history(conversationId));
    const entry = found ? historyOf(found) : undefined;
    // Keyed by conversation alone: a record of another project is as good as none.
    return isHistoryEntry(entry) && entry.projectId === projectId ? entry : undefined;
  }

  async people(projectId: string, role: HistoryPerson['role'], page: { readonly limit: number; readonly cursor?: string | undefined }): Promise<HistoryPage<HistoryPerson>> {
    let q = this.kvs.entity<PersonEntity>(ENTITY.historyPerson).query().index(INDEX.historyPeople, { partition: [projectId, role] }).sort(Sort.DESC).limit(Math.min(page.limit, PAGE_LIMIT));
    if (page.cursor) q = q.cursor(page.cursor);
    const { results, nextCursor } = await pageFromCursor(() => q.getMany(), page.cursor, STALE_PEOPLE);
    return { items: results.map((r) => upgraded<HistoryPerson>('history-person', r.value)).filter((p) => isParticipant(p.person) && typeof p.name === 'string'), cursor: nextCursor };
  }
}

/**
 * Transcript lines that carry no TTL (stored before retention, or written where no retention was at hand, as a
 * rating after the end) are deleted once past the longest retention of the site's projects: the `by-time` index,
 * oldest first, up to the cutoff. Lines with a TTL are gone before, so this reads nothing when nothing is due.
 */
export class KvsTranscriptRetention implements TranscriptRetention {
  constructor(private readonly kvs: Kvs) {}

  async deleteLinesBefore(before: number, limit: number, cursor?: string): Promise<{ deleted: number; cursor?: string | undefined }> {
    let query = this.kvs
      .entity<MessageEntity>(ENTITY.message)
      .query()
      .index(INDEX.messagesByTime)
      .where(WhereConditions.lessThan(before))
      // Only lines stored before retention: a line with a TTL keeps its conversation's, whatever the setting is now.
      .filters(new Filter<MessageEntity>().and('expires', FilterConditions.notExists()))
      .sort(Sort.ASC)
      .limit(Math.min(limit, PAGE_LIMIT));
    if (cursor) query = query.cursor(cursor);
    const { results, nextCursor } = await query.getMany();
    for (const { key } of results) await this.kvs.entity(ENTITY.message).delete(key);
    return { deleted: results.length, cursor: nextCursor };
  }
}

/** A stored history record in the current shape, upgraded on the fly from the one it was written in. */
export function historyOf(stored: { readonly schema?: number | undefined; readonly data: unknown }): HistoryEntry {
  return upgraded<HistoryEntry>('history', stored);
}

function rangeOf(from: number | undefined, to: number | undefined) {
  if (from !== undefined && to !== undefined) return WhereConditions.between(from, to);
  if (from !== undefined) return WhereConditions.greaterThanEqualTo(from);
  if (to !== undefined) return WhereConditions.lessThanEqualTo(to);
  return undefined;
}

/** Stored data outlives code: a record is used only if it still has the shape the pages need. */
function isHistoryEntry(value: unknown): value is HistoryEntry {
  const e = value as Partial<HistoryEntry> | undefined;
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof e.conversationId === 'string' &&
    typeof e.projectId === 'string' &&
    isChatChannel(e.channel) &&
    isParticipant(e.user) &&
    typeof e.endedAt === 'number' &&
    HISTORY_ENDINGS.includes(e.ending as HistoryEntry['ending'])
  );
}
