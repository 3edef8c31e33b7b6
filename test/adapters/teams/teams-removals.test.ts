import { SignJWT, exportJWK, generateKeyPair, type KeyLike } from 'jose';
import type { TeamsConversationReference } from '../../../src/adapters/teams/teams-activity';
import { forgetBotFrameworkKeys } from '../../../src/adapters/teams/teams-auth';
import { receiveTeamsRequest, type TeamsReceiverDeps } from '../../../src/adapters/teams/teams-receiver';
import type { TeamsTenant } from '../../../src/adapters/teams/teams-tenants';

/**
 * Removing Koji in Teams, with activities shaped as Microsoft documents them
 * (installationUpdate `action: "remove"`, conversationUpdate `membersRemoved`,
 * `conversation.conversationType` personal / groupChat / channel): only the
 * personal-scope uninstall is the person leaving; a team or group chat losing
 * the app only loses that conversation.
 */
const NOW = Date.UTC(2026, 10, 25, 9, 0, 0);
const APP_ID = 'c9e8c047-2a74-40a2-b28a-b162d5f5327c';
const BOT = `28:${APP_ID}`;
const TENANT_ID = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const TENANT: TeamsTenant = { tenantId: TENANT_ID, name: 'Contoso', projectId: '10000', appId: APP_ID, appPassword: 'secret', botTenantId: TENANT_ID, connectedAt: NOW };
const SERVICE_URL = 'https://smba.trafficmanager.net/emea/';
const METADATA = 'https://login.example/openid';
const MEGAN = { id: '29:1megan', aadObjectId: '7faf2cd0-1a2b-4c3d-9e8f-0a1b2c3d4e5f' };
const PERSONAL_CHAT = 'a:1b2c3d';
const TEAM_CHANNEL = '19:4f8a1c2e7b9d4e0f8a1c2e7b9d4e0f8a@thread.tacv2';
const GROUP_CHAT = '19:0c8e5d2a9b7f4e1c8a3d6b9e2f5a8c1d@thread.v2';

let key: KeyLike;
let jwks: { keys: Array<Record<string, unknown>> };

beforeAll(async () => {
  const pair = await generateKeyPair('RS256');
  key = pair.privateKey;
  jwks = { keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'key-1', alg: 'RS256', use: 'sig', endorsements: ['msteams'] }] };
});
beforeEach(() => forgetBotFrameworkKeys());

function token(): Promise<string> {
  return new SignJWT({ serviceurl: SERVICE_URL })
    .setProtectedHeader({ alg: 'RS256', kid: 'key-1' })
    .setIssuer('https://api.botframework.com')
    .setAudience(APP_ID)
    .setIssuedAt(Math.floor(NOW / 1000) - 60)
    .setExpirationTime(Math.floor(NOW / 1000) + 3600)
    .sign(key);
}

/** `channelData` as Teams sends it: a team's removal names the team and its channel. */
function where(conversationType: 'personal' | 'groupChat' | 'channel'): Record<string, unknown> {
  const id = conversationType === 'personal' ? PERSONAL_CHAT : conversationType === 'groupChat' ? GROUP_CHAT : TEAM_CHANNEL;
  return {
    conversation: { ...(conversationType === 'personal' ? {} : { isGroup: true }), conversationType, tenantId: TENANT_ID, id },
    channelData: {
      tenant: { id: TENANT_ID },
      ...(conversationType === 'channel'
        ? { team: { id: TEAM_CHANNEL, name: 'IT Support', aadGroupId: '02ce3874-dd86-41ba-bddc-013f34019978' }, settings: { selectedChannel: { id: TEAM_CHANNEL } } }
        : {}),
    },
  };
}

function uninstall(conversationType: 'personal' | 'groupChat' | 'channel'): Record<string, unknown> {
  return {
    type: 'installationUpdate',
    action: 'remove',
    id: 'f:8a1b6c4d-2e3f-4a5b-9c8d-7e6f5a4b3c2d',
    timestamp: '2026-11-25T09:00:00.123Z',
    channelId: 'msteams',
    serviceUrl: SERVICE_URL,
    from: MEGAN,
    recipient: { id: BOT, name: 'Koji' },
    locale: 'en-US',
    ...where(conversationType),
  };
}

