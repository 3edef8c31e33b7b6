import { TEAMS_SANDBOX } from '../teams/tenant';

/**
 * The Microsoft 365 tenant the Agents Playground's people live in, as Koji
 * sees it. Whatever tenant and bot ids the Playground is configured with, the
 * bridge files its activities under this tenant, so the trust the bridge lends
 * (it signs for the Playground) reaches no other tenant: not the Teams
 * sandbox's people, not a real tenant.
 *
 * The bot is the sandbox's Koji bot, installed in this second tenant: its
 * tokens come from its home tenant (the sandbox's login), as a multi-tenant
 * Azure Bot's do. None of these is a real credential.
 */
export const TEAMS_PLAYGROUND = {
  tenantId: '3e8b1f60-9c2a-4d7e-b5f1-6a0c2d4e8f10',
  tenantName: 'Agents Playground',
  appId: TEAMS_SANDBOX.appId,
  appPassword: TEAMS_SANDBOX.appPassword,
  botTenantId: TEAMS_SANDBOX.tenantId,
  botId: TEAMS_SANDBOX.botId,
  botName: TEAMS_SANDBOX.botName,
} as const;
