import type { OutgoingMessage } from '../../domain/outgoing-message';
import { splitText } from '../../domain/text';
import type { TranscriptLine } from '../../domain/transcript';
import type { CoreDeps, SentCard } from '../ports';
import type { Lane } from './lane';

export function relayOf(lane: Pick<Lane, 'senderName' | 'ref'>, line: TranscriptLine): OutgoingMessage {
  return {
    kind: 'relay',
    text: line.text,
    ...(line.links ? { links: line.links } : {}),
    senderName: lane.senderName,
    conversationId: lane.ref.conversationId,
    lineId: line.id,
  };
}

/**
 * Longer messages go out in parts of at most this many characters, in order,
 * each cut between whole characters (at a line break or space where one is
 * near): Teams refuses an activity over about 28 KB, escaping included, and
 * Slack advises keeping a message under 4,000 characters.
 */
export const RELAY_PART_CHARS = 4000;

/**
 * Nor more than this once escaped at worst (escapedSize): 4,000 quotes or stars are 24 KB as Teams HTML, which
 * would leave no room for the sender's name and the files of a 28 KB activity.
 */
export const RELAY_PART_ESCAPED = 16_000;

/** Parts after the first of a long message did not go out: the sender hears which, and they are not retried. */
export class PartsNotDelivered extends Error {
  constructor(
    readonly from: number,
    readonly count: number,
    options?: ErrorOptions,
  ) {
    super(`Parts ${from} to ${count} of a long message were not delivered.`, options);
    this.name = 'PartsNotDelivered';
  }
}

/** The parts a line's words go out in (one for most lines). */
export function relayParts(text: string): string[] {
  return splitText(text, RELAY_PART_CHARS, RELAY_PART_ESCAPED);
}

/** The id a part of a line is posted under: the line's own for the first, `<id>#2`, `<id>#3`, … after it. */
export function partLineId(lineId: string, index: number): string {
  return index === 0 ? lineId : `${lineId}#${index + 1}`;
}

/** Told where each post of a line went (its part's id, and the platform's answer) as soon as it went. */
export type OnPartSent = (lineId: string, card: SentCard | void) => Promise<void>;

/**
 * Sends one transcript line's words: one message, or its parts in order (its files go as files, after it: see
 * files/relay-files.ts; a line of files alone sends nothing here). A failure of the first part is the line's failure (retried,
 * refused, …, as for any message); one of a later part throws PartsNotDelivered. `onSent` hears where each
 * part's post went (edits/relayed-copy.ts keeps it where the platform cannot find copies); a line its sender
 * deleted while it waited is not sent at all.
 */
export async function sendLine(deps: CoreDeps, lane: Lane, line: TranscriptLine, onSent: OnPartSent = () => Promise.resolve()): Promise<void> {
  if (line.deletedAt !== undefined) return;
  if (line.text.trim() === '' && (line.attachments?.length ?? 0) > 0) return;
  const parts = relayParts(line.text);
  if (parts.length === 1) return onSent(line.id, await deps.chat.send(lane.to, relayOf(lane, line)));
  for (const [i, text] of parts.entries()) {
    const lineId = partLineId(line.id, i);
    const part: OutgoingMessage = { ...relayOf(lane, { ...line, text }), lineId };
    let sent: SentCard | void;
    try {
      sent = await deps.chat.send(lane.to, part);
    } catch (error) {
      if (i === 0) throw error;
      throw new PartsNotDelivered(i + 1, parts.length, { cause: error });
    }
    await onSent(lineId, sent);
  }
}