function botRemoved(conversationType: 'groupChat' | 'channel'): Record<string, unknown> {
  const base = where(conversationType);
  return {
    type: 'conversationUpdate',
    membersRemoved: [{ id: BOT }],
    id: 'f:1c2d3e4f-5a6b-7c8d-9e0f-1a2b3c4d5e6f',
    timestamp: '2026-11-25T09:00:01.000Z',
    channelId: 'msteams',
    serviceUrl: SERVICE_URL,
    from: MEGAN,
    recipient: { id: BOT, name: 'Koji' },
    ...base,
    channelData: { ...(base['channelData'] as Record<string, unknown>), eventType: conversationType === 'channel' ? 'teamMemberRemoved' : 'memberRemoved' },
  };
}

function harness() {
  const references = new Map<string, TeamsConversationReference>();
  const left: string[] = [];
  const deps: TeamsReceiverDeps = {
    tenant: (id, appId) => Promise.resolve(id === TENANT_ID && appId === APP_ID ? TENANT : undefined),
    confirm: (t) => Promise.resolve(t),
    tenantOfSender: () => Promise.resolve(TENANT_ID),
    keys: {
      openIdMetadataUrl: METADATA,
      now: () => NOW,
      fetch: (input) => {
        const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
        return Promise.resolve(Response.json(url === METADATA ? { jwks_uri: 'https://login.example/keys' } : jwks));
      },
    },
    references: {
      get: (t, u) => Promise.resolve(references.get(`${t}|${u}`)),
      put: (r) => Promise.resolve(void references.set(`${r.tenantId}|${r.userId}`, r)),
      remove: (t, u) => Promise.resolve(void references.delete(`${t}|${u}`)),
    },
    dispatch: () => Promise.resolve({ outcome: 'relayed' }),
    markCardUsed: () => Promise.resolve(),
    personLeft: (_t, userId) => Promise.resolve(void left.push(userId)),
    log: { info: () => undefined, warn: () => undefined },
  };
  const reference = (conversationId: string): TeamsConversationReference => ({ tenantId: TENANT_ID, userId: MEGAN.id, name: 'Megan Bowen', serviceUrl: SERVICE_URL, conversationId, botId: BOT });
  references.set(`${TENANT_ID}|${MEGAN.id}`, reference(PERSONAL_CHAT));
  return { deps, references, left, reference };
}

async function receive(deps: TeamsReceiverDeps, activity: Record<string, unknown>): Promise<number> {
  const response = await receiveTeamsRequest(
    { method: 'POST', headers: { 'Content-Type': ['application/json'], Authorization: [`Bearer ${await token()}`] }, body: JSON.stringify(activity) },
    deps,
  );
  return response.statusCode;
}

describe('Koji removed in Microsoft Teams', () => {
  it.each([
    ['removed from a team', uninstall('channel')],
    ['removed from a group chat', uninstall('groupChat')],
    ['taken out of a team’s members', botRemoved('channel')],
    ['taken out of a group chat’s members', botRemoved('groupChat')],
  ])('should leave the person who %s on duty, with their personal chat with Koji', async (_, activity) => {
    const { deps, references, left } = harness();

    expect(await receive(deps, activity)).toBe(200);

    expect(left).toEqual([]);
    expect(references.get(`${TENANT_ID}|${MEGAN.id}`)).toMatchObject({ conversationId: PERSONAL_CHAT });
  });

  it('should end the shift of the person only when they uninstall Koji from their personal scope, after any team removal', async () => {
    const { deps, references, left } = harness();

    await receive(deps, uninstall('channel'));
    expect(left).toEqual([]);

    await receive(deps, uninstall('personal'));
    expect(left).toEqual([MEGAN.id]);
    expect(references.size).toBe(0);
  });

  it('should forget a conversation reference that leads to the group chat Koji left, and nothing else', async () => {
    const { deps, references, left, reference } = harness();
    references.set(`${TENANT_ID}|${MEGAN.id}`, reference(GROUP_CHAT));

    await receive(deps, uninstall('groupChat'));

    expect(references.size).toBe(0);
    expect(left).toEqual([]);
  });
});
