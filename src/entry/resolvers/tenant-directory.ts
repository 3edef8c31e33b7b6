import { slackClient } from '../../adapters/slack/slack-chat-gateway';
import { TenantConnectionError } from '../../adapters/chat/tenant-connection-error';
import { listSlackPeople, lookUpSlackPerson, type TenantPerson } from '../../adapters/slack/slack-directory';
import { appIdOfBot } from '../../adapters/teams/teams-tenants';
import { buildServices, type Services } from '../../composition';
import type { ChatChannel } from '../../domain/participant';
import { InvalidRequestError, stringField } from './resolver-kit';

/** One connected tenant as the role setup page sees it: its people, and services that can reach them. */
export interface TenantDirectory {
  readonly channel: ChatChannel;
  readonly tenantId: string;
  /** Core services that already know this tenant's credentials. */
  readonly services: Services;
  /**
   * One page of the tenant's people: those who can be operators, and those left out
   * (bots, deactivated accounts), so that a role one of them still holds can be removed.
   */
  people(page: { readonly cursor?: string | undefined }): Promise<{ people: TenantPerson[]; leftOut: TenantPerson[]; cursor?: string | undefined }>;
  /** Who one person is now, unfit ones included; undefined when the tenant does not know them. */
  person(userId: string): Promise<TenantPerson | undefined>;
}

const SLACK_TEAM_ID = /^[TE][A-Z0-9]{2,}$/;
const TEAMS_TENANT_ID = /^[0-9a-f-]{36}$/i;

/** The tenant a role setup request names, refused unless it is connected to this project. */
export async function tenantDirectoryOf(projectId: string, payload: unknown): Promise<TenantDirectory> {
  const channel = stringField(payload, 'channel');
  const services = buildServices({ projectId });
  if (channel === 'slack') {
    const workspace = await services.slackWorkspaces.get(stringField(payload, 'tenantId', SLACK_TEAM_ID));
    if (!workspace || workspace.projectId !== projectId) throw new TenantConnectionError('This Slack workspace is not connected to this project.');
    const client = slackClient(workspace.botToken);
    return {
      channel,
      tenantId: workspace.teamId,
      services: buildServices({ projectId }, { slackWorkspaces: [workspace] }),
      people: (page) => listSlackPeople(client, page),
      person: (userId) => lookUpSlackPerson(client, userId),
    };
  }
  if (channel === 'teams') {
    const tenant = await services.teamsTenants.ofProject(projectId, stringField(payload, 'tenantId', TEAMS_TENANT_ID));
    if (!tenant) throw new TenantConnectionError('This Teams tenant is not connected to this project.');
    // A typed tenant id proves nothing: until an activity of this bot from the tenant confirmed it, its people are not this project's to manage.
    if (tenant.confirmedAt === undefined) {
      throw new TenantConnectionError('This Teams tenant is waiting for its first message from the Koji app. Once someone in it installs the app or writes to it, its people can be given the Live agent role.');
    }
    return {
      channel,
      tenantId: tenant.tenantId,
      services: buildServices({ projectId }, { teamsTenants: [tenant] }),
      // Teams lists nobody to an app without Graph permissions: the bot knows those who installed it or wrote to it.
      // Only this project's bot's people: another project may have its own bot in the tenant.
      people: async () => ({
        people: (await services.teamsReferences.list(tenant.tenantId)).filter((r) => appIdOfBot(r.botId) === tenant.appId).map((r) => ({ userId: r.userId, displayName: r.name })),
        leftOut: [],
      }),
      person: async (userId) => {
        const reference = await services.teamsReferences.get(tenant.tenantId, userId);
        return reference && appIdOfBot(reference.botId) === tenant.appId ? { userId, displayName: reference.name } : undefined;
      },
    };
  }
  throw new InvalidRequestError('The channel is “slack” or “teams”.');
}
