import type { SlackApiCall } from '../../packages/forge-local/src/slack';
import { parseMessageText, type Lane, type SentRecord } from './load';

/**
 * What the fake Slack received against what was sent: every message acknowledged
 * with a 200 must arrive exactly once, in the lane's order (a lane is one
 * person's messages in one conversation, sent one after the other), in the
 * right DM, under the sender's name.
 */
export interface DeliveryCheck {
  /** Messages the Request URL acknowledged with HTTP 200. */
  readonly acknowledged: number;
  /** Requests answered otherwise, or not at all (Slack would retry them). */
  readonly refused: number;
  readonly received: number;
  /** Relays received more than once (counted once per extra copy). */
  readonly duplicates: number;
  /** Acknowledged messages never received. */
  readonly losses: number;
  /** Received relays that came before one sent earlier in the same lane. */
  readonly outOfOrder: number;
  /** Received in the wrong DM or under the wrong name. */
  readonly misrouted: number;
  /** Lanes whose received relays are exactly their sent messages in order. */
  readonly lanesInOrder: number;
  readonly lanes: number;
}

export function checkDelivery(tag: string, lanes: readonly Lane[], sent: readonly SentRecord[], calls: readonly SlackApiCall[]): DeliveryCheck {
  const laneById = new Map(lanes.map((l) => [l.id, l]));
  const received = new Map<number, number[]>();
  let misrouted = 0;
  let count = 0;
  for (const call of calls) {
    if (call.method !== 'chat.postMessage' || !call.ok) continue;
    const parsed = parseMessageText(call.args['text'] ?? '');
    if (!parsed || parsed.tag !== tag) continue;
    count += 1;
    const lane = laneById.get(parsed.lane);
    if (!lane || call.args['channel'] !== lane.to || call.args['username'] !== lane.senderName) misrouted += 1;
    const list = received.get(parsed.lane) ?? [];
    list.push(parsed.seq);
    received.set(parsed.lane, list);
  }
  const acknowledged = sent.filter((s) => s.status === 200);
  let duplicates = 0;
  let losses = 0;
  let outOfOrder = 0;
  let lanesInOrder = 0;
  for (const lane of lanes) {
    const got = received.get(lane.id) ?? [];
    const expected = acknowledged.filter((s) => s.lane === lane.id).map((s) => s.seq);
    const seen = new Set<number>();
    for (const seq of got) {
      if (seen.has(seq)) duplicates += 1;
      seen.add(seq);
    }
    losses += expected.filter((seq) => !seen.has(seq)).length;
    let highest = -1;
    for (const seq of got) {
      if (seq < highest) outOfOrder += 1;
      highest = Math.max(highest, seq);
    }
    const sentInOrder = sent.filter((s) => s.lane === lane.id).map((s) => s.seq);
    if (got.length === sentInOrder.length && got.every((seq, i) => seq === sentInOrder[i])) lanesInOrder += 1;
  }
  return {
    acknowledged: acknowledged.length,
    refused: sent.length - acknowledged.length,
    received: count,
    duplicates,
    losses,
    outOfOrder,
    misrouted,
    lanesInOrder,
    lanes: lanes.length,
  };
}
