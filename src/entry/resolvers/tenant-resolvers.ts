import { webTrigger } from '@forge/api';
import { slackAppManifest } from '../../adapters/slack/slack-app-manifest';
import type { ConnectRequest } from '../../adapters/chat/chat-tenants';
import { startTenantErasure } from '../../app/privacy/erase-tenant-job';
import { buildChatTenants, buildServices, erasureDeps } from '../../composition';
import type { ChatChannel } from '../../domain/participant';
import { auditAdminAction, windDownNote } from './audit-trail';
import { InvalidRequestError, forAdmins, optionalStringField, stringField, type ResolverHandler } from './resolver-kit';

const SLACK_TEAM_ID = /^[TE][A-Z0-9]{2,}$/;
const TEAMS_TENANT_ID = /^[0-9a-f-]{36}$/i;

/** One set of tenant resolvers for both channels: the channel is a field of the payload. */
export const tenantResolvers: Record<string, ResolverHandler> = {
  'tenants/list': forAdmins(async ({ projectId }) => ({ tenants: await buildChatTenants().list(projectId) })),
  'tenants/connect': forAdmins(async ({ projectId, payload, accountId }) => {
    const tenant = await buildChatTenants().connect(projectId, connectRequestOf(payload));
    // From what the connection answers, never from the request: the secrets stay out of the audit log.
    await auditAdminAction({ projectId, accountId }, { kind: 'tenant-connected', subject: { channel: tenant.channel, tenantId: tenant.tenantId, name: tenant.name } });
    return { tenant };
  }),
  'tenants/test': forAdmins(async ({ projectId, payload }) => {
    const { channel, tenantId } = tenantOf(payload);
    return buildChatTenants().test(channel, projectId, tenantId);
  }),
  'tenants/disconnect': forAdmins(async ({ projectId, payload, accountId }) => {
    const { channel, tenantId } = tenantOf(payload);
    const erasePeople = erasePeopleOf(payload);
    const done = await buildChatTenants().disconnect(channel, projectId, tenantId);
    // Its people's data goes in the background, a page of them per queued step (app/privacy/erase-tenant-job.ts).
    if (erasePeople) await startTenantErasure(erasureDeps(buildServices({ projectId })), { projectId, channel, tenantId });
    const note = `${windDownNote(done)}${erasePeople ? ', its people’s data being erased' : ''}`;
    await auditAdminAction({ projectId, accountId }, { kind: 'tenant-disconnected', subject: { channel, tenantId, name: tenantId }, note });
    return { ...done, ...(erasePeople ? { erasing: true } : {}) };
  }),
  'webtriggers/list': forAdmins(async () => ({
    slack: await webTrigger.getUrl('slack-events'),
    teams: await webTrigger.getUrl('teams-activities'),
  })),
  'slack/manifest': forAdmins(async () => ({ manifest: slackAppManifest(await webTrigger.getUrl('slack-events')) })),
};

function erasePeopleOf(payload: unknown): boolean {
  const value = (payload as Record<string, unknown> | undefined)?.['erasePeople'];
  if (value === undefined || value === null) return false;
  if (typeof value !== 'boolean') throw new InvalidRequestError('“erasePeople” is true or false.');
  return value;
}

function channelOf(payload: unknown): ChatChannel {
  const channel = stringField(payload, 'channel');
  if (channel !== 'slack' && channel !== 'teams') throw new InvalidRequestError('The channel is “slack” or “teams”.');
  return channel;
}

/** The channel and connected tenant a request names, its id checked for the channel's shape. */
export function tenantOf(payload: unknown): { channel: ChatChannel; tenantId: string } {
  const channel = channelOf(payload);
  return { channel, tenantId: stringField(payload, 'tenantId', channel === 'slack' ? SLACK_TEAM_ID : TEAMS_TENANT_ID) };
}

function connectRequestOf(payload: unknown): ConnectRequest {
  if (channelOf(payload) === 'slack') {
    return { channel: 'slack', botToken: stringField(payload, 'botToken'), signingSecret: stringField(payload, 'signingSecret') };
  }
  return {
    channel: 'teams',
    tenantId: stringField(payload, 'tenantId'),
    name: optionalStringField(payload, 'name') ?? '',
    appId: stringField(payload, 'appId'),
    appPassword: stringField(payload, 'appPassword'),
    botTenantId: optionalStringField(payload, 'botTenantId'),
  };
}
