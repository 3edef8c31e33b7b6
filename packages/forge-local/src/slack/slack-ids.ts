import { randomBytes, randomFillSync, randomUUID } from 'node:crypto';

/** Slack's message timestamp: `"<seconds>.<6 digits>"`, unique within a channel. */
export function formatSlackTs(micros: number): string {
  return `${Math.floor(micros / 1_000_000)}.${String(micros % 1_000_000).padStart(6, '0')}`;
}

/**
 * Hands out message timestamps from the clock, each strictly after the last
 * (Slack never gives two messages in a channel the same ts; here none at all).
 */
export class SlackTsClock {
  private last: number;

  constructor(
    private readonly nowMs: () => number,
    lastMicros = 0,
  ) {
    this.last = lastMicros;
  }

  next(): { ts: string; micros: number } {
    const micros = Math.max(Math.floor(this.nowMs() * 1000), this.last + 1);
    this.last = micros;
    return { ts: formatSlackTs(micros), micros };
  }
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

// Ids are drawn from a pool filled 4 KB at a time: a `randomBytes` call for every block of every message
// the sandbox receives costs more than the rest of its work on that block.
const pool = Buffer.alloc(4096);
let poolAt = pool.length;

function randomString(length: number, alphabet = ALPHANUMERIC): string {
  if (poolAt + length > pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[(pool[poolAt + i] ?? 0) % alphabet.length];
  poolAt += length;
  return out;
}

/** `Ev` + 9 upper-case letters and digits, like Slack's event ids. */
export function newEventId(): string {
  return `Ev${randomString(9, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')}`;
}

/** Slack gives blocks posted without a block_id a short random one. */
export function newBlockId(): string {
  return randomString(5);
}

export function newTriggerId(): string {
  return `${Date.now()}.${randomString(8, '0123456789')}.${randomBytes(16).toString('hex')}`;
}

export function newClientMsgId(): string {
  return randomUUID();
}

/**
 * What Slack's client sends for typed words: a web address becomes a link,
 * `<https://…>`, as the client makes it (without trailing punctuation), and
 * &, < and > elsewhere become entities.
 */
export function slackTextOf(typed: string): string {
  let out = '';
  let at = 0;
  for (const m of typed.matchAll(/https?:\/\/[^\s<>"|]+/g)) {
    const url = m[0].replace(/[.,;:!?)\]'*_~]+$/, '');
    if (url.length <= 'https://'.length) continue;
    out += escapeSlackText(typed.slice(at, m.index)) + `<${escapeSlackText(url)}>`;
    at = (m.index ?? 0) + url.length;
  }
  return out + escapeSlackText(typed.slice(at));
}

/** Slack sends &, < and > in message text as entities; the rest of mrkdwn is left as typed. */
export function escapeSlackText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
