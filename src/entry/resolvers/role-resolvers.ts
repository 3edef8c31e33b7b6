import { slackClient } from '../../adapters/slack/slack-chat-gateway';
import { listSlackPeople, type TenantPerson } from '../../adapters/slack/slack-directory';
import { TenantConnectionError } from '../../adapters/slack/slack-connection';
import type { SlackWorkspace } from '../../adapters/slack/slack-workspaces';
import { grantOperatorRole, revokeOperatorRole } from '../../app/manage-operator-role';
import { buildServices, slackApiUrl, type Services } from '../../composition';
import { DomainError } from '../../domain/errors';
import { operatorLoad } from '../../domain/operator';
import type { Participant } from '../../domain/participant';
import { callerEmail, forAdmins, optionalStringField, stringField, InvalidRequestError, type ResolverHandler } from './resolver-kit';

class OwnRoleError extends DomainError {
  readonly code = 'own_role';

  constructor() {
    super('You can’t change your own role. Ask another Jira admin.');
  }
}

const SLACK_ID = /^[A-Z0-9]{3,}$/;
/** Enough to fill a page of the role setup list; more come with the cursor. */
const PAGE_SIZE = 50;

export const roleResolvers: Record<string, ResolverHandler> = {
  'tenant-users/list': forAdmins(async ({ projectId, payload }) => {
    const services = buildServices({ projectId });
    const workspace = await workspaceOf(services, projectId, payload);
    const query = optionalStringField(payload, 'query')?.toLowerCase();
    const client = slackClient(workspace.botToken, slackApiUrl());
    const people: TenantPerson[] = [];
    let cursor = optionalStringField(payload, 'cursor');
    do {
      const page = await listSlackPeople(client, { cursor });
      people.push(...page.people.filter((p) => !query || p.displayName.toLowerCase().includes(query) || p.email?.toLowerCase().includes(query)));
      cursor = page.cursor;
    } while (cursor && people.length < PAGE_SIZE);
    const operators = await services.state.operatorsOfTenant('slack', workspace.teamId);
    const settings = await services.settings.get(projectId);
    return {
      users: people.map((p) => {
        const operator = operators.find((o) => o.value.participant.userId === p.userId)?.value;
        return {
          userId: p.userId,
          displayName: p.displayName,
          email: p.email,
          role: operator ? ('live-agent' as const) : ('none' as const),
          duty: operator?.duty,
          load: operator ? operatorLoad(operator) : undefined,
          capacity: operator ? (settings?.operatorCapacity ?? 1) : undefined,
        };
      }),
      cursor,
    };
  }),
  'roles/grant': forAdmins(async ({ projectId, payload }) => {
    const services = buildServices({ projectId });
    const workspace = await workspaceOf(services, projectId, payload);
    const participant = personOf(workspace, payload);
    const profile = await buildServices({ projectId }, { slackWorkspaces: [workspace] }).chat.profile(participant);
    await refuseOwnRole(profile.email);
    return { result: await grantOperatorRole(services, { projectId, participant, displayName: profile.displayName }) };
  }),
  'roles/revoke': forAdmins(async ({ projectId, payload }) => {
    const services = buildServices({ projectId }, {});
    const workspace = await workspaceOf(services, projectId, payload);
    const participant = personOf(workspace, payload);
    const withWorkspace = buildServices({ projectId }, { slackWorkspaces: [workspace] });
    await refuseOwnRole(await emailOf(withWorkspace, participant));
    return { result: await revokeOperatorRole(withWorkspace, participant) };
  }),
};

/** A role can still be taken from someone Slack no longer knows (deactivated): then there is no e-mail to compare. */
async function emailOf(services: Services, participant: Participant): Promise<string | undefined> {
  try {
    return (await services.chat.profile(participant)).email;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    services.log.warn('profile_unavailable', { userId: participant.userId, code: error.code });
    return undefined;
  }
}

async function workspaceOf(services: Services, projectId: string, payload: unknown): Promise<SlackWorkspace> {
  if (stringField(payload, 'channel') !== 'slack') throw new InvalidRequestError('Only Slack workspaces can be set up so far.');
  const workspace = await services.slackWorkspaces.get(stringField(payload, 'tenantId', /^[TE][A-Z0-9]{2,}$/));
  if (!workspace || workspace.projectId !== projectId) throw new TenantConnectionError('This Slack workspace is not connected to this project.');
  return workspace;
}

function personOf(workspace: SlackWorkspace, payload: unknown): Participant {
  return { channel: 'slack', tenantId: workspace.teamId, userId: stringField(payload, 'userId', SLACK_ID) };
}

/** As in Koji, an admin cannot change their own role; people are matched by e-mail across Jira and Slack. */
async function refuseOwnRole(personEmail: string | undefined): Promise<void> {
  if (!personEmail) return;
  if ((await callerEmail()) === personEmail.toLowerCase()) throw new OwnRoleError();
}
