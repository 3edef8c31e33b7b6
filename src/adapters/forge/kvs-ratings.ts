import type { kvs as KvsClient } from '@forge/kvs';
import type { Participant } from '../../domain/participant';
import { isCommentWindow, type CommentWindow, type ConversationRating, type RatingInvite, type SatisfactionCount } from '../../domain/rating';
import type { Expected, Versioned } from '../../app/ports';
import type { RatingStore } from '../../app/ratings/rating-store';
import { DAY_SECONDS, keepSecondsOf, MAX_RETENTION_DAYS } from '../../domain/history';
import { isWriteConflict } from './kvs-errors';
import { ENTITY, storageKeys } from './kvs-keys';
import { dataOf, nextVersion, versionedEntity, versionIs, type VersionedEntity } from './kvs-versioned';

type Kvs = typeof KvsClient;

/**
 * Ratings in Forge KVS: the invite and the comment window are plain keys that expire
 * with their window; the rating and the counts are custom entities, so a rating and
 * its operator's counts are written in one conditional transaction.
 */
export class KvsRatingStore implements RatingStore {
  constructor(private readonly kvs: Kvs) {}

  async invite(invite: RatingInvite, lifetimeSeconds: number): Promise<void> {
    await this.kvs.set(storageKeys.ratingInvite(invite.conversationId), invite, { ttl: ttlOf(lifetimeSeconds) });
  }

  async get(conversationId: string): Promise<{ invite?: RatingInvite; rating?: Versioned<ConversationRating> }> {
    const inviteKey = storageKeys.ratingInvite(conversationId);
    const ratingKey = storageKeys.rating(conversationId);
    const { successfulKeys, failedKeys } = await this.kvs.batchGet<RatingInvite | VersionedEntity<ConversationRating>>([
      { key: inviteKey },
      { key: ratingKey, entityName: ENTITY.rating },
    ]);
    const failure = failedKeys.find((f) => f.error.code !== 'KEY_NOT_FOUND');
    if (failure) throw new Error(`KVS could not read ${failure.key}: ${failure.error.code} ${failure.error.message}`);
    const invite = successfulKeys.find((k) => k.entityName === undefined && k.key === inviteKey)?.value as RatingInvite | undefined;
    const rating = successfulKeys.find((k) => k.entityName === ENTITY.rating && k.key === ratingKey)?.value as VersionedEntity<ConversationRating> | undefined;
    return { ...(invite ? { invite } : {}), ...(rating ? { rating: { value: dataOf<ConversationRating>('rating', rating), version: rating.version } } : {}) };
  }

  async satisfaction(projectId: string, operator: Participant): Promise<Versioned<SatisfactionCount> | undefined> {
    const found = await this.kvs.entity<VersionedEntity<SatisfactionCount>>(ENTITY.satisfaction).get(storageKeys.satisfaction(projectId, operator));
    return found && { value: dataOf<SatisfactionCount>('satisfaction', found), version: found.version };
  }

  async record(rating: ConversationRating, counts: { readonly value: SatisfactionCount; readonly expected: Expected }): Promise<boolean> {
    const tx = this.kvs.transact();
    tx.set(storageKeys.rating(rating.conversationId), versionedEntity('rating', nextVersion('absent'), rating), { entityName: ENTITY.rating, conditions: versionIs('absent') }, { ttl: ttlOf(keepSecondsOf(rating)) });
    tx.set(
      storageKeys.satisfaction(rating.projectId, rating.operator),
      versionedEntity('satisfaction', nextVersion(counts.expected), counts.value),
      { entityName: ENTITY.satisfaction, conditions: versionIs(counts.expected) },
      // An operator's counts name them: kept a year from their last rating, as long as any rating can be kept.
      { ttl: ttlOf(MAX_RETENTION_DAYS * DAY_SECONDS) },
    );
    return executed(tx.execute());
  }

  async update(rating: ConversationRating, expected: number): Promise<boolean> {
    const tx = this.kvs.transact();
    tx.set(storageKeys.rating(rating.conversationId), versionedEntity('rating', expected + 1, rating), { entityName: ENTITY.rating, conditions: versionIs(expected) }, { ttl: ttlOf(keepSecondsOf(rating)) });
    return executed(tx.execute());
  }

  async openCommentWindow(user: Participant, window: CommentWindow, lifetimeSeconds: number): Promise<void> {
    await this.kvs.set(storageKeys.ratingComment(user), window, { ttl: ttlOf(lifetimeSeconds) });
  }

  async closeCommentWindow(user: Participant): Promise<void> {
    await this.kvs.delete(storageKeys.ratingComment(user));
  }
}

/** The comment window as read in a participant's batch (kvs-live-agent-state.ts): checked, since data outlives code. */
export function commentWindowOf(value: unknown): CommentWindow | undefined {
  return isCommentWindow(value) ? { conversationId: value.conversationId, until: value.until, ...(value.ticketKey ? { ticketKey: value.ticketKey } : {}) } : undefined;
}

async function executed(done: Promise<unknown>): Promise<boolean> {
  try {
    await done;
    return true;
  } catch (error) {
    if (isWriteConflict(error)) return false;
    throw error;
  }
}

function ttlOf(seconds: number): { value: number; unit: 'SECONDS' } {
  return { value: Math.max(1, Math.round(seconds)), unit: 'SECONDS' };
}

/** As for operators and conversations (kvs-live-agent-state.ts): a record made again never reuses an old version. */

