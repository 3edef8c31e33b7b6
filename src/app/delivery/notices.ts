import type { Backlog } from '../../domain/conversation';
import { say } from '../../domain/replies';
import type { TranscriptLine } from '../../domain/transcript';
import { notify } from './notify';
import type { CoreDeps } from '../ports';
import { waitingLines, type SenderSide } from './lane';
import type { PartsNotDelivered } from './send-line';

/** Why waiting messages will not be sent any more. */
export type DroppedBecause = 'window' | 'ended' | 'forwarded' | 'off-duty';

/**
 * Tells a sender which of their messages a backlog still held when it was
 * dropped (the retry window closed, the conversation ended, was forwarded, or
 * its operator went off duty). The first may have arrived if an attempt of it
 * was still in flight: it is named as such.
 */
export async function tellDroppedBacklog(deps: CoreDeps, side: SenderSide, backlog: Backlog, because: DroppedBecause): Promise<void> {
  const waiting = await waitingLines(deps, side, backlog);
  await tellWaiting(deps, side, backlog, waiting, because);
}

export async function tellWaiting(deps: CoreDeps, side: SenderSide, backlog: Backlog, waiting: readonly TranscriptLine[], because: DroppedBecause): Promise<void> {
  const [head, ...rest] = waiting;
  if (!head) return;
  const uncertain = backlog.inFlight === head.id;
  if (uncertain) await tellMayNotHaveArrived(deps, side, head);
  const lost = uncertain ? rest : waiting;
  if (lost.length === 0) return;
  const texts = lost.map((l) => l.text);
  const text = because === 'window' ? say(side.senderLang).relayFailures.notDelivered(side.recipientName, texts) : say(side.senderLang).relayFailures.dropped(side.recipientName, texts, because);
  await tellSender(deps, side, text);
}

export async function tellNotDelivered(deps: CoreDeps, side: SenderSide, lines: readonly TranscriptLine[]): Promise<void> {
  await tellSender(deps, side, say(side.senderLang).relayFailures.notDelivered(side.recipientName, lines.map((l) => l.text)));
}

export async function tellMayNotHaveArrived(deps: CoreDeps, side: SenderSide, line: TranscriptLine): Promise<void> {
  await tellSender(deps, side, say(side.senderLang).relayFailures.mayNotHaveArrived(side.recipientName, [line.text]));
}

export async function tellPartsNotDelivered(deps: CoreDeps, side: SenderSide, line: TranscriptLine, error: PartsNotDelivered): Promise<void> {
  deps.log.warn('relay_parts_not_delivered', { conversationId: side.ref.conversationId, from: error.from, count: error.count });
  await tellSender(deps, side, say(side.senderLang).relayFailures.partsNotDelivered(side.recipientName, line.text, error.from, error.count));
}

async function tellSender(deps: CoreDeps, side: SenderSide, text: string): Promise<void> {
  await notify(deps, side.sender, { kind: 'notice', text, conversationId: side.ref.conversationId });
}
