import type { Participant } from '../../domain/participant';
import type { CommentWindow, ConversationRating, RatingInvite, SatisfactionCount } from '../../domain/rating';
import type { Expected, Versioned } from '../ports';

/**
 * Ratings after a conversation (rating.ts): the invite that lets a user rate for the
 * project's window, the rating kept with the conversation, each operator's counts,
 * and the short window in which the user's next message is a comment. That window
 * is read with the user's other records (LiveAgentState.getParticipant), so a
 * message costs no extra read for it.
 */
export interface RatingStore {
  /** Lets the user rate the conversation for `lifetimeSeconds`. */
  invite(invite: RatingInvite, lifetimeSeconds: number): Promise<void>;
  /** One read: the invite while the window is open, and the rating once given. */
  get(conversationId: string): Promise<{ readonly invite?: RatingInvite | undefined; readonly rating?: Versioned<ConversationRating> | undefined }>;
  satisfaction(projectId: string, operator: Participant): Promise<Versioned<SatisfactionCount> | undefined>;
  /**
   * The rating, only if the conversation has none, and the operator's new counts, compared and set on
   * `expected`, in one commit. False, writing nothing, when either lost a race: re-read and decide again.
   */
  record(rating: ConversationRating, counts: { readonly value: SatisfactionCount; readonly expected: Expected }): Promise<boolean>;
  /** Replaces the rating (its comment added) if it is still at `expected`; false otherwise. */
  update(rating: ConversationRating, expected: number): Promise<boolean>;
  openCommentWindow(user: Participant, window: CommentWindow, lifetimeSeconds: number): Promise<void>;
  closeCommentWindow(user: Participant): Promise<void>;
}
