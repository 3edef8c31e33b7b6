import type { WebClient } from '@slack/web-api';
import type { ChannelTenants, ConnectRequest } from '../chat/chat-tenants';
import type { TenantCheckView, TenantView } from '../../shared/resolver-contract';
import { connectSlackWorkspace, testSlackWorkspace } from './slack-connection';
import { listSlackPeople, lookUpSlackPerson } from './slack-directory';
import { slackScopeNotices } from './slack-scopes';
import type { KvsSlackWorkspaces, SlackWorkspace, SlackWorkspaceSummary } from './slack-workspaces';

/**
 * Slack's part of the tenant lifecycle: a workspace is proven by its bot token
 * (auth.test says whose it is) and keyed by its team id, one project each.
 */
export function slackTenants(deps: {
  readonly workspaces: KvsSlackWorkspaces;
  readonly client: (token: string) => WebClient;
  readonly now: () => number;
}): ChannelTenants<SlackWorkspace, Extract<ConnectRequest, { channel: 'slack' }>> {
  const { workspaces, client } = deps;
  return {
    channel: 'slack',
    notConnected: 'This Slack workspace is not connected to this project.',
    async connect(projectId, request) {
      const connected = await connectSlackWorkspace({ projectId, botToken: request.botToken, signingSecret: request.signingSecret }, { workspaces, client, now: deps.now });
      return { view: slackView(connected), subject: { channel: 'slack', tenantId: connected.teamId } };
    },
    async ofProject(projectId, teamId) {
      const workspace = await workspaces.get(teamId);
      return workspace?.projectId === projectId ? workspace : undefined;
    },
    async views(projectId) {
      return (await workspaces.list()).filter((w) => w.projectId === projectId).map(slackView);
    },
    test: (workspace) => testSlackWorkspace(workspace, client),
    recordCheck: (workspace, check) => workspaces.recordCheck(workspace, check),
    remove: (workspace) => workspaces.remove(workspace.teamId),
    subject: (workspace) => ({ channel: 'slack', tenantId: workspace.teamId }),
    known: (workspace) => ({ slackWorkspaces: [workspace] }),
    peopleRefusal: () => undefined,
    people(workspace) {
      const bot = client(workspace.botToken);
      return { people: (page) => listSlackPeople(bot, page), person: (userId) => lookUpSlackPerson(bot, userId) };
    },
  };
}

function slackView(w: SlackWorkspaceSummary): TenantView {
  const notices = slackScopeNotices(w.lastCheck?.scopes);
  // The scopes stay on the server: the page shows what lacks, in words.
  const { scopes: _scopes, ...lastCheck } = w.lastCheck ?? {};
  return { channel: 'slack', tenantId: w.teamId, name: w.teamName, connectedAt: w.connectedAt, ...(w.lastCheck ? { lastCheck: lastCheck as TenantCheckView } : {}), ...(notices.length > 0 ? { notices } : {}) };
}
