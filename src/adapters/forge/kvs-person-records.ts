import { createHash } from 'node:crypto';
import { MetadataField, Sort, type kvs as KvsClient } from '@forge/kvs';
import type { AuditEntry } from '../../domain/audit';
import type { Conversation } from '../../domain/conversation';
import { ERASED_NAME, ERASED_USER_ID, erasedParticipant } from '../../domain/erased-person';
import type { HistoryEntry } from '../../domain/history';
import { participantKey, type Participant } from '../../domain/participant';
import type { ConversationRating } from '../../domain/rating';
import type { Page } from '../../app/ports';
import type { ErasureProgress, ErasureProgressStore, OwnConversation, OwnRecords, PageAsk, PersonRecords, Stored, StoredLine } from '../../app/privacy/person-records';
import { escapeKeyPart, ENTITY, INDEX, storageKeys } from './kvs-keys';
import { PAGE_LIMIT } from './kvs-index-page';
import { eraseFromFigures, personFigures } from './kvs-person-figures';
import { historyOf } from './kvs-history';
import { lineOf, type MessageEntity } from './kvs-transcript-log';
import { dataOf, versionedEntity, type VersionedEntity } from './kvs-versioned';
import { schemaStamp, upgraded } from './record-versions';

type Kvs = typeof KvsClient;
type Item = { readonly key: string; readonly entityName?: string | undefined };
type SetItem = Item & { readonly value: unknown; readonly expireTime?: string | undefined };

/** KVS takes at most 25 items in one batch call. */
const BATCH = 25;
/** An erasure's progress is kept a month after its last step: long enough to see it was done. */
const PROGRESS_TTL = { value: 30, unit: 'DAYS' as const };
const WITH_EXPIRY = { metadataFields: [MetadataField.EXPIRE_TIME] };

/**
 * A person's records in Forge KVS (app/privacy/person-records.ts): their own keys in one `batchGet`, everything
 * else one index page a read (at most 100 records), deletes and rewrites in batches of 25. A record of someone
 * else rewritten without the person keeps its expiry time (read with the page), so erasure never lengthens a
 * retention.
 */
export class KvsPersonRecords implements PersonRecords, ErasureProgressStore {
  constructor(private readonly kvs: Kvs) {}

  async own(projectId: string, person: Participant): Promise<OwnRecords> {
    const items = ownItems(projectId, person);
    const found = await this.batchGet(items);
    const records: Record<string, unknown> = {};
    for (const item of items) {
      const stored = found.find((f) => f.key === item.key && f.entityName === item.entityName)?.value;
      if (stored === undefined) continue;
      const value = item.entityName && typeof stored === 'object' && stored !== null && 'data' in stored ? (stored).data : stored;
      // Another project's conversation or role is that project's to export or erase.
      if ((item.name === 'conversation' || item.name === 'operator' || item.name === 'lastOperator') && projectOf(value) !== projectId) continue;
      records[item.name] = value;
    }
    const conversation = records['conversation'] as Conversation | undefined;
    return { records, conversationIds: conversation ? [conversation.id] : [] };
  }

  /** Deletes exactly the records `own` found (by name): another project's conversation or role stays. */
  async eraseOwn(projectId: string, person: Participant, found: OwnRecords): Promise<number> {
    const keys = ownItems(projectId, person).filter((item) => item.name in found.records);
    await this.batchDelete(keys);
    return keys.length;
  }

  async conversations(projectId: string, person: Participant, page: PageAsk): Promise<Page<HistoryEntry>> {
    const found = await this.historyPage(INDEX.historyByUser, [projectId, participantKey(person)], page);
    return { items: found.items.map((e) => e.value), cursor: found.cursor };
  }

  served(projectId: string, person: Participant, page: PageAsk): Promise<Page<Stored<HistoryEntry>>> {
    return this.historyPage(INDEX.historyByOperator, [projectId, participantKey(person)], page);
  }

  async lines(conversationId: string, page: PageAsk): Promise<Page<StoredLine>> {
    let q = this.kvs.entity<MessageEntity>(ENTITY.message).query().index(INDEX.messagesByConversation, { partition: [conversationId] }).sort(Sort.ASC).limit(limitOf(page));
    if (page.cursor) q = q.cursor(page.cursor);
    const { results, nextCursor } = await q.getMany();
    return { items: results.map((r) => ({ conversationId: r.value.conversationId, line: lineOf(r.value), ...(r.value.expires === undefined ? {} : { expires: r.value.expires }) })), cursor: nextCursor };
  }

