import { ChatDeliveryError } from '../../domain/errors';
import { TenantConnectionError } from '../slack/slack-connection';
import { TeamsConnector, type ConnectorOptions } from './teams-connector';
import type { KvsTeamsTenants, TeamsTenant, TeamsTenantSummary } from './teams-tenants';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Connects a Microsoft Teams tenant through its Azure Bot: the app id and
 * client secret are tried by fetching a token, and only working credentials
 * are saved (the secret as a KVS secret).
 */
export async function connectTeamsTenant(
  input: { readonly projectId: string; readonly tenantId: string; readonly name: string; readonly appId: string; readonly appPassword: string; readonly botTenantId?: string | undefined },
  deps: { readonly tenants: KvsTeamsTenants; readonly connector: ConnectorOptions },
): Promise<TeamsTenantSummary> {
  const tenantId = input.tenantId.trim();
  const appId = input.appId.trim();
  const botTenantId = (input.botTenantId ?? tenantId).trim();
  if (!GUID.test(tenantId) || !GUID.test(botTenantId)) throw new TenantConnectionError('The tenant id is the Directory (tenant) ID of your Microsoft Entra tenant: a GUID.');
  if (!GUID.test(appId)) throw new TenantConnectionError('The app id is the Microsoft App ID of your Azure Bot: a GUID.');
  if (input.appPassword.trim().length < 8) throw new TenantConnectionError('The client secret is the value of a secret under Certificates & secrets of the bot’s app registration.');
  const existing = await deps.tenants.get(tenantId);
  if (existing && existing.projectId !== input.projectId) throw new TenantConnectionError('This Teams tenant is already connected to another project.');
  const tenant: TeamsTenant = {
    tenantId,
    name: input.name.trim() || tenantId,
    projectId: input.projectId,
    appId,
    appPassword: input.appPassword.trim(),
    botTenantId,
    connectedAt: existing?.connectedAt ?? deps.connector.now(),
  };
  await testTeamsTenant(tenant, deps.connector);
  // Microsoft just issued a token: connecting counts as a successful check.
  const lastCheck = { ok: true, at: deps.connector.now() };
  await deps.tenants.put(tenant, lastCheck);
  const { appPassword: _secret, ...summary } = tenant;
  return { ...summary, lastCheck };
}

/** "Test connection": Microsoft still issues the bot a token. */
export async function testTeamsTenant(tenant: TeamsTenant, connector: ConnectorOptions): Promise<{ name: string }> {
  try {
    await new TeamsConnector({ appId: tenant.appId, appPassword: tenant.appPassword, tenantId: tenant.botTenantId }, connector).token({ fresh: true });
    return { name: tenant.name };
  } catch (error) {
    if (error instanceof ChatDeliveryError) throw new TenantConnectionError(error.message, { cause: error });
    throw error;
  }
}
