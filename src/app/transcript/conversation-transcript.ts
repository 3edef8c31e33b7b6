import type { TranscriptLine } from '../../domain/transcript';
import type { CoreDeps } from '../ports';
import { ENDING_KIND, isSystemLineOf } from './transcript-ids';

export interface ConversationTranscript {
  readonly participants: ReadonlyArray<{ readonly name: string; readonly role: 'user' | 'operator' }>;
  readonly startedAt?: number | undefined;
  readonly lastAt?: number | undefined;
  readonly lines: readonly TranscriptLine[];
  /** The app's closing note ("Alice ended the conversation."), once it ended. */
  readonly ending?: string | undefined;
}

/** A conversation as a Jira agent reads it on its ticket: who took part, when, every message, how it ended. */
export async function conversationTranscript(deps: Pick<CoreDeps, 'transcripts'>, conversationId: string): Promise<ConversationTranscript> {
  const lines = await deps.transcripts.read(conversationId);
  const participants: Array<{ name: string; role: 'user' | 'operator' }> = [];
  for (const line of lines) {
    if (line.role === 'system') continue;
    if (!participants.some((p) => p.name === line.speakerName && p.role === line.role)) participants.push({ name: line.speakerName, role: line.role });
  }
  // Known by its kind, not its wording: leaving the queue or taking a ticket ends a conversation too.
  const ending = [...lines].reverse().find((l) => l.role === 'system' && isSystemLineOf(ENDING_KIND, l.id))?.text;
  return { participants, startedAt: lines[0]?.at, lastAt: lines.at(-1)?.at, lines, ending };
}