  async rewriteNotes(lines: readonly StoredLine[], name: string): Promise<number> {
    await this.batchSet(
      lines.map(({ conversationId, line, expires }) => {
        const entity: MessageEntity = { conversationId, at: line.at, ...(expires === undefined ? {} : { expires }), line: { ...line, text: line.text.split(name).join(ERASED_NAME) }, ...schemaStamp('message') };
        return { key: storageKeys.message(conversationId, line.id), entityName: ENTITY.message, value: entity, ...expiring(expires) };
      }),
    );
    return lines.length;
  }

  async spoken(person: Participant, page: PageAsk): Promise<Page<Stored<StoredLine>>> {
    let q = this.kvs.entity<MessageEntity>(ENTITY.message).query(WITH_EXPIRY).index(INDEX.messagesBySpeaker, { partition: [participantKey(person)] }).sort(Sort.ASC).limit(limitOf(page));
    if (page.cursor) q = q.cursor(page.cursor);
    const { results, nextCursor } = await q.getMany();
    return { items: results.map((r) => stored({ conversationId: r.value.conversationId, line: lineOf(r.value) }, r.expireTime)), cursor: nextCursor };
  }

  async projectsOf(conversationIds: readonly string[]): Promise<ReadonlyMap<string, string>> {
    const found = await this.batchGet(conversationIds.map((id) => ({ key: storageKeys.history(id), entityName: ENTITY.history })));
    const projects = new Map<string, string>();
    for (const { value } of found) {
      const entry = historyOf(value as { data: unknown }) as Partial<HistoryEntry> | undefined;
      if (typeof entry?.conversationId === 'string' && typeof entry.projectId === 'string') projects.set(entry.conversationId, entry.projectId);
    }
    return projects;
  }

  audit(projectId: string, person: Participant, page: PageAsk): Promise<Page<Stored<AuditEntry>>> {
    return this.newestFirst<AuditEntry>('audit', INDEX.auditByProjectAndSubject, [projectId, participantKey(person)], page);
  }

  async extras(conversation: OwnConversation): Promise<Readonly<Record<string, unknown>>> {
    const items = conversationItems(conversation);
    const found = await this.batchGet(items.map(({ key, entityName }) => ({ key, entityName })));
    const records: Record<string, unknown> = {};
    for (const item of items) {
      const value = found.find((f) => f.key === item.key && f.entityName === item.entityName)?.value;
      if (value !== undefined) records[item.name] = item.entityName === ENTITY.rating ? dataOf('rating', value as VersionedEntity<unknown>) : value;
    }
    return records;
  }

  figures(projectId: string, person: Participant, days: readonly string[]): Promise<Array<{ day: string; figures: unknown }>> {
    return personFigures(this.kvs, projectId, person, days);
  }

  eraseFigures(projectId: string, person: Participant, days: readonly string[]): Promise<number> {
    return eraseFromFigures(this.kvs, projectId, person, days);
  }

  async deleteLines(lines: readonly StoredLine[]): Promise<void> {
    await this.batchDelete(lines.map((l) => ({ key: storageKeys.message(l.conversationId, l.line.id), entityName: ENTITY.message })));
  }

  async deleteConversation(conversation: OwnConversation): Promise<void> {
    await this.batchDelete([...conversationItems(conversation), { key: storageKeys.history(conversation.id), entityName: ENTITY.history }]);
  }

  async anonymiseLines(lines: readonly Stored<StoredLine>[]): Promise<void> {
    await this.batchSet(
      lines.map(({ value: { conversationId, line }, expiresAt }) => {
        const { speaker: _speaker, ...kept } = line;
        const entity: MessageEntity = { conversationId, at: line.at, ...(expiresAt === undefined ? {} : { expires: expiresAt }), line: { ...kept, speakerName: ERASED_NAME }, ...schemaStamp('message') };
        return { key: storageKeys.message(conversationId, line.id), entityName: ENTITY.message, value: entity, ...expiring(expiresAt) };
      }),
    );
  }

