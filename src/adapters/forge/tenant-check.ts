import type { kvs as KvsClient } from '@forge/kvs';
import { readValue, stampValue } from './plain-key-versions';
import type { StampedValue } from './record-versions';

type Kvs = typeof KvsClient;

/** The outcome of the last connection check of a tenant (connecting, or Test connection). */
export interface TenantCheck {
  readonly ok: boolean;
  readonly at: number;
  /** Why it failed, in words for the admin. */
  readonly message?: string | undefined;
  /** Slack: the scopes the bot token had when checked (`x-oauth-scopes`), for the notices of those it lacks. */
  readonly scopes?: readonly string[] | undefined;
}

/**
 * Puts `check` on the summary of the tenant whose credentials were `tested` (its secret is
 * not touched). The summary is rebuilt from the secret, never from an older summary, so a
 * disconnect or a reconnect racing the check can neither bring a tenant back nor leave the
 * old one's project or name listed: when the tested credentials are no longer the
 * connected ones nothing is recorded, and what a disconnect or reconnect wrote meanwhile
 * wins.
 */
export async function recordCheckOnSummary<T extends object>(
  kvs: Kvs,
  keys: { readonly summary: string; readonly secret: string },
  /** The record types of the secret and its summary: read in their current shape, written stamped (plain-key-versions.ts). */
  records: { readonly secret: StampedValue; readonly summary: StampedValue },
  tested: T,
  summaryOf: (secret: T) => object,
  check: TenantCheck,
): Promise<void> {
  const current = readValue<T>(records.secret, await kvs.getSecret<T>(keys.secret));
  if (!current || !sameRecord(current, tested)) return;
  await kvs.set(keys.summary, stampValue(records.summary, { ...summaryOf(current), lastCheck: check }));
  const after = readValue<T>(records.secret, await kvs.getSecret<T>(keys.secret));
  if (!after) await kvs.delete(keys.summary);
  else if (!sameRecord(after, current)) await kvs.set(keys.summary, stampValue(records.summary, summaryOf(after)));
}

function sameRecord(a: object, b: object): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
