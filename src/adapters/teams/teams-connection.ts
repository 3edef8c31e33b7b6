import { ChatDeliveryError } from '../../domain/errors';
import { TenantConnectionError } from '../chat/tenant-connection-error';
import { TeamsConnector, type ConnectorOptions } from './teams-connector';
import type { KvsTeamsTenants, TeamsTenant, TeamsTenantSummary } from './teams-tenants';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Connects a Microsoft Teams tenant through its Azure Bot: the app id and
 * client secret are tried by fetching a token, and only working credentials
 * are saved (the secret as a KVS secret). The tenant id is only typed, so the
 * binding waits for the first activity of this bot from that tenant that
 * verifies (the receiver confirms it); meanwhile it blocks no one, since it is
 * keyed by tenant and app id. Holding the client secret is what proves the app
 * id is yours: a bot another project serves in the tenant is refused here,
 * whoever asks, until that project disconnects it.
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
  const candidate = { tenantId, name: input.name.trim() || tenantId, projectId: input.projectId, appId, appPassword: input.appPassword.trim(), botTenantId };
  // The secret first: without it nothing about other projects' bindings is said.
  await testTeamsTenant({ ...candidate, connectedAt: 0 }, deps.connector);
  const sameBot = await deps.tenants.get(tenantId, appId);
  if (sameBot && sameBot.projectId !== input.projectId) {
    throw new TenantConnectionError('This bot is already connected to this Teams tenant for another project. Disconnect it there first, or connect your own bot.');
  }
  // A project binds a tenant through one bot: connecting another one replaces it.
  const mine = sameBot ?? (await deps.tenants.ofProject(input.projectId, tenantId));
  const tenant: TeamsTenant = {
    ...candidate,
    connectedAt: mine?.connectedAt ?? deps.connector.now(),
    // New credentials for the same bot keep its proof; another bot has to prove itself.
    ...(sameBot?.confirmedAt !== undefined ? { confirmedAt: sameBot.confirmedAt } : {}),
  };
  // Microsoft just issued a token: connecting counts as a successful check.
  const lastCheck = { ok: true, at: deps.connector.now() };
  await deps.tenants.put(tenant, lastCheck, mine);
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
