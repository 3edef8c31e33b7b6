import { Sort, WhereConditions, type kvs as KvsClient } from '@forge/kvs';
import type { TranscriptCursor } from '../../domain/conversation';
import { clipText } from '../../domain/text';
import { participantKey } from '../../domain/participant';
import { compareLines, isAfter, type TranscriptLine } from '../../domain/transcript';
import type { TranscriptLog } from '../../app/ports';
import type { StoredLine } from '../../app/edits/chat-edit';
import { isWriteConflict } from './kvs-errors';
import { ENTITY, INDEX, storageKeys } from './kvs-keys';
import { schemaStamp, upgraded } from './record-versions';

type Kvs = typeof KvsClient;

/** One transcript line as a `message` entity, indexed by conversation and time. */
export interface MessageEntity {
  /** The shape of `line` (record-versions.ts); absent on lines written by 1.x: shape 1. */
  readonly schema?: number | undefined;
  readonly conversationId: string;
  readonly at: number;
  /** Set on a line written with a TTL: the retention sweep leaves it to its TTL. */
  readonly expires?: number | undefined;
  /** Who wrote it (participant key), for the `by-speaker` index: a person's words are found for export and erasure. */
  readonly speakerKey?: string | undefined;
  readonly line: TranscriptLine;
}

const PAGE_LIMIT = 100;

/**
 * Transcripts as one small entity per line, never a growing value rewritten on
 * each message: a relayed message costs one write of its own size. The key is
 * the conversation and the line id, and it is written create-if-absent, so the
 * write is also the record that the delivery was handled.
 *
 * Forge caps a value at 240 KiB; a chat message is far below that (Slack allows
 * 40,000 characters), and longer texts are cut with a note rather than lost whole.
 */
export class KvsTranscriptLog implements TranscriptLog {
  static readonly MAX_TEXT_CHARS = 60_000;

  constructor(private readonly kvs: Kvs) {}

  async append(
    conversationId: string,
    line: TranscriptLine,
    options: { readonly expiresInSeconds?: number } = {},
  ): Promise<'appended' | 'duplicate'> {
    const expires = options.expiresInSeconds === undefined ? undefined : Date.now() + options.expiresInSeconds * 1000;
    const entity = messageEntity(conversationId, line, expires);
    try {
      await this.kvs.entity<MessageEntity>(ENTITY.message).set(storageKeys.message(conversationId, line.id), entity, {
        keyPolicy: 'FAIL_IF_EXISTS',
        ...(options.expiresInSeconds === undefined ? {} : { ttl: { value: options.expiresInSeconds, unit: 'SECONDS' } }),
      });
      return 'appended';
    } catch (error) {
      if (isWriteConflict(error)) return 'duplicate';
      throw error;
    }
  }

  async appendMany(conversationId: string, lines: readonly TranscriptLine[], options: { readonly expiresInSeconds?: number } = {}): Promise<void> {
    for (const line of lines) await this.append(conversationId, line, options);
  }

  /** One batch read of the given keys (at most 25); lines that are not there are simply absent. */
  async findLines(keys: ReadonlyArray<{ readonly conversationId: string; readonly lineId: string }>): Promise<StoredLine[]> {
    if (keys.length === 0) return [];
    const wanted = keys.slice(0, 25).map((k) => ({ key: storageKeys.message(k.conversationId, k.lineId), entityName: ENTITY.message }));
    const { successfulKeys, failedKeys } = await this.kvs.batchGet<MessageEntity>(wanted);
    const failure = failedKeys.find((f) => f.error.code !== 'KEY_NOT_FOUND');
    if (failure) throw new Error(`KVS could not read ${failure.key}: ${failure.error.code} ${failure.error.message}`);
    return successfulKeys.map(({ value }) => ({ conversationId: value.conversationId, line: lineOf(value), ...(value.expires === undefined ? {} : { expiresAt: value.expires }) }));
  }

  /** Overwrites the line in place (same key), with what is left of its TTL: an edit never makes a line live longer. */
  async reviseLine(found: StoredLine, line: TranscriptLine): Promise<void> {
    const left = found.expiresAt === undefined ? undefined : Math.max(1, Math.ceil((found.expiresAt - Date.now()) / 1000));
    // The same attributes as at the append (its indexes included: the line stays found by speaker for erasure).
    const entity = messageEntity(found.conversationId, line, found.expiresAt);
    await this.kvs.entity<MessageEntity>(ENTITY.message).set(storageKeys.message(found.conversationId, line.id), entity, left === undefined ? {} : { ttl: { value: left, unit: 'SECONDS' } });
  }

  async read(
    conversationId: string,
    options: { readonly after?: TranscriptCursor | undefined; readonly last?: number } = {},
  ): Promise<TranscriptLine[]> {
    if (options.last !== undefined) {
      // Newest first, then put back in reading order: the timeout sweep reads one line, not the whole conversation.
      const newest = await this.page(conversationId, Sort.DESC, Math.min(options.last, PAGE_LIMIT), undefined, options.after);
      return newest.lines.filter((l) => isAfter(l, options.after)).sort(compareLines);
    }
    const lines: TranscriptLine[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.page(conversationId, Sort.ASC, PAGE_LIMIT, cursor, options.after);
      lines.push(...page.lines);
      cursor = page.cursor;
    } while (cursor);
    return lines.filter((l) => isAfter(l, options.after)).sort(compareLines);
  }

  private async page(
    conversationId: string,
    sort: Sort,
    limit: number,
    cursor: string | undefined,
    after: TranscriptCursor | undefined,
  ): Promise<{ lines: TranscriptLine[]; cursor?: string | undefined }> {
    let query = this.kvs
      .entity<MessageEntity>(ENTITY.message)
      .query()
      .index(INDEX.messagesByConversation, { partition: [conversationId] })
      .sort(sort)
      .limit(limit);
    if (after) query = query.where(WhereConditions.greaterThanEqualTo(after.at));
    if (cursor) query = query.cursor(cursor);
    const { results, nextCursor } = await query.getMany();
    return { lines: results.map((r) => lineOf(r.value)), cursor: nextCursor };
  }
}

/** A stored line in the current shape, upgraded on the fly from the one it was written in (no extra read). */
export function lineOf(stored: MessageEntity): TranscriptLine {
  return upgraded<TranscriptLine>('message', { schema: stored.schema, data: stored.line });
}

/** A line's row, as appended and as revised: every attribute an index reads is derived here. */
function messageEntity(conversationId: string, line: TranscriptLine, expires: number | undefined): MessageEntity {
  return {
    conversationId,
    at: line.at,
    ...(expires === undefined ? {} : { expires }),
    ...(line.speaker ? { speakerKey: participantKey(line.speaker) } : {}),
    line: bounded(line),
    ...schemaStamp('message'),
  };
}

function bounded(line: TranscriptLine): TranscriptLine {
  const max = KvsTranscriptLog.MAX_TEXT_CHARS;
  if (line.text.length <= max) return line;
  return { ...line, text: `${clipText(line.text, max, '')}… [cut: the message was ${line.text.length} characters long]` };
}