  async anonymiseServed(entries: readonly Stored<HistoryEntry>[]): Promise<void> {
    await this.batchSet(
      entries.map(({ value: entry, expiresAt }) => {
        const { operator: _operator, ...kept } = entry;
        const data: HistoryEntry = { ...kept, operatorName: ERASED_NAME };
        const value = { projectId: entry.projectId, userKey: participantKey(entry.user), ...(entry.ticket ? { ticketKey: entry.ticket.key } : {}), channel: entry.channel, endedAt: entry.endedAt, data, ...schemaStamp('history') };
        return { key: storageKeys.history(entry.conversationId), entityName: ENTITY.history, value, ...expiring(expiresAt) };
      }),
    );
    // The users they served last remember them (return to the same operator): that hint goes.
    const lastOperators = await this.batchGet(entries.map((e) => ({ key: storageKeys.lastOperator(e.value.user) })));
    const servedBy = (value: unknown) => entries.some((e) => e.value.operator && JSON.stringify((value as { operator?: unknown }).operator) === JSON.stringify(e.value.operator));
    await this.batchDelete(lastOperators.filter((found) => servedBy(found.value)).map((found) => ({ key: found.key })));
    // A rating still open names them: the window closes early (it is a day at most).
    await this.batchDelete(entries.map((e) => ({ key: storageKeys.ratingInvite(e.value.conversationId) })));
    // Their conversations' ratings name them too: kept, with the stand-in (a later comment compares versions, so the version moves on).
    const ratingKeys = entries.map((e) => ({ key: storageKeys.rating(e.value.conversationId), entityName: ENTITY.rating }));
    const ratings = await this.batchGet(ratingKeys, WITH_EXPIRY);
    await this.batchSet(
      ratings.map((found) => {
        const rating = found.value as VersionedEntity<unknown>;
        const was = dataOf<ConversationRating>('rating', rating);
        const data: ConversationRating = { ...was, operator: erasedParticipant(was.operator), operatorName: ERASED_NAME };
        return { key: found.key, entityName: ENTITY.rating, value: versionedEntity('rating', rating.version + 1, data), expireTime: found.expireTime };
      }),
    );
  }

  async anonymiseAudit(entries: readonly Stored<AuditEntry>[]): Promise<void> {
    await this.batchSet(
      entries.map(({ value: entry, expiresAt }) => {
        const data: AuditEntry = { ...entry, ...(entry.subject ? { subject: { ...entry.subject, name: ERASED_NAME, userId: ERASED_USER_ID } } : {}) };
        const value = { projectId: entry.projectId, kind: entry.kind, actorId: entry.actor.accountId, at: entry.at, data, ...schemaStamp('audit') };
        return { key: storageKeys.audit(entry.projectId, entry.id), entityName: ENTITY.audit, value, ...expiring(expiresAt) };
      }),
    );
  }

  async progress(projectId: string, person: Participant): Promise<ErasureProgress | undefined> {
    return (await this.kvs.get<ErasureProgress>(storageKeys.erasure(projectId, digestOf(person)))) ?? undefined;
  }

  async saveProgress(projectId: string, person: Participant, progress: ErasureProgress): Promise<void> {
    await this.kvs.set(storageKeys.erasure(projectId, digestOf(person)), progress, { ttl: PROGRESS_TTL });
  }

  private historyPage(index: string, partition: string[], page: PageAsk): Promise<Page<Stored<HistoryEntry>>> {
    return this.newestFirst<HistoryEntry>('history', index, partition, page);
  }

  /** One page of an entity stored whole in `data` (history, audit), newest first, with each record's expiry. */
  private async newestFirst<T>(record: 'history' | 'audit', index: string, partition: string[], page: PageAsk): Promise<Page<Stored<T>>> {
    let q = this.kvs.entity<{ schema?: number; data: unknown }>(record === 'history' ? ENTITY.history : ENTITY.audit).query(WITH_EXPIRY).index(index, { partition }).sort(Sort.DESC).limit(limitOf(page));
    if (page.cursor) q = q.cursor(page.cursor);
    const { results, nextCursor } = await q.getMany();
    return { items: results.map((r) => stored(upgraded<T>(record, r.value), r.expireTime)), cursor: nextCursor };
  }

  private async batchGet(items: readonly Item[], options?: typeof WITH_EXPIRY): Promise<Array<{ key: string; entityName?: string | undefined; value: unknown; expireTime?: string | undefined }>> {
    const found: Array<{ key: string; entityName?: string | undefined; value: unknown; expireTime?: string | undefined }> = [];
    for (const part of chunks(unique(items))) {
      const { successfulKeys, failedKeys } = await this.kvs.batchGet<unknown>(part.map((i) => ({ key: i.key, ...(i.entityName ? { entityName: i.entityName } : {}), ...(options ? { options } : {}) })));
      const failure = failedKeys.find((f) => f.error.code !== 'KEY_NOT_FOUND');
      if (failure) throw new Error(`KVS could not read ${failure.key}: ${failure.error.code}`);
      found.push(...successfulKeys);
    }
    return found;
  }

