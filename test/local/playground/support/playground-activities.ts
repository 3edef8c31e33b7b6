import { randomUUID } from 'node:crypto';

/**
 * Activities exactly as the Agents Playground 0.2.28 posts them to its app
 * endpoint (captured from a run with its default configuration): no
 * Authorization header, its own tenant and bot ids (not valid GUIDs), and its
 * mock Bot Connector on localhost as serviceUrl.
 */
export const PLAYGROUND_DEFAULTS = {
  tenantId: '00000000-0000-0000-0000-0000000000001',
  botId: '00000000-0000-0000-0000-00000000000011',
  user: { id: 'user-id-0', name: 'Alex Wilber', aadObjectId: '00000000-0000-0000-0000-0000000000020' },
  serviceUrl: 'http://localhost:56150/_connector',
} as const;

/** The headers it sends with them (axios, plus its own marker). */
export const PLAYGROUND_HEADERS = { 'content-type': 'application/json', 'x-ms-agents-playground': 'true', 'user-agent': 'axios/1.12.2' } as const;

export interface PlaygroundShape {
  readonly conversationId?: string;
  readonly tenantId?: string;
  readonly serviceUrl?: string;
  readonly from?: { readonly id: string; readonly name?: string; readonly aadObjectId?: string };
}

function head(shape: PlaygroundShape) {
  const tenantId = shape.tenantId ?? PLAYGROUND_DEFAULTS.tenantId;
  return {
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    serviceUrl: shape.serviceUrl ?? PLAYGROUND_DEFAULTS.serviceUrl,
    conversation: { conversationType: 'personal', tenantId, id: shape.conversationId ?? '54a9311f-6889-4b95-8711-23c905405d55' },
    recipient: { id: PLAYGROUND_DEFAULTS.botId, name: 'Test Bot' },
    channelData: { tenant: { id: tenantId } },
    channelId: 'msteams',
  };
}

/** A message typed in the personal chat. */
export function playgroundMessage(text: string, shape: PlaygroundShape = {}): Record<string, unknown> {
  const h = head(shape);
  return {
    type: 'message',
    text,
    ...h,
    from: shape.from ?? PLAYGROUND_DEFAULTS.user,
    localTimestamp: h.timestamp.replace('Z', '+00:00'),
    localTimezone: 'UTC',
    textFormat: 'plain',
    locale: 'en-US',
    entities: [{ type: 'clientInfo', locale: 'en-US', country: 'US', platform: 'Web', timezone: 'UTC' }],
  };
}

/** The app added in personal scope (the Playground's "install" debug action). */
export function playgroundInstall(shape: PlaygroundShape = {}): Record<string, unknown> {
  const { name: _name, ...from } = shape.from ?? PLAYGROUND_DEFAULTS.user;
  const h = head(shape);
  return {
    type: 'installationUpdate',
    ...h,
    from,
    locale: 'en-US',
    entities: [{ type: 'clientInfo', locale: 'en-US' }],
    channelData: { ...h.channelData, source: { name: 'message' }, settings: { selectedChannel: { id: h.conversation.id } } },
    action: 'add',
  };
}

/** After an install: the person and the Playground's bot joined the personal conversation. */
export function playgroundMembersAdded(shape: PlaygroundShape = {}): Record<string, unknown> {
  const { name: _name, ...from } = shape.from ?? PLAYGROUND_DEFAULTS.user;
  return { type: 'conversationUpdate', ...head(shape), from, membersAdded: [from, { id: PLAYGROUND_DEFAULTS.botId }] };
}
