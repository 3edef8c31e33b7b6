import { webTrigger } from '@forge/api';
import { slackClient } from '../../adapters/slack/slack-chat-gateway';
import { slackAppManifest } from '../../adapters/slack/slack-app-manifest';
import { TenantConnectionError, connectSlackWorkspace, testSlackWorkspace } from '../../adapters/slack/slack-connection';
import { connectTeamsTenant, testTeamsTenant } from '../../adapters/teams/teams-connection';
import { disconnectTenant } from '../../app/disconnect-tenant';
import type { TenantCheck } from '../../adapters/forge/tenant-check';
import { healthOfConnection, shownCheck } from '../../adapters/forge/tenant-health';
import type { SlackWorkspaceSummary } from '../../adapters/slack/slack-workspaces';
import type { TeamsTenantSummary } from '../../adapters/teams/teams-tenants';
import type { TenantView } from '../../shared/resolver-contract';
import { buildServices, slackApiUrl, teamsEndpoints } from '../../composition';
import { optionalStringField } from './resolver-kit';
import { forAdmins, stringField, type ResolverHandler } from './resolver-kit';

const SLACK_TEAM_ID = /^[TE][A-Z0-9]{2,}$/;

export const tenantResolvers: Record<string, ResolverHandler> = {
  'tenants/list': forAdmins(async ({ projectId }) => {
    const services = buildServices();
    const workspaces = await services.slackWorkspaces.list();
    const teams = await services.teamsTenants.list();
    // What the tenants' traffic says (refused signatures, tokens, bot credentials) goes with their last check.
    const health = await services.tenantHealth.records();
    const withHealth = (view: TenantView): TenantView => {
      const check = shownCheck(view.lastCheck, healthOfConnection(health, view));
      const { lastCheck: _stored, ...rest } = view;
      return check ? { ...rest, lastCheck: check } : rest;
    };
    return {
      tenants: [
        ...workspaces.filter((w) => w.projectId === projectId).map(slackView).map(withHealth),
        ...teams.filter((t) => t.projectId === projectId).map(teamsView).map(withHealth),
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
    // New credentials: what the old ones' traffic showed no longer applies.
    await services.tenantHealth.forget({ channel: 'teams', tenantId: connected.tenantId, appId: connected.appId });
    return { tenant: teamsView(connected) };
  }),
  'teams/test': forAdmins(async ({ projectId, payload }) => {
    const services = buildServices();
    const tenant = await services.teamsTenants.ofProject(projectId, stringField(payload, 'tenantId'));
    if (!tenant) throw new TenantConnectionError('This Teams tenant is not connected to this project.');
    const now = () => services.clock.now();
    return recordingCheck((check) => services.teamsTenants.recordCheck(tenant, check), now, () => testTeamsTenant(tenant, teamsConnector(now)));
  }),
  'teams/disconnect': forAdmins(async ({ projectId, payload }) => {
    const tenantId = stringField(payload, 'tenantId');
    const tenant = await buildServices().teamsTenants.ofProject(projectId, tenantId);
    if (!tenant) throw new TenantConnectionError('This Teams tenant is not connected to this project.');
    // Wound down while the tenant's bot can still tell its people; the connection goes last, so a failure can be retried.
    const services = buildServices({ projectId }, { teamsTenants: [tenant] });
    const woundDown = await disconnectTenant(services, { projectId, channel: 'teams', tenantId });
    await services.teamsTenants.remove(tenant);
    await services.tenantHealth.forget({ channel: 'teams', tenantId, appId: tenant.appId });
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
    await services.tenantHealth.forget({ channel: 'slack', tenantId: connected.teamId });
    return { tenant: slackView(connected) };
  }),
  'slack/test': forAdmins(async ({ projectId, payload }) => {
    const services = buildServices();
    const workspace = await services.slackWorkspaces.get(stringField(payload, 'tenantId', SLACK_TEAM_ID));
    if (!workspace || workspace.projectId !== projectId) throw new TenantConnectionError('This Slack workspace is not connected to this project.');
    return recordingCheck(
      (check) => services.slackWorkspaces.recordCheck(workspace, check),
      () => services.clock.now(),
      () => testSlackWorkspace(workspace, (token) => slackClient(token, slackApiUrl())),
    );
  }),
  'slack/disconnect': forAdmins(async ({ projectId, payload }) => {
    const teamId = stringField(payload, 'tenantId', SLACK_TEAM_ID);
    const workspace = await buildServices().slackWorkspaces.get(teamId);
    if (!workspace || workspace.projectId !== projectId) throw new TenantConnectionError('This Slack workspace is not connected to this project.');
    // As for Teams: the workspace's sessions, shifts and roles end first, the token and secret go last.
    const services = buildServices({ projectId }, { slackWorkspaces: [workspace] });
    const woundDown = await disconnectTenant(services, { projectId, channel: 'slack', tenantId: teamId });
    await services.slackWorkspaces.remove(teamId);
    await services.tenantHealth.forget({ channel: 'slack', tenantId: teamId });
    return { disconnected: teamId, ...woundDown };
  }),
};

function slackView(w: SlackWorkspaceSummary): TenantView {
  return { channel: 'slack', tenantId: w.teamId, name: w.teamName, connectedAt: w.connectedAt, ...(w.lastCheck ? { lastCheck: w.lastCheck } : {}) };
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

/**
 * Runs Test connection and records how it went on the tenant's summary, for the Status column;
 * a failed test is recorded with its reason and still answered as an error.
 */
async function recordingCheck<T>(record: (check: TenantCheck) => Promise<void>, now: () => number, test: () => Promise<T>): Promise<T> {
  let result: T;
  try {
    result = await test();
  } catch (error) {
    if (error instanceof TenantConnectionError) await record({ ok: false, at: now(), message: error.message });
    throw error;
  }
  await record({ ok: true, at: now() });
  return result;
}

function teamsConnector(now: () => number) {
  return { loginUrl: teamsEndpoints().loginUrl, fetch: (input: string | URL | Request, init?: RequestInit) => fetch(input, init), now };
}
