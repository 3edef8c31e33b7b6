import { webTrigger } from '@forge/api';
import { slackClient } from '../../adapters/slack/slack-chat-gateway';
import { slackAppManifest } from '../../adapters/slack/slack-app-manifest';
import { TenantConnectionError, connectSlackWorkspace, testSlackWorkspace } from '../../adapters/slack/slack-connection';
import { buildServices, slackApiUrl } from '../../composition';
import { forAdmins, stringField, type ResolverHandler } from './resolver-kit';

const SLACK_TEAM_ID = /^[TE][A-Z0-9]{2,}$/;

export const tenantResolvers: Record<string, ResolverHandler> = {
  'tenants/list': forAdmins(async ({ projectId }) => {
    const workspaces = await buildServices().slackWorkspaces.list();
    return {
      tenants: workspaces
        .filter((w) => w.projectId === projectId)
        .map((w) => ({ channel: 'slack' as const, tenantId: w.teamId, name: w.teamName, connectedAt: w.connectedAt })),
    };
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
    const { slackWorkspaces } = buildServices();
    const teamId = stringField(payload, 'tenantId', SLACK_TEAM_ID);
    const workspace = await slackWorkspaces.get(teamId);
    if (!workspace || workspace.projectId !== projectId) throw new TenantConnectionError('This Slack workspace is not connected to this project.');
    await slackWorkspaces.remove(teamId);
    return { disconnected: teamId };
  }),
};
