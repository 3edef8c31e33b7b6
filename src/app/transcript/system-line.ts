import type { TranscriptLine } from '../../domain/transcript';
import type { CoreDeps } from '../ports';
import { ENDING_KIND, systemLineId } from './transcript-ids';

/** Writes the app's own note into a conversation ("forwarded to…", "ended by…") and returns it. */
export async function recordSystemLine(deps: Pick<CoreDeps, 'transcripts' | 'clock'>, conversationId: string, kind: string, text: string): Promise<TranscriptLine> {
  const at = deps.clock.now();
  const line: TranscriptLine = { id: systemLineId(kind, at), at, role: 'system', speakerName: 'Koji', text };
  await deps.transcripts.append(conversationId, line);
  return line;
}

/** The note that closes a transcript, whatever ended it; the issue panel shows it as how the conversation ended. */
export async function recordEnding(deps: Pick<CoreDeps, 'transcripts' | 'clock'>, conversationId: string, text: string): Promise<void> {
  await recordSystemLine(deps, conversationId, ENDING_KIND, text);
}
