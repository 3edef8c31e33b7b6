import type { ChannelTenants, ConnectRequest } from '../chat/chat-tenants';
import type { TenantView } from '../../shared/resolver-contract';
import type { ConnectorOptions } from './teams-connector';
import { connectTeamsTenant, testTeamsTenant } from './teams-connection';
import { appIdOfBot, type KvsTeamsReferences, type KvsTeamsTenants, type TeamsTenant, type TeamsTenantSummary } from './teams-tenants';

/**
 * Teams' part of the tenant lifecycle: a binding is keyed by tenant and app id
 * (two projects may each have their own bot in a tenant), its credentials are
 * proven by a token, and its tenant only by the first verified activity, so it
 * waits ("pending") until then.
 */
export function teamsTenants(deps: {
  readonly tenants: KvsTeamsTenants;
  readonly references: KvsTeamsReferences;
  readonly connector: ConnectorOptions;
}): ChannelTenants<TeamsTenant, Extract<ConnectRequest, { channel: 'teams' }>> {
  const { tenants, references, connector } = deps;
  return {
    channel: 'teams',
    notConnected: 'This Teams tenant is not connected to this project.',
    async connect(projectId, request) {
      const { channel: _channel, ...input } = request;
      const connected = await connectTeamsTenant({ projectId, ...input }, { tenants, connector });
      return { view: teamsView(connected), subject: { channel: 'teams', tenantId: connected.tenantId, appId: connected.appId } };
    },
    ofProject: (projectId, tenantId) => tenants.ofProject(projectId, tenantId),
    async views(projectId) {
      return (await tenants.list()).filter((t) => t.projectId === projectId).map(teamsView);
    },
    test: (tenant) => testTeamsTenant(tenant, connector),
    recordCheck: (tenant, check) => tenants.recordCheck(tenant, check),
    remove: (tenant) => tenants.remove(tenant),
    subject: (tenant) => ({ channel: 'teams', tenantId: tenant.tenantId, appId: tenant.appId }),
    known: (tenant) => ({ teamsTenants: [tenant] }),
    // A typed tenant id proves nothing: until an activity of this bot from the tenant confirmed it, its people are not this project's to manage.
    peopleRefusal: (tenant) =>
      tenant.confirmedAt === undefined
        ? 'This Teams tenant is waiting for its first message from the Koji app. Once someone in it installs the app or writes to it, its people can be given the Live agent role.'
        : undefined,
    // Teams lists nobody to an app without Graph permissions: the bot knows those who installed it or wrote to it.
    // Only this project's bot's people: another project may have its own bot in the tenant.
    people: (tenant) => ({
      people: async () => ({
        people: (await references.list(tenant.tenantId)).filter((r) => appIdOfBot(r.botId) === tenant.appId).map((r) => ({ userId: r.userId, displayName: r.name, ...(r.aadObjectId ? { aadObjectId: r.aadObjectId } : {}) })),
        leftOut: [],
      }),
      person: async (userId) => {
        const reference = await references.get(tenant.tenantId, userId);
        return reference && appIdOfBot(reference.botId) === tenant.appId ? { userId, displayName: reference.name } : undefined;
      },
    }),
  };
}

function teamsView(t: TeamsTenantSummary): TenantView {
  return {
    channel: 'teams',
    tenantId: t.tenantId,
    name: t.name,
    connectedAt: t.connectedAt,
    appId: t.appId,
    ...(t.confirmedAt === undefined ? { pending: true } : {}),
    ...(t.lastCheck ? { lastCheck: t.lastCheck } : {}),
  };
}
