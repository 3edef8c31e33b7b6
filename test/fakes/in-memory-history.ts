import type { ConversationHistory, HistoryPage, HistoryQuery, TranscriptRetention } from '../../src/app/history/history-port';
import type { HistoryEntry, HistoryPerson } from '../../src/domain/history';
import { participantKey, sameParticipant } from '../../src/domain/participant';
import type { Clock } from '../../src/app/ports';
import type { InMemoryTranscripts } from './in-memory-stores';

interface Kept<T> {
  readonly value: T;
  readonly expiresAt: number;
}

/**
 * Past conversations in memory, as the KVS adapter keeps them: each record and each person seen expire after
 * the seconds they were written with; pages are newest first, `limit` at a time, the cursor an offset.
 */
export class InMemoryHistory implements ConversationHistory {
  readonly records = new Map<string, Kept<HistoryEntry>>();
  readonly seen = new Map<string, Kept<HistoryPerson>>();
  /** Writes made (one per record or person), as KVS would bill them. */
  writes = 0;

  constructor(private readonly clock: Clock) {}

  record(entry: HistoryEntry, keepSeconds: number): Promise<void> {
    const expiresAt = this.clock.now() + keepSeconds * 1000;
    this.records.set(entry.conversationId, { value: structuredClone(entry), expiresAt });
    const people: HistoryPerson[] = [{ role: 'user', person: entry.user, name: entry.userName, lastSeen: entry.endedAt }];
    if (entry.operator) people.push({ role: 'operator', person: entry.operator, name: entry.operatorName ?? entry.operator.userId, lastSeen: entry.endedAt });
    for (const person of people) this.seen.set(`${entry.projectId}|${person.role}|${participantKey(person.person)}`, { value: person, expiresAt });
    this.writes += 1 + people.length;
    return Promise.resolve();
  }

  find(query: HistoryQuery): Promise<HistoryPage<HistoryEntry>> {
    const { person } = query;
    const all = this.live(this.records)
      .filter((e) => e.projectId === query.projectId)
      .filter((e) => !person || ((who) => who !== undefined && sameParticipant(who, person.participant))(person.role === 'user' ? e.user : e.operator))
      .filter((e) => (query.from === undefined || e.endedAt >= query.from) && (query.to === undefined || e.endedAt <= query.to))
      .sort((a, b) => b.endedAt - a.endedAt);
    // As KVS: the limit counts the index's items, and the channel filter is applied to each page.
    return Promise.resolve(this.page(all, query.limit, query.cursor, (e) => query.channel === undefined || e.channel === query.channel));
  }

  byTicket(projectId: string, ticketKey: string): Promise<HistoryEntry | undefined> {
    return Promise.resolve(this.live(this.records).find((e) => e.projectId === projectId && e.ticket?.key === ticketKey));
  }

  get(projectId: string, conversationId: string): Promise<HistoryEntry | undefined> {
    const kept = this.records.get(conversationId);
    return Promise.resolve(kept && kept.expiresAt > this.clock.now() && kept.value.projectId === projectId ? structuredClone(kept.value) : undefined);
  }

  people(projectId: string, role: HistoryPerson['role'], page: { limit: number; cursor?: string | undefined }): Promise<HistoryPage<HistoryPerson>> {
    const prefix = `${projectId}|${role}|`;
    const all = [...this.seen].filter(([k, kept]) => k.startsWith(prefix) && kept.expiresAt > this.clock.now()).map(([, kept]) => kept.value);
    return Promise.resolve(this.page(all.sort((a, b) => b.lastSeen - a.lastSeen), page.limit, page.cursor, () => true));
  }

  private live<T>(map: Map<string, Kept<T>>): T[] {
    return [...map.values()].filter((kept) => kept.expiresAt > this.clock.now()).map((kept) => structuredClone(kept.value));
  }

  private page<T>(all: readonly T[], limit: number, cursor: string | undefined, keep: (item: T) => boolean): HistoryPage<T> {
    const start = cursor ? Number(cursor) : 0;
    const end = start + limit;
    return { items: all.slice(start, end).filter(keep), ...(end < all.length ? { cursor: String(end) } : {}) };
  }
}

/** The retention sweep over the in-memory transcripts: lines written without an expiry, before `before`, oldest first. */
export class InMemoryTranscriptRetention implements TranscriptRetention {
  /** Pages read (each a KVS query). */
  reads = 0;

  constructor(private readonly transcripts: InMemoryTranscripts) {}

  deleteLinesBefore(before: number, limit: number): Promise<{ deleted: number; cursor?: string }> {
    this.reads += 1;
    const due: Array<{ conversationId: string; lineId: string; at: number }> = [];
    for (const [conversationId, lines] of this.transcripts.conversations) {
      for (const [lineId, entry] of lines) if (entry.expiresAt === undefined && entry.line.at < before) due.push({ conversationId, lineId, at: entry.line.at });
    }
    due.sort((a, b) => a.at - b.at);
    for (const { conversationId, lineId } of due.slice(0, limit)) this.transcripts.conversations.get(conversationId)?.delete(lineId);
    return Promise.resolve({ deleted: Math.min(limit, due.length), ...(due.length > limit ? { cursor: 'more' } : {}) });
  }
}
