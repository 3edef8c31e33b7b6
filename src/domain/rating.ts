import { isIssueKey } from './ticket-follow-up';
import type { Language } from './language';
import type { Participant } from './participant';

/**
 * Ratings after a conversation with an operator (issue 18): a one-tap score on
 * the project's scale, an optional comment, and per operator the share of
 * ratings that were satisfied, the same figure whichever scale gave them.
 */
export const RATING_SCALES = ['off', 'five-stars', 'thumbs'] as const;
export type RatingScaleSetting = (typeof RATING_SCALES)[number];
export type RatingScale = Exclude<RatingScaleSetting, 'off'>;

export function isRatingScaleSetting(value: unknown): value is RatingScaleSetting {
  return (RATING_SCALES as readonly unknown[]).includes(value);
}

/** A score: 1 to 5 stars, or on the thumbs scale 1 (up) or 0 (down). */
export type RatingScore = 0 | 1 | 2 | 3 | 4 | 5;

/** The buttons' values, in the order they are shown, and the score each stands for. */
const SCORES: { readonly [scale in RatingScale]: ReadonlyArray<readonly [value: string, score: RatingScore]> } = {
  'five-stars': [
    ['1', 1],
    ['2', 2],
    ['3', 3],
    ['4', 4],
    ['5', 5],
  ],
  thumbs: [
    ['up', 1],
    ['down', 0],
  ],
};

/** Every value a rating button can carry, on any scale: a click with another is refused before anything is read. */
export function isRatingValue(value: unknown): value is string {
  return Object.values(SCORES).some((pairs) => pairs.some(([v]) => v === value));
}

export function ratingValues(scale: RatingScale): ReadonlyArray<readonly [value: string, score: RatingScore]> {
  return SCORES[scale];
}

/** A button's value read strictly against the scale its card was sent with: anything else is no score. */
export function scoreOf(scale: RatingScale, value: unknown): RatingScore | undefined {
  return SCORES[scale].find(([v]) => v === value)?.[1];
}

/** 4 or 5 stars, or a thumb up: both scales feed the same satisfaction share. */
export function isSatisfied(scale: RatingScale, score: RatingScore): boolean {
  return scale === 'five-stars' ? score >= 4 : score === 1;
}

/** How a score reads in the app's sentences: "4/5", "👍", "👎". */
export function scoreLabel(scale: RatingScale, score: RatingScore): string {
  if (scale === 'thumbs') return score === 1 ? '👍' : '👎';
  return `${score}/5`;
}

/**
 * What the user may still rate, written when the card is sent and gone after the
 * project's rating window: whom a score counts for, and the ticket it goes on.
 */
export interface RatingInvite {
  readonly conversationId: string;
  readonly projectId: string;
  readonly user: Participant;
  readonly userName: string;
  readonly operator: Participant;
  readonly operatorName: string;
  readonly scale: RatingScale;
  readonly ticketKey?: string | undefined;
  /** The conversation's languages: the user's for the card and its notes, the desk's for the transcript's lines. */
  readonly lang?: Language | undefined;
  readonly deskLang?: Language | undefined;
  /** When the window closes (ms): checked as well as the record's lifetime, which a store may keep a little longer. */
  readonly until: number;
  /** The conversation's retention (Conversation.keepDays): the rating and its transcript lines are kept as long. */
  readonly keepDays?: number | undefined;
}

/** A conversation's rating, kept with it: given once, a comment added at most in the comment window. */
export interface ConversationRating {
  readonly conversationId: string;
  readonly projectId: string;
  readonly operator: Participant;
  readonly operatorName: string;
  /** Who rated: only they may comment, and a click from anyone else is refused. */
  readonly user: Participant;
  readonly userName: string;
  readonly scale: RatingScale;
  readonly score: RatingScore;
  readonly at: number;
  readonly comment?: string | undefined;
  readonly ticketKey?: string | undefined;
  readonly lang?: Language | undefined;
  readonly deskLang?: Language | undefined;
  /** As RatingInvite.keepDays. */
  readonly keepDays?: number | undefined;
}

/** Ratings an operator got in a project, counted as they come: never a scan. */
export interface SatisfactionCount {
  readonly rated: number;
  readonly satisfied: number;
}

/** After a tap, the user's next message within this window is the rating's comment rather than a question for the assistant. */
export const COMMENT_WINDOW_MINUTES = 10;
/** A comment longer than this is cut (at a whole character): it is a remark, not a second conversation. */
export const MAX_COMMENT_CHARS = 1000;

/** The short window in which a user's next message is their rating's comment (read with their other records). */
export interface CommentWindow {
  readonly conversationId: string;
  readonly until: number;
  /** The window is for a reply on this ticket (ticket-follow-up.ts), not a rating's comment. */
  readonly ticketKey?: string | undefined;
}

export function counted(count: SatisfactionCount | undefined, satisfied: boolean): SatisfactionCount {
  return { rated: (count?.rated ?? 0) + 1, satisfied: (count?.satisfied ?? 0) + (satisfied ? 1 : 0) };
}

/** The satisfied share in whole percent, or undefined before the first rating. */
export function satisfactionShare(count: SatisfactionCount | undefined): number | undefined {
  if (!count || count.rated <= 0) return undefined;
  return Math.round((100 * count.satisfied) / count.rated);
}

/** A stored record read back: the shape checked before it is trusted (data outlives code). */
export function isCommentWindow(value: unknown): value is CommentWindow {
  if (typeof value !== 'object' || value === null) return false;
  const { conversationId, until } = value as Record<string, unknown>;
  const { ticketKey } = value as Record<string, unknown>;
  return (
    typeof conversationId === 'string' &&
    conversationId.length > 0 &&
    typeof until === 'number' &&
    Number.isFinite(until) &&
    (ticketKey === undefined || isIssueKey(ticketKey))
  );
}
