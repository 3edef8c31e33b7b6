import type { kvs as KvsClient } from '@forge/kvs';
import type { Logger } from '../../app/ports';
import type { ChatChannel } from '../../domain/participant';
import { escapeKeyPart, KEY_VERSION } from './kvs-keys';
import { allWithPrefix } from './kvs-prefix-query';
import type { TenantCheck } from './tenant-check';
import { messageOf } from '../../domain/koji-error';

type Kvs = typeof KvsClient;

/**
 * How a workspace or tenant is doing as seen from its traffic: refused
 * requests (signature, token) and sends its bot credentials are refused for.
 * `cause` says which, since a passing Test connection answers only the second:
 * it checks the token, not the signing secret.
 */
export interface TenantHealthRecord extends TenantCheck, HealthSubject {
  readonly cause?: 'events' | 'sends' | undefined;
}

/**
 * Whose traffic a status is about: one connection. A Slack workspace has one; a
 * Teams tenant has one per project's bot (`appId`), and two projects' bots in a
 * tenant must not share a status. A Teams subject without `appId` is the tenant
 * as a whole: traffic refused before any of its bindings could be told (a token
 * for no connected bot), shown on each of the tenant's rows.
 */
export interface HealthSubject {
  readonly channel: ChatChannel;
  readonly tenantId: string;
  readonly appId?: string | undefined;
}

/** Where health records live: one small KVS value per tenant, listed for the backoffice. */
export interface TenantHealthStore {
  /** `expiresInSeconds`: the record goes by itself then, unless written again. */
  write(record: TenantHealthRecord, expiresInSeconds?: number): Promise<void>;
  remove(subject: HealthSubject): Promise<void>;
  list(): Promise<TenantHealthRecord[]>;
}

/**
 * Both what counts as the "same window" for refusals and verified requests,
 * and the least time between two writes for one tenant.
 */
export const HEALTH_WINDOW_MS = 60_000;

/**
 * How long a Failing for refused events stands once written, and how often a function that keeps seeing them
 * writes it again. No request can clear a status another function wrote (that would cost a read per request),
 * and a request with a wrong signature may be anyone's: so Failing for events lasts while refusals go on, and a
 * burst of them, forged or passing, is gone within the hour. Failing for sends stays: no one forges a send.
 */
export const EVENTS_FAILING_TTL_SECONDS = 60 * 60;
const EVENTS_FAILING_REFRESH_MS = (EVENTS_FAILING_TTL_SECONDS * 1_000) / 2;

/** Tenants followed per warm function: only connected ones reach here, this is a guard. */
const MAX_TENANTS = 1_000;

interface Traffic {
  lastVerifiedAt?: number;
  refusal?: { readonly at: number; readonly message: string };
  lastSentAt?: number;
  sendFailure?: { readonly at: number; readonly message: string };
  /** Counted since the last write, for the log line that goes with it. */
  refused: number;
  verified: number;
  /** What this function last wrote for the tenant, and when. */
  written?: { readonly ok: boolean; readonly at: number; readonly message?: string | undefined };
  /** When it last tried to write, whether or not the store took it: at most once a minute either way. */
  attemptedAt?: number;
}

/**
 * Misconfiguration made visible, without a KVS write per request: refusals and
 * verifications are counted in memory per warm function, and a status is
 * written at most once a minute per tenant, only when it changes.
 *
 * A tenant shows Failing when
 * - refusals came in and nothing from it verified within the last minute (so a
 *   flood of forged requests beside real traffic changes nothing, while a wrong
 *   signing secret, which refuses everything, shows at the first refusal); or
 * - the last send was refused for its bot credentials (no one forges a send).
 * It shows Working again when this function sees it work after having written
 * Failing; reconnecting the tenant clears the status (forget); a Failing for
 * refused events also goes by itself an hour after the refusals stop.
 *
 * Refusals counted are those that can tell of the configuration: on Teams, a
 * token Microsoft signed (teams-receiver.ts); on Slack, any wrong signature,
 * since only the signing secret could tell Slack's from anyone's.
 *
 * On Slack "verified" means people's messages, edits and clicks: events ignored
 * whichever workspace sent them (among them Slack's echo of the bot's own posts)
 * are answered before any check (slack-receiver.ts), so they count neither way.
 * A wrong signing secret therefore shows at the first person's message refused.
 *
 * The happy path costs nothing but a map update: a function that never wrote a
 * status for a tenant never writes Working for it.
 */
export class TenantHealth {
  private readonly tenants = new Map<string, Traffic>();

  constructor(
    private readonly store: TenantHealthStore,
    private readonly now: () => number,
    private readonly log?: Pick<Logger, 'warn'>,
  ) {}

