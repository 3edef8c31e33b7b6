import type { Expected, Versioned } from '../../src/app/ports';
import type { RatingStore } from '../../src/app/ratings/rating-store';
import { participantKey, type Participant } from '../../src/domain/participant';
import type { CommentWindow, ConversationRating, RatingInvite, SatisfactionCount } from '../../src/domain/rating';
import type { InMemoryLiveAgentState } from './in-memory-live-agent-state';

/**
 * The rating store in memory, with the Forge adapter's rules: a rating is created once, and it and the
 * operator's counts commit together or not at all. Lifetimes are left to the windows' own `until` here.
 * The comment windows live in the state's map, since the router reads them with the sender's records.
 */
export class InMemoryRatings implements RatingStore {
  readonly invites = new Map<string, RatingInvite>();
  readonly ratings = new Map<string, Versioned<ConversationRating>>();
  readonly counts = new Map<string, Versioned<SatisfactionCount>>();
  private lastVersion = 0;

  constructor(
    private readonly state: InMemoryLiveAgentState,
    private readonly yieldBetweenCalls: () => Promise<void> = () => Promise.resolve(),
  ) {}

  async invite(invite: RatingInvite): Promise<void> {
    await this.yieldBetweenCalls();
    this.invites.set(invite.conversationId, structuredClone(invite));
  }

  async get(conversationId: string): Promise<{ invite?: RatingInvite; rating?: Versioned<ConversationRating> }> {
    await this.yieldBetweenCalls();
    const invite = this.invites.get(conversationId);
    const rating = this.ratings.get(conversationId);
    return { ...(invite ? { invite: structuredClone(invite) } : {}), ...(rating ? { rating: structuredClone(rating) } : {}) };
  }

  async satisfaction(projectId: string, operator: Participant): Promise<Versioned<SatisfactionCount> | undefined> {
    await this.yieldBetweenCalls();
    const found = this.counts.get(countKey(projectId, operator));
    return found && structuredClone(found);
  }

  async record(rating: ConversationRating, counts: { readonly value: SatisfactionCount; readonly expected: Expected }): Promise<boolean> {
    await this.yieldBetweenCalls();
    const key = countKey(rating.projectId, rating.operator);
    const current = this.counts.get(key);
    if (this.ratings.has(rating.conversationId)) return false;
    if (counts.expected === 'absent' ? current !== undefined : current?.version !== counts.expected) return false;
    this.ratings.set(rating.conversationId, { value: structuredClone(rating), version: this.nextVersion() });
    this.counts.set(key, { value: { ...counts.value }, version: this.nextVersion() });
    return true;
  }

  async update(rating: ConversationRating, expected: number): Promise<boolean> {
    await this.yieldBetweenCalls();
    if (this.ratings.get(rating.conversationId)?.version !== expected) return false;
    this.ratings.set(rating.conversationId, { value: structuredClone(rating), version: this.nextVersion() });
    return true;
  }

  async openCommentWindow(user: Participant, window: CommentWindow): Promise<void> {
    await this.yieldBetweenCalls();
    this.state.commentWindows.set(participantKey(user), { ...window });
  }

  async closeCommentWindow(user: Participant): Promise<void> {
    await this.yieldBetweenCalls();
    this.state.commentWindows.delete(participantKey(user));
  }

  private nextVersion(): number {
    this.lastVersion += 1;
    return this.lastVersion;
  }
}

function countKey(projectId: string, operator: Participant): string {
  return `${projectId}|${participantKey(operator)}`;
}
