import { Agent } from 'node:http';
import { signSlackRequest } from '../../src/adapters/slack/slack-signature';
import { directMessageEvent, eventCallback } from '../../packages/forge-local/src/slack/inbound-events';
import { SlackTsClock } from '../../packages/forge-local/src/slack/slack-ids';
import { dmChannelOf } from '../../packages/forge-local/src/slack/workspace';
import { httpPost } from './http-post';

/**
 * Slack's side of a load run: people writing in their DMs with the bot, each
 * message a signed Events API request (the same envelope the sandbox sends,
 * signed the same way), POSTed to a Request URL: Koji's web trigger or the
 * bare Bolt app. Plain data in, plain data out, so it runs in a worker thread.
 */

/** One person writing to one other through the bot, one message after the other: a conversation, one direction. */
export interface Lane {
  readonly id: number;
  /** Who writes (Slack user id). */
  readonly from: string;
  /** Whose DM the relay must land in (the `channel` the relay is posted to). */
  readonly to: string;
  /** The name the relay must carry (`username`). */
  readonly senderName: string;
  readonly direction: 'user-to-operator' | 'operator-to-user';
}

export interface LoadSpec {
  /**
   * `events` (default): signed Events API requests to `url` (a Request URL).
   * `chat.postMessage`: the relay itself, straight to the fake Slack's Web API at
   * `url` (its base, `…/api/`) with `token`: what a relay costs Slack's side alone.
   */
  readonly mode?: 'events' | 'chat.postMessage';
  readonly url: string;
  readonly signingSecret: string;
  readonly token?: string;
  readonly lanes: readonly Lane[];
  /** Total messages, handed out to the lanes as they become free. */
  readonly messages: number;
  /** In every message's text, to tell runs apart in what Slack received. */
  readonly tag: string;
  /**
   * Every n-th message is delivered twice at once (the second as Slack's retry,
   * `x-slack-retry-num: 1`), and these many of the first messages once more after the run.
   */
  readonly duplicateEvery?: number;
  readonly redeliverAfter?: number;
}

export interface SentRecord {
  readonly lane: number;
  readonly seq: number;
  readonly eventId: string;
  readonly status: number;
  readonly latencyMs: number;
}

export interface LoadResult {
  readonly sent: SentRecord[];
  /** Status of every extra delivery of an already-sent body (duplicates and redeliveries). */
  readonly duplicateStatuses: number[];
  /** From the first request to the last answer. */
  readonly wallMs: number;
  readonly errors: string[];
}

/** `bench <tag> lane <n> seq <n>` and some words: about the length of a chat message. */
export function messageText(tag: string, lane: number, seq: number): string {
  return `bench ${tag} lane ${lane} seq ${seq}: could you check the printer on the third floor again`;
}

const MESSAGE_PATTERN = /^bench (\S+) lane (\d+) seq (\d+):/;

export function parseMessageText(text: string): { tag: string; lane: number; seq: number } | undefined {
  const m = MESSAGE_PATTERN.exec(text);
  return m ? { tag: m[1]!, lane: Number(m[2]), seq: Number(m[3]) } : undefined;
}

interface Prepared {
  readonly body: string;
  readonly eventId: string;
}

export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const clock = new SlackTsClock(() => Date.now());
  const sent: SentRecord[] = [];
  const duplicateStatuses: number[] = [];
  const errors: string[] = [];
  const bodies: Prepared[] = [];
  const seqOf = new Map<number, number>();
  let next = 0;

  const prepare = (lane: Lane): { prepared: Prepared; seq: number } => {
    const seq = seqOf.get(lane.id) ?? 0;
    seqOf.set(lane.id, seq + 1);
    const typed = messageText(spec.tag, lane.id, seq);
    const ts = clock.next().ts;
    const envelope = eventCallback(directMessageEvent({ channel: dmChannelOf(lane.from), ts, user: lane.from, text: typed }, typed), Date.now());
    return { prepared: { body: JSON.stringify(envelope), eventId: String(envelope['event_id']) }, seq };
  };

  // node:http with keep-alive connections: fetch (undici) costs this rig's 2 cores about three times the CPU
  // per request, CPU the systems under test then lack. Koji, Bolt and "no app" all get this client. Two
  // connections a lane, so a duplicate delivery really races its original instead of queueing behind it.
  const agent = new Agent({ keepAlive: true, maxSockets: Math.max(2, spec.lanes.length * 2) });

  const postToWebApi = async (lane: Lane, text: string): Promise<number> => {
    const answer = await httpPost(agent, `${spec.url}chat.postMessage`, new URLSearchParams({ channel: lane.to, text, username: lane.senderName }).toString(), {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Bearer ${spec.token ?? ''}`,
    });
    const body = JSON.parse(answer.body) as { ok?: boolean };
    return body.ok === true ? answer.status : 502;
  };

  const post = async (body: string, retry?: number): Promise<number> => {
    const timestamp = Math.floor(Date.now() / 1000);
    const answer = await httpPost(agent, spec.url, body, {
      'content-type': 'application/json',
      'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': signSlackRequest(body, timestamp, spec.signingSecret),
      ...(retry ? { 'x-slack-retry-num': String(retry), 'x-slack-retry-reason': 'http_timeout' } : {}),
    });
    return answer.status;
  };

  const lane = async (l: Lane): Promise<void> => {
    for (;;) {
      const index = next;
      if (index >= spec.messages) return;
      next += 1;
      const { prepared, seq } = prepare(l);
      bodies.push(prepared);
      const started = performance.now();
      try {
        if (spec.mode === 'chat.postMessage') {
          const status = await postToWebApi(l, messageText(spec.tag, l.id, seq));
          sent.push({ lane: l.id, seq, eventId: prepared.eventId, status, latencyMs: performance.now() - started });
        } else if (spec.duplicateEvery && index % spec.duplicateEvery === 0) {
          const [first, second] = await Promise.all([post(prepared.body), post(prepared.body, 1)]);
          sent.push({ lane: l.id, seq, eventId: prepared.eventId, status: first, latencyMs: performance.now() - started });
          duplicateStatuses.push(second);
        } else {
          const status = await post(prepared.body);
          sent.push({ lane: l.id, seq, eventId: prepared.eventId, status, latencyMs: performance.now() - started });
        }
      } catch (error) {
        errors.push(`lane ${l.id} seq ${seq}: ${error instanceof Error ? `${error.message} ${String((error.cause as Error | undefined)?.message ?? '')}` : String(error)}`);
        sent.push({ lane: l.id, seq, eventId: prepared.eventId, status: 0, latencyMs: performance.now() - started });
      }
    }
  };

  const started = performance.now();
  await Promise.all(spec.lanes.map(lane));
  const wallMs = performance.now() - started;
  for (const again of bodies.slice(0, spec.redeliverAfter ?? 0)) {
    try {
      duplicateStatuses.push(await post(again.body, 2));
    } catch (error) {
      errors.push(`redelivery of ${again.eventId}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  agent.destroy();
  return { sent, duplicateStatuses, wallMs, errors };
}

/** Latency percentile (nearest rank) in ms. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}