  /** A request that claimed to come from this connection failed its signature or token check. */
  refused(subject: HealthSubject, reason: string): Promise<void> {
    const traffic = this.traffic(subject);
    traffic.refusal = { at: this.now(), message: refusalMessage(subject.channel, reason) };
    traffic.refused += 1;
    return this.settle(subject, traffic);
  }

  /**
   * A request from this connection passed its signature or token check. It also
   * speaks for its tenant as a whole: forged requests naming the tenant beside
   * real traffic change nothing there either.
   */
  async verified(subject: HealthSubject): Promise<void> {
    if (subject.appId !== undefined) await this.verifiedOne({ channel: subject.channel, tenantId: subject.tenantId });
    await this.verifiedOne(subject);
  }

  /** The platform refused the connection's bot credentials for a send (`reason`: its word for it). */
  sendRefused(subject: HealthSubject, reason: string): Promise<void> {
    const traffic = this.traffic(subject);
    traffic.sendFailure = { at: this.now(), message: sendMessage(subject.channel, reason) };
    return this.settle(subject, traffic);
  }

  /** A send through the connection's bot went out. */
  sent(subject: HealthSubject): Promise<void> {
    const traffic = this.tenants.get(key(subject));
    if (!traffic) return Promise.resolve();
    traffic.lastSentAt = this.now();
    return traffic.written?.ok === false ? this.settle(subject, traffic) : Promise.resolve();
  }

  private verifiedOne(subject: HealthSubject): Promise<void> {
    const traffic = this.traffic(subject);
    traffic.lastVerifiedAt = this.now();
    traffic.verified += 1;
    return traffic.written?.ok === false ? this.settle(subject, traffic) : Promise.resolve();
  }

  /** Every tenant's status as last written, by any function: for the backoffice's Tenants table. */
  records(): Promise<TenantHealthRecord[]> {
    return this.store.list();
  }

  /**
   * The connection was made again or removed: what was seen before no longer says anything,
   * nor does what its tenant as a whole was refused for (the admin's fix for a wrong App ID
   * is connecting again).
   */
  async forget(subject: HealthSubject): Promise<void> {
    const subjects = subject.appId === undefined ? [subject] : [subject, { channel: subject.channel, tenantId: subject.tenantId }];
    for (const s of subjects) {
      this.tenants.delete(key(s));
      await this.store.remove(s);
    }
  }

  private traffic(subject: HealthSubject): Traffic {
    const k = key(subject);
    let traffic = this.tenants.get(k);
    if (!traffic) {
      if (this.tenants.size >= MAX_TENANTS) this.tenants.delete(this.tenants.keys().next().value!);
      traffic = { refused: 0, verified: 0 };
      this.tenants.set(k, traffic);
    }
    return traffic;
  }

  /** Writes the tenant's status if it changed and the last write is a minute old; never throws. */
  private async settle(subject: HealthSubject, traffic: Traffic): Promise<void> {
    const { channel, tenantId } = subject;
    const appId = subject.appId !== undefined ? { appId: subject.appId } : {};
    const now = this.now();
    const failing = this.failing(traffic, now);
    const { written } = traffic;
    const changed = failing ? written?.ok !== false || written.message !== failing.message : written?.ok === false;
    const expiring = failing?.cause === 'events' && written !== undefined && now - written.at >= EVENTS_FAILING_REFRESH_MS;
    if (!(changed || expiring) || (traffic.attemptedAt !== undefined && now - traffic.attemptedAt < HEALTH_WINDOW_MS)) return;
    traffic.attemptedAt = now;
    const record: TenantHealthRecord = failing
      ? { channel, tenantId, ...appId, ok: false, at: now, message: failing.message, cause: failing.cause }
      : { channel, tenantId, ...appId, ok: true, at: now };
    const before = traffic.written;
    traffic.written = { ok: record.ok, at: now, message: record.message };
    this.log?.warn('tenant_health', { channel, tenantId, ...appId, ok: record.ok, refused: traffic.refused, verified: traffic.verified, message: record.message });
    traffic.refused = 0;
    traffic.verified = 0;
    try {
      // A send refused still stands when events are refused too: such a record must not go by itself.
      await this.store.write(record, failing?.cause === 'events' && !sendStillRefused(traffic) ? EVENTS_FAILING_TTL_SECONDS : undefined);
    } catch (error) {
      // The request being answered must not fail for its status: nothing was written, so a minute on it is tried again.
      traffic.written = before;
      this.log?.warn('tenant_health_not_written', { channel, tenantId, ...appId, reason: messageOf(error) });
    }
  }

