import { WhereConditions, type kvs as KvsClient } from '@forge/kvs';
import { allWithPrefix } from '../forge/kvs-prefix-query';
import { escapeKeyPart, KEY_VERSION, storageKeys } from '../forge/kvs-keys';
import { readValue, stampValue } from '../forge/plain-key-versions';
import { recordCheckOnSummary, type TenantCheck } from '../forge/tenant-check';
import type { TeamsConversationReference } from './teams-activity';

type Kvs = typeof KvsClient;

/**
 * A Microsoft Teams tenant bound to a project through one Azure Bot. The
 * binding is keyed by tenant AND app id: two projects of a site may each have
 * their own bot in one tenant.
 */
export interface TeamsTenant {
  readonly tenantId: string;
  readonly name: string;
  readonly projectId: string;
  readonly appId: string;
  readonly appPassword: string;
  /** Where the bot gets its tokens: its own home tenant. */
  readonly botTenantId: string;
  readonly connectedAt: number;
  /**
   * When an activity of this bot from this tenant first verified. An admin
   * types the tenant id, which proves nothing; until then the binding waits
   * ("pending") and is shown so.
   */
  readonly confirmedAt?: number | undefined;
}

/** What anyone may see about a tenant: no client secret; and how its last connection check went. */
export type TeamsTenantSummary = Omit<TeamsTenant, 'appPassword'> & { readonly lastCheck?: TenantCheck | undefined };

/** The app id of the bot an activity was for: Teams addresses bots as `28:{app id}`. */
export function appIdOfBot(botId: string): string {
  return botId.startsWith('28:') ? botId.slice(3) : botId;
}

/** Bindings read from the tenant-only keys of before: their first verified activity moves them to their own keys. */
const readFromLegacyKey = new WeakSet<TeamsTenant>();

/** Tenants as secrets (one read per activity) with a listable public summary beside each. */
export class KvsTeamsTenants {
  static readonly summaryPrefix = `tenant:${KEY_VERSION}:teams:`;

  constructor(private readonly kvs: Kvs) {}

  private static secretKey(tenantId: string, appId: string): string {
    return `teams-tenant:${KEY_VERSION}:${escapeKeyPart(tenantId)}:${escapeKeyPart(appId)}`;
  }

  private static summaryKey(tenantId: string, appId: string): string {
    return `${KvsTeamsTenants.summaryPrefix}${escapeKeyPart(tenantId)}:${escapeKeyPart(appId)}`;
  }

  /** Before bindings were keyed by app id too (0.0.0, never released): read through, moved on confirmation. */
  private static legacyKeys(tenantId: string): { secret: string; summary: string } {
    return { secret: `teams-tenant:${KEY_VERSION}:${escapeKeyPart(tenantId)}`, summary: `${KvsTeamsTenants.summaryPrefix}${escapeKeyPart(tenantId)}` };
  }

  private static keysOf(tenant: TeamsTenant): { secret: string; summary: string } {
    if (readFromLegacyKey.has(tenant)) return KvsTeamsTenants.legacyKeys(tenant.tenantId);
    return { secret: KvsTeamsTenants.secretKey(tenant.tenantId, tenant.appId), summary: KvsTeamsTenants.summaryKey(tenant.tenantId, tenant.appId) };
  }

  /** The binding of this bot in this tenant: one read (a second only for a binding stored before the re-key, or none). */
  async get(tenantId: string, appId: string): Promise<TeamsTenant | undefined> {
    const found = await this.secret(KvsTeamsTenants.secretKey(tenantId, appId));
    if (found) return found;
    const legacy = await this.secret(KvsTeamsTenants.legacyKeys(tenantId).secret);
    if (legacy?.appId !== appId) return undefined;
    readFromLegacyKey.add(legacy);
    return legacy;
  }

  /**
   * Whether any project has a binding in the tenant: only for refused traffic,
   * to show a misconfigured bot on the tenant's row (a token for an app id
   * with no binding there), and never for a tenant no one connected.
   */
  async anyIn(tenantId: string): Promise<boolean> {
    const page = await this.kvs.query().where('key', WhereConditions.beginsWith(`${KvsTeamsTenants.summaryPrefix}${escapeKeyPart(tenantId)}`)).limit(1).getMany();
    return page.results.length > 0;
  }

  /** The binding a project has in a tenant, whichever its bot (a project binds a tenant through one bot). */
  async ofProject(projectId: string, tenantId: string): Promise<TeamsTenant | undefined> {
    const summaries = await this.summaries(`${KvsTeamsTenants.summaryPrefix}${escapeKeyPart(tenantId)}`);
    const summary = summaries.find((s) => s.tenantId === tenantId && s.projectId === projectId);
    const tenant = summary ? await this.get(tenantId, summary.appId) : undefined;
    return tenant?.projectId === projectId ? tenant : undefined;
  }

