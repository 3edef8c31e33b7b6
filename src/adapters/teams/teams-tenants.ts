import type { kvs as KvsClient } from '@forge/kvs';
import { allWithPrefix } from '../forge/kvs-prefix-query';
import { escapeKeyPart, KEY_VERSION } from '../forge/kvs-keys';
import { recordCheckOnSummary, type TenantCheck } from '../forge/tenant-check';
import type { TeamsConversationReference } from './teams-activity';

type Kvs = typeof KvsClient;

/** A connected Microsoft Teams tenant and the Azure Bot that serves it. */
export interface TeamsTenant {
  readonly tenantId: string;
  readonly name: string;
  readonly projectId: string;
  readonly appId: string;
  readonly appPassword: string;
  /** Where the bot gets its tokens: its own home tenant. */
  readonly botTenantId: string;
  readonly connectedAt: number;
}

/** What anyone may see about a tenant: no client secret; and how its last connection check went. */
export type TeamsTenantSummary = Omit<TeamsTenant, 'appPassword'> & { readonly lastCheck?: TenantCheck | undefined };

/** Tenants as secrets (one read per activity) with a listable public summary beside each. */
export class KvsTeamsTenants {
  static readonly summaryPrefix = `tenant:${KEY_VERSION}:teams:`;

  constructor(private readonly kvs: Kvs) {}

  private static secretKey(tenantId: string): string {
    return `teams-tenant:${KEY_VERSION}:${escapeKeyPart(tenantId)}`;
  }

  private static summaryKey(tenantId: string): string {
    return `${KvsTeamsTenants.summaryPrefix}${escapeKeyPart(tenantId)}`;
  }

  get(tenantId: string): Promise<TeamsTenant | undefined> {
    return this.kvs.getSecret<TeamsTenant>(KvsTeamsTenants.secretKey(tenantId));
  }

  /** Saves the tenant; `lastCheck` goes on its summary (connecting is a check). */
  async put(tenant: TeamsTenant, lastCheck?: TenantCheck): Promise<void> {
    await this.kvs.setSecret(KvsTeamsTenants.secretKey(tenant.tenantId), tenant);
    await this.kvs.set(KvsTeamsTenants.summaryKey(tenant.tenantId), { ...summaryOf(tenant), ...(lastCheck ? { lastCheck } : {}) });
  }

  /** Records how Test connection (or a token fetch Microsoft refused) went. */
  recordCheck(tested: TeamsTenant, check: TenantCheck): Promise<void> {
    const keys = { summary: KvsTeamsTenants.summaryKey(tested.tenantId), secret: KvsTeamsTenants.secretKey(tested.tenantId) };
    return recordCheckOnSummary(this.kvs, keys, tested, summaryOf, check);
  }

  async remove(tenantId: string): Promise<void> {
    await this.kvs.deleteSecret(KvsTeamsTenants.secretKey(tenantId));
    await this.kvs.delete(KvsTeamsTenants.summaryKey(tenantId));
  }

  list(): Promise<TeamsTenantSummary[]> {
    return allWithPrefix<TeamsTenantSummary>(this.kvs, KvsTeamsTenants.summaryPrefix);
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
    return `teams-person:${KEY_VERSION}:${escapeKeyPart(tenantId)}:`;
  }

  get(tenantId: string, userId: string): Promise<TeamsConversationReference | undefined> {
    return this.kvs.get<TeamsConversationReference>(`${KvsTeamsReferences.prefix(tenantId)}${escapeKeyPart(userId)}`);
  }

  async put(reference: TeamsConversationReference): Promise<void> {
    await this.kvs.set(`${KvsTeamsReferences.prefix(reference.tenantId)}${escapeKeyPart(reference.userId)}`, reference);
  }

  async remove(tenantId: string, userId: string): Promise<void> {
    await this.kvs.delete(`${KvsTeamsReferences.prefix(tenantId)}${escapeKeyPart(userId)}`);
  }

  list(tenantId: string): Promise<TeamsConversationReference[]> {
    return allWithPrefix<TeamsConversationReference>(this.kvs, KvsTeamsReferences.prefix(tenantId));
  }
}

function summaryOf(tenant: TeamsTenant): Omit<TeamsTenant, 'appPassword'> {
  const { appPassword: _secret, ...summary } = tenant;
  return summary;
}
