import type { TranscriptLine } from '../../domain/transcript';
import { isSystemLineOf, systemLineId } from './transcript-ids';

const TAKEN_KIND = 'taken';

/**
 * The note left in a user's messages to the bot once they went into a conversation with a person (`text`: the
 * desk's words for it): a later conversation starts after it, so the words of one request never open the next
 * one's card, excerpt or ticket.
 */
export function takenNote(at: number, text: string): TranscriptLine {
  return { id: systemLineId(TAKEN_KIND, at), at, role: 'system', speakerName: 'Koji', text, internal: true };
}

/** The user's messages to the bot that no conversation took yet, oldest first. */
export function notYetTaken(recent: readonly TranscriptLine[]): TranscriptLine[] {
  let start = 0;
  recent.forEach((line, i) => {
    if (isSystemLineOf(TAKEN_KIND, line.id)) start = i + 1;
  });
  return recent.slice(start);
}