  private failing(traffic: Traffic, now: number): { message: string; cause: 'events' | 'sends' } | undefined {
    const { refusal, lastVerifiedAt, sendFailure } = traffic;
    const verifiedLately = lastVerifiedAt !== undefined && now - lastVerifiedAt < HEALTH_WINDOW_MS;
    if (refusal && now - refusal.at < HEALTH_WINDOW_MS && !verifiedLately) return { message: refusal.message, cause: 'events' };
    if (sendFailure && sendStillRefused(traffic)) return { message: sendFailure.message, cause: 'sends' };
    return undefined;
  }
}

/** The last send was refused for the bot's credentials, and none went out since. */
function sendStillRefused({ sendFailure, lastSentAt }: Traffic): boolean {
  return sendFailure !== undefined && (lastSentAt === undefined || lastSentAt < sendFailure.at);
}

function key(subject: HealthSubject): string {
  return subject.appId === undefined ? `${subject.channel}:${subject.tenantId}` : `${subject.channel}:${subject.tenantId}:${subject.appId}`;
}

/** The receivers' refusal reasons, in words an admin can act on. */
function refusalMessage(channel: ChatChannel, reason: string): string {
  if (channel === 'slack') {
    return /signature does not match/i.test(reason)
      ? 'Slack events are refused because the signing secret does not match. Copy the Signing Secret from the Slack app’s Basic Information page and connect the workspace again.'
      : `Slack events are refused: ${reason}`;
  }
  return /another bot/i.test(reason)
    ? 'Teams messages are refused because they are for another bot than the connected App ID. Check the App ID of the Azure Bot whose messaging endpoint is this Koji, and connect the tenant again.'
    : `Teams messages are refused because their token does not check out: ${reason} Check the App ID in the Koji backoffice.`;
}

function sendMessage(channel: ChatChannel, reason: string): string {
  return channel === 'slack'
    ? `Koji’s messages are refused because Slack does not accept the bot token (${reason}). Reinstall the Slack app and connect the workspace again with its Bot User OAuth Token.`
    : `Koji’s messages are refused because Microsoft does not accept the bot’s credentials (${reason}). Check the app id and client secret, and connect the tenant again.`;
}

/**
 * Health records as KVS values under one prefix: one per connection, a handful in all.
 * A Slack workspace's key and a Teams tenant's as a whole are those of before.
 */
export class KvsTenantHealthStore implements TenantHealthStore {
  static readonly prefix = `tenant-health:${KEY_VERSION}:`;

  constructor(private readonly kvs: Kvs) {}

  private static key(subject: HealthSubject): string {
    const bot = subject.appId === undefined ? '' : `:${escapeKeyPart(subject.appId)}`;
    return `${KvsTenantHealthStore.prefix}${subject.channel}:${escapeKeyPart(subject.tenantId)}${bot}`;
  }

  async write(record: TenantHealthRecord, expiresInSeconds?: number): Promise<void> {
    const ttl = expiresInSeconds === undefined ? {} : { ttl: { value: expiresInSeconds, unit: 'SECONDS' as const } };
    await this.kvs.set(KvsTenantHealthStore.key(record), record, ttl);
  }

  async remove(subject: HealthSubject): Promise<void> {
    await this.kvs.delete(KvsTenantHealthStore.key(subject));
  }

  list(): Promise<TenantHealthRecord[]> {
    return allWithPrefix<TenantHealthRecord>(this.kvs, KvsTenantHealthStore.prefix);
  }
}

/**
 * What the backoffice shows for a tenant: its traffic's Failing wins over a passing Test
 * connection when events are refused (the test checks the token, not the signing secret),
 * and over an older one when sends were refused; otherwise the last check as it was.
 */
export function shownCheck(lastCheck: TenantCheck | undefined, health: TenantHealthRecord | undefined): (TenantCheck & { readonly source?: 'traffic' }) | undefined {
  if (!health || health.ok) return lastCheck;
  if (health.cause === 'events' || !lastCheck || health.at >= lastCheck.at) {
    return { ok: false, at: health.at, message: health.message, source: 'traffic' };
  }
  return lastCheck;
}

/**
 * The traffic status a connection's row shows: its own, or its tenant's as a whole
 * when that one is failing and its own is not (a Slack workspace has only its own).
 */
export function healthOfConnection(records: readonly TenantHealthRecord[], subject: HealthSubject): TenantHealthRecord | undefined {
  const same = (r: TenantHealthRecord, appId: string | undefined) => r.channel === subject.channel && r.tenantId === subject.tenantId && r.appId === appId;
  const own = records.find((r) => same(r, subject.appId));
  const tenantWide = subject.appId === undefined ? undefined : records.find((r) => same(r, undefined));
  return own?.ok === false || tenantWide?.ok !== false ? own : tenantWide;
}
