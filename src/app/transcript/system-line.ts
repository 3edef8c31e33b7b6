import type { TranscriptLine } from '../../domain/transcript';
import type { CoreDeps } from '../ports';
import { ENDING_KIND, systemLineId } from './transcript-ids';
import { lineKept } from '../history/record-history';

/**
 * Writes the app's own note into a conversation ("forwarded to…", "ended by…") and returns it. `kept`: the
 * conversation (or its record as read), whose retention the line is written with (history/record-history.ts).
 */
export async function recordSystemLine(
  deps: Pick<CoreDeps, 'transcripts' | 'clock'>,
  conversationId: string,
  kind: string,
  text: string,
  kept?: { readonly keepDays?: number | undefined },
): Promise<TranscriptLine> {
  const at = deps.clock.now();
  const line: TranscriptLine = { id: systemLineId(kind, at), at, role: 'system', speakerName: 'Koji', text };
  await deps.transcripts.append(conversationId, line, lineKept(kept));
  return line;
}

/** The note that closes a transcript, whatever ended it; the issue panel shows it as how the conversation ended. */
export async function recordEnding(deps: Pick<CoreDeps, 'transcripts' | 'clock'>, conversationId: string, text: string, kept?: { readonly keepDays?: number | undefined }): Promise<void> {
  await recordSystemLine(deps, conversationId, ENDING_KIND, text, kept);
}
