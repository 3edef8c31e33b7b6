import { webTrigger } from '@forge/api';
import { slackClient } from '../../adapters/slack/slack-chat-gateway';
import { slackAppManifest } from '../../adapters/slack/slack-app-manifest';
import { TenantConnectionError, connectSlackWorkspace, testSlackWorkspace } from '../../adapters/slack/slack-connection';
import { connectTeamsTenant, testTeamsTenant } from '../../adapters/teams/teams-connection';
import { disconnectTenant } from '../../app/disconnect-tenant';
import { buildServices, slackApiUrl, teamsEndpoints } from '../../composition';
import { optionalStringField } from './resolver-kit';
import { forAdmins, stringField, type ResolverHandler } from './resolver-kit';

const SLACK_TEAM_ID = /^[TE][A-Z0-9]{2,}$/;

export const tenantResolvers: Record<string, ResolverHandler> = {
  'tenants/list': forAdmins(async ({ projectId }) => {
    const services = buildServices();
    const workspaces = await services.slackWorkspaces.list();
    const teams = await services.teamsTenants.list();
    return {
      tenants: [
        ...workspaces
          .filter((w) => w.projectId === projectId)
          .map((w) => ({ channel: 'slack' as const, tenantId: w.teamId, name: w.teamName, connectedAt: w.connectedAt })),
        ...teams.filter((t) => t.projectId === projectId).map((t) => ({ channel: 'teams' as const, tenantId: t.tenantId, name: t.name, connectedAt: t.connectedAt, appId: t.appId })),
      ],
    };
  }),
  'teams/connect': forAdmins(async ({ projectId, payload }) => {
    const services = buildServices({ projectId });
    const connected = await connectTeamsTenant(
      {
        projectId,
        tenantId: stringField(payload, 'tenantId'),
        name: optionalStringField(payload, 'name') ?? '',
        appId: stringField(payload, 'appId'),
        appPassword: stringField(payload, 'appPassword'),
        botTenantId: optionalStringField(payload, 'botTenantId'),
      },
      { tenants: services.teamsTenants, connector: teamsConnector(() => services.clock.now()) },
    );
    return { tenant: { channel: 'teams' as const, tenantId: connected.tenantId, name: connected.name, connectedAt: connected.connectedAt, appId: connected.appId } };
  }),
  'teams/test': forAdmins(async ({ projectId, payload }) => {
    const services = buildServices();
    const tenant = await services.teamsTenants.get(stringField(payload, 'tenantId'));
    if (!tenant || tenant.projectId !== projectId) throw new TenantConnectionError('This Teams tenant is not connected to this project.');
    return testTeamsTenant(tenant, teamsConnector(() => services.clock.now()));
  }),
  'teams/disconnect': forAdmins(async ({ projectId, payload }) => {
    const tenantId = stringField(payload, 'tenantId');
    const tenant = await buildServices().teamsTenants.get(tenantId);
    if (!tenant || tenant.projectId !== projectId) throw new TenantConnectionError('This Teams tenant is not connected to this project.');
    // Wound down while the tenant's bot can still tell its people; the connection goes last, so a failure can be retried.
    const services = buildServices({ projectId }, { teamsTenants: [tenant] });
    const woundDown = await disconnectTenant(services, { projectId, channel: 'teams', tenantId });
    await services.teamsTenants.remove(tenantId);
    return { disconnected: tenantId, ...woundDown };
  }),
  'webtriggers/list': forAdmins(async () => ({
    slack: await webTrigger.getUrl('slack-events'),
    teams: await webTrigger.getUrl('teams-activities'),
  })),
  'slack/manifest': forAdmins(async () => ({ manifest: slackAppManifest(await webTrigger.getUrl('slack-events')) })),
  'slack/connect': forAdmins(async ({ projectId, payload }) => {
    const services = buildServices({ projectId });
    const connected = await connectSlackWorkspace(
      { projectId, botToken: stringField(payload, 'botToken'), signingSecret: stringField(payload, 'signingSecret') },
      { workspaces: services.slackWorkspaces, client: (token) => slackClient(token, slackApiUrl()), now: () => services.clock.now() },
    );
    return { tenant: { channel: 'slack' as const, tenantId: connected.teamId, name: connected.teamName, connectedAt: connected.connectedAt } };
  }),
  'slack/test': forAdmins(async ({ projectId, payload }) => {
    const workspace = await buildServices().slackWorkspaces.get(stringField(payload, 'tenantId', SLACK_TEAM_ID));
    if (!workspace || workspace.projectId !== projectId) throw new TenantConnectionError('This Slack workspace is not connected to this project.');
    return testSlackWorkspace(workspace, (token) => slackClient(token, slackApiUrl()));
  }),
  'slack/disconnect': forAdmins(async ({ projectId, payload }) => {
    const teamId = stringField(payload, 'tenantId', SLACK_TEAM_ID);
    const workspace = await buildServices().slackWorkspaces.get(teamId);
    if (!workspace || workspace.projectId !== projectId) throw new TenantConnectionError('This Slack workspace is not connected to this project.');
    // As for Teams: the workspace's sessions, shifts and roles end first, the token and secret go last.
    const services = buildServices({ projectId }, { slackWorkspaces: [workspace] });
    const woundDown = await disconnectTenant(services, { projectId, channel: 'slack', tenantId: teamId });
    await services.slackWorkspaces.remove(teamId);
    return { disconnected: teamId, ...woundDown };
  }),
};

function teamsConnector(now: () => number) {
  return { loginUrl: teamsEndpoints().loginUrl, fetch: (input: string | URL | Request, init?: RequestInit) => fetch(input, init), now };
}
