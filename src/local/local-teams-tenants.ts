import { kvs } from '@forge/kvs';
import { connectTeamsTenant } from '../adapters/teams/teams-connection';
import { KvsTeamsTenants, type TeamsTenantSummary } from '../adapters/teams/teams-tenants';
import { teamsEndpoints } from '../composition';

/** An Azure Bot and the tenant it serves, as the backoffice's Teams connect form takes them. */
export interface TeamsBotCredentials {
  readonly tenantId: string;
  readonly appId: string;
  readonly appPassword: string;
  /** The bot's home tenant, where its tokens come from, when it is not `tenantId`. */
  readonly botTenantId?: string | undefined;
  readonly name?: string | undefined;
}

/**
 * The real bot `npm start` connects: TEAMS_APP_ID, TEAMS_APP_PASSWORD and
 * TEAMS_TENANT_ID, all three or nothing (a partial set is a mistake worth
 * saying, not a reason to start half-configured).
 */
export function teamsBotFromEnv(env: NodeJS.ProcessEnv): TeamsBotCredentials | undefined {
  const appId = env['TEAMS_APP_ID'];
  const appPassword = env['TEAMS_APP_PASSWORD'];
  const tenantId = env['TEAMS_TENANT_ID'];
  if (!appId && !appPassword && !tenantId) return undefined;
  if (!appId || !appPassword || !tenantId) {
    throw new Error('Set all three of TEAMS_APP_ID, TEAMS_APP_PASSWORD and TEAMS_TENANT_ID to connect a Microsoft Teams bot, or none of them.');
  }
  return { appId, appPassword, tenantId };
}

/**
 * Connects a Teams tenant to a project exactly as the backoffice's
 * `tenants/connect` resolver does for Teams (`connectTeamsTenant`: Microsoft's token
 * endpoint is asked first, then the tenant is kept with its secret in KVS),
 * from the local platform rather than from an admin's click.
 */
export function connectTeamsTenantLocally(projectId: string, bot: TeamsBotCredentials, now: () => number): Promise<TeamsTenantSummary> {
  return connectTeamsTenant(
    { projectId, tenantId: bot.tenantId, name: bot.name ?? '', appId: bot.appId, appPassword: bot.appPassword, botTenantId: bot.botTenantId },
    { tenants: new KvsTeamsTenants(kvs), connector: { loginUrl: teamsEndpoints().loginUrl, fetch: (input, init) => fetch(input, init), now } },
  );
}

/**
 * Marks a local bot's binding as proven. Only for the Agents Playground's
 * fixed tenant: it exists on this machine alone, and the Playground has no
 * Bot Connector to ask who a sender is.
 */
export async function confirmTeamsTenantLocally(tenantId: string, appId: string, now: () => number): Promise<void> {
  const tenants = new KvsTeamsTenants(kvs);
  const tenant = await tenants.get(tenantId, appId);
  if (tenant && tenant.confirmedAt === undefined) await tenants.confirm(tenant, now());
}

/** Whether this bot is connected in the tenant (to any project). */
export async function isTeamsTenantConnected(tenantId: string, appId: string): Promise<boolean> {
  return (await new KvsTeamsTenants(kvs).get(tenantId, appId)) !== undefined;
}
