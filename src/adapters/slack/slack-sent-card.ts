import type { SentCard } from '../../app/ports';
import { isSlackId, isSlackTs } from '../chat/payload-checks';
import { refPart } from '../chat/sent-card-ref';

/** Where a Slack message went, as chat.update names it: the conversation's id (D…, C…) and the message's ts. */
export interface SlackMessageRef {
  readonly channel: string;
  readonly ts: string;
}

/** A ref is stored (KVS) and read back: one of ours is far shorter than this. */
const MAX_REF_CHARS = 200;

/** The SentCard of a post, from chat.postMessage's answer; undefined when the answer lacks a usable channel or ts. */
export function slackSentCard(answer: { readonly channel?: unknown; readonly ts?: unknown }): SentCard | undefined {
  const { channel, ts } = answer;
  if (!isSlackId(channel) || !isSlackTs(ts)) return undefined;
  return { ref: JSON.stringify({ slack: { channel, ts } }) };
}

/** The message a SentCard names, if it is a well-formed Slack one; anything else (another platform's, garbled) names none. */
export function slackMessageOf(sent: SentCard): SlackMessageRef | undefined {
  const slack = refPart(sent, 'slack', MAX_REF_CHARS);
  return slack && isSlackId(slack['channel']) && isSlackTs(slack['ts']) ? { channel: slack['channel'], ts: slack['ts'] } : undefined;
}
