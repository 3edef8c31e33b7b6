import type { TranscriptLine } from '../../domain/transcript';
import { scoreLabel, type RatingScale, type RatingScore } from '../../domain/rating';
import type { CoreDeps } from '../ports';
import { ENDING_KIND, isSystemLineOf } from './transcript-ids';

export interface ConversationTranscript {
  readonly participants: ReadonlyArray<{ readonly name: string; readonly role: 'user' | 'operator' }>;
  readonly startedAt?: number | undefined;
  readonly lastAt?: number | undefined;
  readonly lines: readonly TranscriptLine[];
  /** The app's closing note ("Alice ended the conversation."), once it ended. */
  readonly ending?: string | undefined;
  /** How the user rated it, once they did (ratings). */
  readonly rating?: { readonly scale: RatingScale; readonly score: RatingScore; readonly label: string; readonly comment?: string | undefined; readonly at: number } | undefined;
}

/** A conversation as a Jira agent reads it on its ticket: who took part, when, every message, how it ended. */
export async function conversationTranscript(deps: Pick<CoreDeps, 'transcripts' | 'ratings'>, conversationId: string): Promise<ConversationTranscript> {
  const [lines, { rating: given }] = await Promise.all([deps.transcripts.read(conversationId), deps.ratings.get(conversationId)]);
  const participants: Array<{ name: string; role: 'user' | 'operator' }> = [];
  for (const line of lines) {
    if (line.role === 'system') continue;
    if (!participants.some((p) => p.name === line.speakerName && p.role === line.role)) participants.push({ name: line.speakerName, role: line.role });
  }
  // Known by its kind, not its wording: leaving the queue or taking a ticket ends a conversation too.
  const ending = [...lines].reverse().find((l) => l.role === 'system' && isSystemLineOf(ENDING_KIND, l.id))?.text;
  const rating = given && { scale: given.value.scale, score: given.value.score, label: scoreLabel(given.value.scale, given.value.score), comment: given.value.comment, at: given.value.at };
  return { participants, startedAt: lines[0]?.at, lastAt: lines.at(-1)?.at, lines, ending, ...(rating ? { rating } : {}) };
}
