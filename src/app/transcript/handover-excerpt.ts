import type { Conversation } from '../../domain/conversation';
import { clipKeepingEnd } from '../../domain/text';
import type { Language } from '../../domain/language';
import { say } from '../../domain/replies';
import { isInternal, type TranscriptLine } from '../../domain/transcript';
import type { CoreDeps } from '../ports';

/**
 * What an operator taking a conversation is shown of it must fit one chat
 * message: a Slack section shows 3,000 characters (the Slack adapter keeps the
 * end of anything longer) and an Adaptive Card about 28 KB. So the newest lines
 * that fit these bounds are shown, and the operator is told when earlier ones
 * were left out rather than having the adapter cut them silently. Several
 * messages would flood the operator's chat and its rate limits; the whole
 * conversation stays in the transcript, and a ticket carries it.
 */
export const HANDOVER_MAX_LINES = 50;
export const HANDOVER_MAX_CHARS = 2_400;
/** Less than this of a long line is not worth showing. */
const MIN_CLIPPED_CHARS = 200;

export interface HandoverExcerpt {
  /** Oldest first, ending with the newest line. */
  readonly lines: readonly TranscriptLine[];
  /** Whether the conversation has earlier lines than these. */
  readonly earlierLeftOut: boolean;
}

export async function handoverExcerpt(deps: Pick<CoreDeps, 'transcripts'>, conversationId: string): Promise<HandoverExcerpt> {
  // One line more than can be shown says whether anything came before.
  // Operators read notes too, named as notes on every channel: the excerpt only ever goes to operators.
  // A message its sender deleted is not handed over: nothing of it is left to show.
  const newest = (await deps.transcripts.read(conversationId, { last: HANDOVER_MAX_LINES + 1 })).filter((line) => line.deletedAt === undefined).map((line) =>
    isInternal(line) && line.role !== 'system' ? { ...line, speakerName: `${line.speakerName} (note)` } : line,
  );
  const kept: TranscriptLine[] = [];
  let chars = 0;
  let clipped = false;
  for (let i = newest.length - 1; i >= 0 && kept.length < HANDOVER_MAX_LINES; i -= 1) {
    const line = newest[i]!;
    const room = HANDOVER_MAX_CHARS - chars;
    if (shownSize(line) > room) {
      // The end of a line too long for the room left, where its latest words are, beats none of it.
      const roomForText = room - (shownSize(line) - line.text.length);
      if (roomForText >= MIN_CLIPPED_CHARS || kept.length === 0) {
        kept.unshift(clipLineKeepingEnd(line, roomForText));
        clipped = true;
      }
      break;
    }
    kept.unshift(line);
    chars += shownSize(line);
  }
  return { lines: kept, earlierLeftOut: clipped || kept.length < newest.length };
}

/** The hand-over's own words, and where the rest is when the excerpt could not hold everything. */
export function handoverText(text: string, conversation: Conversation, excerpt: HandoverExcerpt, language: Language | undefined): string {
  return excerpt.earlierLeftOut ? `${text} ${say(language).toOperator.earlierMessagesLeftOut(conversation.ticket?.key)}` : text;
}

/** The speaker's name and the words, as every channel shows a line ("Bob: words"). */
function shownSize(line: TranscriptLine): number {
  return line.speakerName.length + 2 + line.text.length;
}

/** The line's latest words that fit `room` units, cut between whole characters. */
function clipLineKeepingEnd(line: TranscriptLine, room: number): TranscriptLine {
  return { ...line, text: clipKeepingEnd(line.text, Math.max(room, 1)) };
}