  /** Saves the binding under its own keys, and removes `replaced` (this project's former binding of the tenant); `lastCheck` goes on its summary (connecting is a check). */
  async put(tenant: TeamsTenant, lastCheck?: TenantCheck, replaced?: TeamsTenant): Promise<void> {
    const keys = { secret: KvsTeamsTenants.secretKey(tenant.tenantId, tenant.appId), summary: KvsTeamsTenants.summaryKey(tenant.tenantId, tenant.appId) };
    await this.kvs.setSecret(keys.secret, stampValue('teams-tenant', tenant));
    await this.kvs.set(keys.summary, stampValue('teams-tenant-summary', { ...summaryOf(tenant), ...(lastCheck ? { lastCheck } : {}) }));
    const old = replaced ? KvsTeamsTenants.keysOf(replaced) : undefined;
    if (old && old.secret !== keys.secret) {
      await this.kvs.deleteSecret(old.secret);
      await this.kvs.delete(old.summary);
    }
  }

  /**
   * The first verified activity of the bot from the tenant proves the binding:
   * written once, since a confirmed binding is never confirmed again. The
   * activity that proved it is also a check that worked.
   */
  async confirm(tenant: TeamsTenant, at: number): Promise<TeamsTenant> {
    const confirmed: TeamsTenant = { ...tenant, confirmedAt: at };
    // A disconnect or reconnect since the activity's read wins: the binding is not brought back.
    const current = await this.secret(KvsTeamsTenants.keysOf(tenant).secret);
    if (!current || JSON.stringify(current) !== JSON.stringify(tenant)) return confirmed;
    await this.put(confirmed, { ok: true, at }, tenant);
    return confirmed;
  }

  /** Records how Test connection (or a token fetch Microsoft refused) went. */
  recordCheck(tested: TeamsTenant, check: TenantCheck): Promise<void> {
    return recordCheckOnSummary(this.kvs, KvsTeamsTenants.keysOf(tested), { secret: 'teams-tenant', summary: 'teams-tenant-summary' }, tested, summaryOf, check);
  }

  async remove(tenant: TeamsTenant): Promise<void> {
    const keys = KvsTeamsTenants.keysOf(tenant);
    await this.kvs.deleteSecret(keys.secret);
    await this.kvs.delete(keys.summary);
  }

  list(): Promise<TeamsTenantSummary[]> {
    return this.summaries(KvsTeamsTenants.summaryPrefix);
  }

  /** A binding in its current shape (plain-key-versions.ts): upgraded on the fly, without its stamp. */
  private async secret(key: string): Promise<TeamsTenant | undefined> {
    return readValue<TeamsTenant>('teams-tenant', await this.kvs.getSecret<TeamsTenant>(key));
  }

  private async summaries(prefix: string): Promise<TeamsTenantSummary[]> {
    return (await allWithPrefix<TeamsTenantSummary>(this.kvs, prefix)).flatMap((s) => readValue<TeamsTenantSummary>('teams-tenant-summary', s) ?? []);
  }
}

/**
 * The people the bot knows in each tenant, with how to reach them. Written on
 * install and when a person first writes (or writes from a new address), not
 * on every message.
 */
export class KvsTeamsReferences {
  constructor(private readonly kvs: Kvs) {}

  private static prefix(tenantId: string): string {
    return storageKeys.teamsPersonPrefix(tenantId);
  }

  get(tenantId: string, userId: string): Promise<TeamsConversationReference | undefined> {
    return this.kvs.get<TeamsConversationReference>(`${KvsTeamsReferences.prefix(tenantId)}${escapeKeyPart(userId)}`);
  }

  /** Kept a year from now: a person who writes again within it is kept on (isFresh), so only the long silent go. */
  async put(reference: TeamsConversationReference): Promise<void> {
    const kept: TeamsConversationReference = { ...reference, keptAt: Date.now() };
    await this.kvs.set(`${KvsTeamsReferences.prefix(reference.tenantId)}${escapeKeyPart(reference.userId)}`, kept, { ttl: { value: REFERENCE_KEPT_DAYS, unit: 'DAYS' } });
  }

  /** Whether a stored reference was written recently enough that a message from its person need not write it again. */
  static isFresh(stored: TeamsConversationReference): boolean {
    return stored.keptAt !== undefined && Date.now() - stored.keptAt < REFERENCE_REFRESH_MS;
  }

  async remove(tenantId: string, userId: string): Promise<void> {
    await this.kvs.delete(`${KvsTeamsReferences.prefix(tenantId)}${escapeKeyPart(userId)}`);
  }

  list(tenantId: string): Promise<TeamsConversationReference[]> {
    return allWithPrefix<TeamsConversationReference>(this.kvs, KvsTeamsReferences.prefix(tenantId));
  }
}

/** A Teams person's address (name, ids) is personal data: kept a year after they last wrote, then gone by itself. */
const REFERENCE_KEPT_DAYS = 365;
/** Written again when they write a month or more after it was (one write a month per active person). */
const REFERENCE_REFRESH_MS = 30 * 24 * 60 * 60 * 1000;

function summaryOf(tenant: TeamsTenant): Omit<TeamsTenant, 'appPassword'> {
  const { appPassword: _secret, ...summary } = tenant;
  return summary;
}
