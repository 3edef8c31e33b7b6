import { TEAMS_PLAYGROUND } from './playground-tenant';
import { isLoopbackHost } from '../loopback';

/** An activity as the bridge forwards it: the Playground's, moved into the playground tenant. */
export interface PlaygroundActivity extends Record<string, unknown> {
  readonly serviceUrl: string;
  readonly channelId: 'msteams';
  readonly conversation: { readonly id: string; readonly tenantId: string } & Record<string, unknown>;
}

export type PlaygroundMapping = { readonly ok: true; readonly activity: PlaygroundActivity } | { readonly ok: false; readonly reason: string };


/**
 * Files an activity the Playground sent under the playground tenant and Koji's
 * bot: the tenant (`conversation.tenantId`, `channelData.tenant`) is replaced
 * whatever it was, and the Playground's bot id (its `recipient.id`) becomes
 * Koji's wherever it appears (recipient, members added or removed, mentions).
 * The people keep their ids; they exist only in the playground tenant.
 *
 * Refused: anything that is not a Teams activity, and a `serviceUrl` off this
 * machine, since Koji's bot will send its token there.
 */
export function toPlaygroundTenant(body: unknown): PlaygroundMapping {
  if (!isRecord(body)) return { ok: false, reason: 'The body is not an activity.' };
  if (body['channelId'] !== 'msteams') return { ok: false, reason: 'Only Teams activities are bridged: start the Playground with --channel-id msteams.' };
  const serviceUrl = body['serviceUrl'];
  if (typeof serviceUrl !== 'string' || !isLocalServiceUrl(serviceUrl)) {
    return { ok: false, reason: 'The serviceUrl must be the Playground’s own connector on this machine (http://localhost:…).' };
  }
  const recipient = body['recipient'];
  const conversation = body['conversation'];
  if (!isRecord(recipient) || typeof recipient['id'] !== 'string' || !isRecord(conversation) || typeof conversation['id'] !== 'string') {
    return { ok: false, reason: 'The activity lacks recipient or conversation.' };
  }
  const playgroundBot = recipient['id'];
  const asKoji = (account: unknown): unknown => (isRecord(account) && account['id'] === playgroundBot ? { ...account, id: TEAMS_PLAYGROUND.botId } : account);
  const channelData = isRecord(body['channelData']) ? body['channelData'] : {};
  const activity: PlaygroundActivity = {
    ...body,
    channelId: 'msteams',
    serviceUrl,
    from: asKoji(body['from']),
    recipient: { ...recipient, id: TEAMS_PLAYGROUND.botId, name: TEAMS_PLAYGROUND.botName },
    conversation: { ...conversation, id: conversation['id'], tenantId: TEAMS_PLAYGROUND.tenantId },
    channelData: { ...channelData, tenant: { id: TEAMS_PLAYGROUND.tenantId } },
    ...(Array.isArray(body['membersAdded']) ? { membersAdded: body['membersAdded'].map(asKoji) } : {}),
    ...(Array.isArray(body['membersRemoved']) ? { membersRemoved: body['membersRemoved'].map(asKoji) } : {}),
    ...(Array.isArray(body['entities'])
      ? { entities: body['entities'].map((e: unknown) => (isRecord(e) && e['type'] === 'mention' ? { ...e, mentioned: asKoji(e['mentioned']) } : e)) }
      : {}),
  };
  return { ok: true, activity };
}

function isLocalServiceUrl(serviceUrl: string): boolean {
  try {
    const url = new URL(serviceUrl);
    return (url.protocol === 'http:' || url.protocol === 'https:') && isLoopbackHost(url.hostname);
  } catch {
    return false;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