  private async batchDelete(items: readonly Item[]): Promise<void> {
    for (const part of chunks(unique(items))) {
      const { failedKeys } = await this.kvs.batchDelete(part.map((i) => ({ key: i.key, ...(i.entityName ? { entityName: i.entityName } : {}) })));
      const failure = failedKeys.find((f) => f.error.code !== 'KEY_NOT_FOUND');
      if (failure) throw new Error(`KVS could not delete ${failure.key}: ${failure.error.code}`);
    }
  }

  private async batchSet(items: readonly SetItem[]): Promise<void> {
    for (const part of chunks(items)) {
      const { failedKeys } = await this.kvs.batchSet(
        part.map((i) => {
          const seconds = i.expireTime ? Math.max(1, Math.round((Date.parse(i.expireTime) - Date.now()) / 1000)) : undefined;
          return { key: i.key, value: i.value, ...(i.entityName ? { entityName: i.entityName } : {}), ...(seconds ? { options: { ttl: { value: seconds, unit: 'SECONDS' as const } } } : {}) };
        }),
      );
      if (failedKeys.length > 0) throw new Error(`KVS could not write ${failedKeys[0]!.key}: ${failedKeys[0]!.error.code}`);
    }
  }
}

/** The keys a person's own records live under, each with the name the export gives it. */
function ownItems(projectId: string, person: Participant): Array<Item & { readonly name: string }> {
  return [
    { name: 'conversation', key: storageKeys.conversation(person), entityName: ENTITY.conversation },
    { name: 'operator', key: storageKeys.operator(person), entityName: ENTITY.operator },
    { name: 'satisfaction', key: storageKeys.satisfaction(projectId, person), entityName: ENTITY.satisfaction },
    { name: 'historyAsUser', key: storageKeys.historyPerson(projectId, 'user', person), entityName: ENTITY.historyPerson },
    { name: 'historyAsOperator', key: storageKeys.historyPerson(projectId, 'operator', person), entityName: ENTITY.historyPerson },
    { name: 'keptLocale', key: storageKeys.keptLocale(person) },
    { name: 'lastOperator', key: storageKeys.lastOperator(person) },
    { name: 'ratingCommentWindow', key: storageKeys.ratingComment(person) },
    ...(person.channel === 'teams' ? [{ name: 'teamsAddress', key: `${storageKeys.teamsPersonPrefix(person.tenantId)}${escapeKeyPart(person.userId)}` }] : []),
  ];
}

function conversationItems(conversation: OwnConversation): Array<Item & { readonly name: string }> {
  return [
    { name: 'rating', key: storageKeys.rating(conversation.id), entityName: ENTITY.rating },
    { name: 'ratingInvite', key: storageKeys.ratingInvite(conversation.id) },
    { name: 'ticket', key: storageKeys.ticketOfConversation(conversation.id) },
    ...(conversation.ticketKey ? [{ name: 'ticketLink', key: storageKeys.conversationOfTicket(conversation.ticketKey) }] : []),
  ];
}

function projectOf(value: unknown): unknown {
  return typeof value === 'object' && value !== null ? (value as { projectId?: unknown }).projectId : undefined;
}

function stored<T>(value: T, expireTime: string | undefined): Stored<T> {
  const at = expireTime ? Date.parse(expireTime) : NaN;
  return Number.isFinite(at) ? { value, expiresAt: at } : { value };
}

function expiring(expiresAt: number | undefined): { expireTime?: string } {
  return expiresAt === undefined ? {} : { expireTime: new Date(expiresAt).toISOString() };
}

function limitOf(page: PageAsk): number {
  return Math.max(1, Math.min(page.limit, PAGE_LIMIT));
}

/** A batch may not name one item twice (KVS refuses the whole batch). */
function unique<T extends Item>(items: readonly T[]): T[] {
  const seen = new Set<string>();
  return items.filter((i) => {
    const id = `${i.entityName ?? ''}|${i.key}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

function chunks<T>(items: readonly T[]): T[][] {
  const parts: T[][] = [];
  for (let i = 0; i < items.length; i += BATCH) parts.push(items.slice(i, i + BATCH));
  return parts;
}

/** A person as an erasure's progress is keyed: a digest, so no key names them. */
function digestOf(person: Participant): string {
  return createHash('sha256').update(participantKey(person)).digest('hex').slice(0, 40);
}
