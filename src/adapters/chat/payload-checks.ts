import type { ChatActionKind } from '../../domain/outgoing-message';
import { isSavedReplyName } from '../../domain/saved-replies';
import { isIssueKey } from '../../domain/ticket-follow-up';

/**
 * The checks every id and field from a Slack or Teams payload passes before
 * it reaches a storage key, a stored value or an outbound call. A payload is
 * attacker-shaped until its signature or token checks out, and even then a
 * platform bug can send anything: what fails here is refused with a 4xx (or
 * ignored with a 200), never turned into a KVS "key too long" or a NaN `at`.
 */

/**
 * Web trigger bodies above this are refused before parsing. Slack's largest
 * payloads (block_actions with a full message and its blocks) and Teams
 * activities stay far below it; a body past it is not from either platform.
 */
export const MAX_BODY_CHARS = 512 * 1024;

/** Slack ids (team, enterprise, app, user, channel, event): letters and digits, a few dozen at most. */
const SLACK_ID = /^[A-Za-z0-9_-]{1,64}$/;

export function isSlackId(value: unknown): value is string {
  return typeof value === 'string' && SLACK_ID.test(value);
}

/** Slack's message and action timestamps: seconds, a dot, microseconds (`1732525200.000100`). */
const SLACK_TS = /^\d{1,12}(\.\d{1,9})?$/;

/** A Slack `ts` as seconds, or undefined when it is not one: a malformed ts must never become a NaN or null time. */
export function parseSlackTs(value: unknown): number | undefined {
  if (typeof value !== 'string' || !SLACK_TS.test(value)) return undefined;
  const seconds = Number(value);
  return Number.isFinite(seconds) ? seconds : undefined;
}

export function isSlackTs(value: unknown): value is string {
  return parseSlackTs(value) !== undefined;
}

/** A string of at most `max` characters (text people typed, labels): anything else is absent. */
export function boundedString(value: unknown, max: number): string | undefined {
  return typeof value === 'string' && value.length <= max ? value : undefined;
}

/** A short identifier-like string (types, action ids): visible ASCII, no spaces or control characters. */
export function isToken(value: unknown, max: number): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= max && /^[\x21-\x7e]+$/.test(value);
}

/**
 * Teams ids (conversation, activity, `from`/`recipient` account ids) are long
 * and contain `:`, `@`, `;`, `=`, `|`. Storage keys escape every such
 * character as three, so the bound is on the escaped weight: the delivery key
 * built from a conversation id and an activity id stays well under Forge's
 * 500 characters whatever the mix.
 */
export function isTeamsId(value: unknown, maxWeight: number): value is string {
  if (typeof value !== 'string' || value.length === 0 || value.length > maxWeight || !/^[\x21-\x7e]+$/.test(value)) return false;
  let weight = 0;
  for (const ch of value) weight += /[A-Za-z0-9_-]/.test(ch) ? 1 : 3;
  return weight <= maxWeight;
}

/**
 * An id a button carries back: the app wrote it (a conversation id, made of
 * the user's key and the delivery that asked for a human; an operator's key
 * to forward to). It is looked up by key, so it is bounded by the escaped
 * weight a key may have, with room for the key's prefix.
 */
export function isButtonRef(value: unknown): value is string {
  return isTeamsId(value, 480);
}

/**
 * A button's value as the app wrote it for that kind of button: a saved reply's name (letters, digits, spaces)
 * for `send-saved-reply`, an id for the others. Anything else is dropped, and the click reads as one without a value.
 */
export function buttonValueFor(kind: ChatActionKind, value: unknown): string | undefined {
  if (kind === 'send-saved-reply') return isSavedReplyName(value) ? value : undefined;
  if (kind === 'reply-on-ticket') return isIssueKey(value) ? value : undefined;
  return isButtonRef(value) ? value : undefined;
}

/** The escaped weights Teams ids may have (see isTeamsId): conversation and account ids, and activity ids. */
export const TEAMS_ID_WEIGHT = { account: 240, conversation: 240, activity: 90 } as const;

/** An Azure AD tenant id: a GUID in practice; letters, digits and dashes in any case. */
export function isTenantId(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9-]{1,64}$/.test(value);
}

/** The Bot Connector URL an activity names: an http(s) URL of sane length, nothing else is called. */
export function isServiceUrl(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > 512) return false;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
