import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { LocalPlatform } from '../../packages/forge-local/src/platform';
import { SANDBOX_WORKSPACE, type SlackSandbox } from '../../packages/forge-local/src/slack';
import { TEAMS_SANDBOX, type TeamsSandbox } from '../../packages/forge-local/src/teams';
import { localPlatformClient, startSandboxedPlatform } from './support/local-platform-client';

/**
 * The backoffice's resolvers through their real doors (the local platform's
 * `invoke`, @forge/resolver, the embedded Jira's permissions, the Slack and
 * Teams sandboxes): who may call what, what never leaves the server, and what
 * role setup refuses.
 */
let platform: LocalPlatform;
let slack: SlackSandbox;
let teams: TeamsSandbox;

type Answer = { ok: boolean; data?: Record<string, unknown>; error?: { code: string; message: string } };
type UserRow = { userId: string; role: string; unfit?: string; self?: boolean; displayName: string; email?: string };

async function invoke(functionKey: string, payload: unknown = {}, as = 'local-admin'): Promise<Answer> {
  const response = await fetch(`${platform.url}/__forge/invoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-koji-local-account': as },
    body: JSON.stringify({ moduleKey: 'koji-backoffice', functionKey, payload }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { result: Answer }).result;
}

async function users(payload: Record<string, unknown>, as = 'local-admin'): Promise<{ users: UserRow[]; cursor?: string; hint?: string }> {
  const answer = await invoke('tenant-users/list', { channel: 'slack', tenantId: SANDBOX_WORKSPACE.teamId, ...payload }, as);
  expect(answer).toMatchObject({ ok: true });
  return answer.data as { users: UserRow[]; cursor?: string; hint?: string };
}

const { settle } = localPlatformClient(() => platform);

const SLACK = { channel: 'slack', tenantId: SANDBOX_WORKSPACE.teamId } as const;
const TEAMS = { channel: 'teams', tenantId: TEAMS_SANDBOX.tenantId } as const;
const SLACK_CONNECT = { channel: 'slack', botToken: SANDBOX_WORKSPACE.botToken, signingSecret: SANDBOX_WORKSPACE.signingSecret };
const TEAMS_CONNECT = { channel: 'teams', tenantId: TEAMS_SANDBOX.tenantId, name: 'Koji Sandbox (Teams)', appId: TEAMS_SANDBOX.appId, appPassword: TEAMS_SANDBOX.appPassword };
const tomId = TEAMS_SANDBOX.people.find((p) => p.key === 'tom')!.id;

/** Valid payloads for each resolver (one per channel for the tenant lifecycle), so that a refusal can only be about who calls. */
const PAYLOADS: Record<string, readonly unknown[]> = {
  'settings/update': [{ change: { enabled: false, operatorCapacity: 5 } }],
  'tenants/connect': [SLACK_CONNECT, TEAMS_CONNECT],
  'tenants/test': [SLACK, TEAMS],
  'teams/package': [{ tenantId: TEAMS_SANDBOX.tenantId }],
  'tenants/disconnect': [SLACK, TEAMS],
  'tenant-users/list': [SLACK],
  'roles/grant': [{ ...SLACK, userId: 'UBRUNO' }],
  'roles/revoke': [{ ...SLACK, userId: 'UALICE' }],
  'duty/put-off': [{ ...SLACK, userId: 'UALICE' }],
  'roles/capacity': [{ ...SLACK, userId: 'UALICE', capacity: 3 }],
};

/** Each call of a resolver key with its payloads (none: an empty one), named by its key and, for the tenant lifecycle, its channel. */
function calls(keys: string[]): Array<{ key: string; functionKey: string; payload: unknown }> {
  return keys.flatMap((functionKey) =>
    (PAYLOADS[functionKey] ?? [{}]).map((payload) => {
      const channel = (payload as { channel?: string }).channel;
      return { key: functionKey.startsWith('tenants/') && channel ? `${functionKey} (${channel})` : functionKey, functionKey, payload };
    }),
  );
}

/** The issue panel's key: not the backoffice's (test/local/resolver-access.test.ts covers who may call it). */
const PANEL_KEY = 'transcript/get';

/**
 * Every resolver key defined in src/entry/resolvers, read from the source so
 * that a resolver added later is in these tests without anyone listing it.
 */
function resolverKeys(): string[] {
  const folder = path.join(__dirname, '..', '..', 'src', 'entry', 'resolvers');
  const keys = readdirSync(folder)
    .filter((f) => f.endsWith('.ts'))
    .flatMap((f) => [...readFileSync(path.join(folder, f), 'utf8').matchAll(/^\s*'([a-z-]+\/[a-z-]+)':/gm)].map((m) => m[1]!));
  return [...new Set(keys)].sort();
}

/** Disconnecting goes last: the other calls need the tenants. */
const inCallOrder = (keys: string[]) => [...keys.filter((k) => !k.endsWith('/disconnect')), ...keys.filter((k) => k.endsWith('/disconnect'))];

beforeEach(async () => {
  ({ platform, slack, teams } = await startSandboxedPlatform());
});
afterEach(() => platform.close());

async function connectBoth(): Promise<void> {
  expect(await invoke('settings/update', { change: { enabled: true } })).toMatchObject({ ok: true });
  expect(await invoke('tenants/connect', SLACK_CONNECT)).toMatchObject({ ok: true });
  expect(await invoke('tenants/connect', TEAMS_CONNECT)).toMatchObject({ ok: true });
  await teams.install('tom');
  await settle();
}

describe('who may call the backoffice resolvers', () => {
  it('should know every resolver: the panel’s and those with a payload below among them', () => {
    const keys = resolverKeys();

    expect(keys).toEqual(expect.arrayContaining([PANEL_KEY, ...Object.keys(PAYLOADS)]));
  });

  it('should refuse every backoffice resolver, reads included, to someone who is not an admin, and change nothing', async () => {
    await connectBoth();
    expect(await invoke('roles/grant', { ...SLACK, userId: 'UALICE' })).toMatchObject({ ok: true });
    await settle();
    const before = {
      settings: await invoke('settings/get'),
      tenants: await invoke('tenants/list'),
      slackPeople: await invoke('tenant-users/list', SLACK),
      teamsPeople: await invoke('tenant-users/list', { channel: 'teams', tenantId: TEAMS_SANDBOX.tenantId }),
    };
    slack.clearApiCalls();

    const refused: Record<string, Answer> = {};
    for (const { key, functionKey, payload } of calls(inCallOrder(resolverKeys().filter((k) => k !== PANEL_KEY)))) {
      refused[key] = await invoke(functionKey, payload, 'local-agent');
    }
    await settle();

    for (const [key, answer] of Object.entries(refused)) {
      expect({ key, ok: answer.ok, code: answer.error?.code }).toEqual({ key, ok: false, code: 'forbidden' });
    }
    // Nothing changed, and nobody was told anything or looked up in Slack.
    expect(await invoke('settings/get')).toEqual(before.settings);
    expect(await invoke('tenants/list')).toEqual(before.tenants);
    slack.clearApiCalls();
    expect(await invoke('tenant-users/list', SLACK)).toEqual(before.slackPeople);
    expect(await invoke('tenant-users/list', { channel: 'teams', tenantId: TEAMS_SANDBOX.tenantId })).toEqual(before.teamsPeople);
    expect(before.slackPeople.data?.['users']).toContainEqual(expect.objectContaining({ userId: 'UALICE', role: 'live-agent' }));
  });

  it('should never answer a bot token, signing secret or client secret, whatever is called', async () => {
    await connectBoth();
    const secrets = [SANDBOX_WORKSPACE.botToken, SANDBOX_WORKSPACE.signingSecret, TEAMS_SANDBOX.appPassword];

    const answers: Record<string, string> = {};
    for (const { key, functionKey, payload } of calls(inCallOrder(resolverKeys().filter((k) => k !== PANEL_KEY)))) answers[key] = JSON.stringify(await invoke(functionKey, payload));

    expect(JSON.parse(answers['tenants/connect (slack)']!)).toMatchObject({ ok: true });
    expect(JSON.parse(answers['tenants/list']!)).toMatchObject({ ok: true });
    for (const [key, json] of Object.entries(answers)) {
      for (const secret of secrets) expect({ key, leaks: json.includes(secret) }).toEqual({ key, leaks: false });
      expect({ key, leaks: /xox[abpr]-/.test(json) }).toEqual({ key, leaks: false });
    }
  });
});

describe('the status of each connected tenant', () => {
  type Check = { ok: boolean; at: number; message?: string };
  const statusOf = async (channel: 'slack' | 'teams'): Promise<Check | undefined> => {
    const listed = await invoke('tenants/list');
    expect(listed).toMatchObject({ ok: true });
    const tenants = listed.data?.['tenants'] as Array<{ channel: string; lastCheck?: Check }>;
    return tenants.find((t) => t.channel === channel)?.lastCheck;
  };

  it('should record connecting as a working check, for Slack and Teams', async () => {
    const before = Date.now();
    const slackConnected = await invoke('tenants/connect', SLACK_CONNECT);
    const teamsConnected = await invoke('tenants/connect', TEAMS_CONNECT);

    expect(slackConnected.data?.['tenant']).toMatchObject({ lastCheck: { ok: true, at: expect.any(Number) } });
    expect(teamsConnected.data?.['tenant']).toMatchObject({ lastCheck: { ok: true, at: expect.any(Number) } });
    for (const channel of ['slack', 'teams'] as const) {
      const check = await statusOf(channel);
      expect({ channel, check }).toEqual({ channel, check: { ok: true, at: expect.any(Number) } });
      expect(check!.at).toBeGreaterThanOrEqual(before);
    }
  });

  it('should record a Slack test that fails with Slack’s reason, and a later test that passes', async () => {
    await connectBoth();
    const connected = await statusOf('slack');

    slack.failNext('auth.test', 'token_revoked');
    const failed = await invoke('tenants/test', { channel: 'slack', tenantId: SANDBOX_WORKSPACE.teamId });

    expect(failed).toMatchObject({ ok: false, error: { code: 'tenant_connection_failed' } });
    const failing = await statusOf('slack');
    expect(failing).toEqual({ ok: false, at: expect.any(Number), message: failed.error?.message });
    expect(failing!.message).toContain('token_revoked');
    expect(failing!.at).toBeGreaterThanOrEqual(connected!.at);
    // The Teams tenant's status is its own.
    expect(await statusOf('teams')).toMatchObject({ ok: true });

    expect(await invoke('tenants/test', { channel: 'slack', tenantId: SANDBOX_WORKSPACE.teamId })).toEqual({ ok: true, data: { teamName: SANDBOX_WORKSPACE.teamName } });
    const working = await statusOf('slack');
    expect(working).toEqual({ ok: true, at: expect.any(Number) });
    expect(working!.at).toBeGreaterThanOrEqual(failing!.at);
  });

  it('should record a Teams test Microsoft refuses (401), and a later test that passes', async () => {
    await connectBoth();
    // Connecting left a good token in the cache: the test must still ask Microsoft.
    teams.failNext('token', 401);

    const failed = await invoke('tenants/test', { channel: 'teams', tenantId: TEAMS_SANDBOX.tenantId });

    expect(failed).toMatchObject({ ok: false, error: { code: 'tenant_connection_failed' } });
    expect(await statusOf('teams')).toEqual({ ok: false, at: expect.any(Number), message: failed.error?.message });
    expect(await statusOf('slack')).toMatchObject({ ok: true });

    expect(await invoke('tenants/test', { channel: 'teams', tenantId: TEAMS_SANDBOX.tenantId })).toMatchObject({ ok: true });
    expect(await statusOf('teams')).toEqual({ ok: true, at: expect.any(Number) });
  });

  it('should record nothing for a test someone who is not an admin tries, nor bring back a disconnected tenant', async () => {
    await connectBoth();
    const connected = await statusOf('slack');
    slack.clearApiCalls();
    expect(await invoke('tenants/test', { channel: 'slack', tenantId: SANDBOX_WORKSPACE.teamId }, 'local-agent')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(slack.apiCalls.filter((c) => c.method === 'auth.test')).toEqual([]);
    expect(await statusOf('slack')).toEqual(connected);

    expect(await invoke('tenants/disconnect', { channel: 'slack', tenantId: SANDBOX_WORKSPACE.teamId })).toMatchObject({ ok: true });
    expect(await invoke('tenants/test', { channel: 'slack', tenantId: SANDBOX_WORKSPACE.teamId })).toMatchObject({ ok: false, error: { code: 'tenant_connection_failed' } });
    expect(await statusOf('slack')).toBeUndefined();
    expect(((await invoke('tenants/list')).data?.['tenants'] as unknown[]).length).toBe(1);
  });
});

describe('Tenant role setup', () => {
  beforeEach(connectBoth);

  it('should refuse the role to Slackbot, bots, apps, deactivated accounts and people Slack doesn’t know, saying why', async () => {
    const refusals = {
      USLACKBOT: 'Slackbot is Slack’s own assistant, not a person',
      U0STANDUP: 'Standup Bot is a bot or an app, not a person',
      U0KOJIBOT: 'is a bot or an app, not a person',
      UFORMER: 'Frank’s Slack account is deactivated',
      UNOBODY1: 'Slack doesn’t know this person',
    };
    for (const [userId, reason] of Object.entries(refusals)) {
      const answer = await invoke('roles/grant', { ...SLACK, userId });
      expect({ userId, ok: answer.ok, code: answer.error?.code }).toEqual({ userId, ok: false, code: 'not_a_person' });
      expect(answer.error?.message).toContain(reason);
    }
    const everyone = await users({});
    expect(everyone.users.filter((u) => u.role === 'live-agent')).toEqual([]);
  });

  it('should still list a role holder Slack deactivated later, so the role can be removed', async () => {
    expect(await invoke('roles/grant', { ...SLACK, userId: 'UCARLA' })).toMatchObject({ ok: true, data: { result: 'granted' } });
    slack.deactivate('UCARLA');

    const listed = await users({});
    expect(listed.users.find((u) => u.userId === 'UCARLA')).toMatchObject({ role: 'live-agent', unfit: 'deactivated', email: 'carla@sandbox.test' });
    // Other deactivated members, who hold no role, stay out.
    expect(listed.users.map((u) => u.userId)).not.toContain('UFORMER');
    expect(await invoke('roles/grant', { ...SLACK, userId: 'UCARLA' })).toMatchObject({ ok: false, error: { code: 'not_a_person' } });

    expect(await invoke('roles/revoke', { ...SLACK, userId: 'UCARLA' })).toMatchObject({ ok: true, data: { result: 'revoked' } });
    expect((await users({})).users.map((u) => u.userId)).not.toContain('UCARLA');
  });

  it('should list a Teams role holder the bot no longer knows (they removed the app), so the role can be removed', async () => {
    const teamsTenant = { channel: 'teams', tenantId: TEAMS_SANDBOX.tenantId };
    expect(await invoke('roles/grant', { ...teamsTenant, userId: tomId })).toMatchObject({ ok: true });
    await teams.uninstall('tom');
    await settle();

    const listed = await invoke('tenant-users/list', teamsTenant);
    expect(listed.data?.['users']).toEqual([expect.objectContaining({ userId: tomId, role: 'live-agent', unfit: 'unknown' })]);
    expect(await invoke('roles/revoke', { ...teamsTenant, userId: tomId })).toMatchObject({ ok: true, data: { result: 'revoked' } });
    expect((await invoke('tenant-users/list', teamsTenant)).data?.['users']).toEqual([]);
  });

  it('should refuse an admin their own role (same e-mail in Jira and Slack), and mark their row, but let another admin change it', async () => {
    const own = await invoke('roles/grant', { ...SLACK, userId: 'ULOCALADMIN' });
    expect(own).toEqual({ ok: false, error: { code: 'own_role', message: 'You can’t change your own role. Ask another Jira admin.' } });
    expect((await users({ query: 'admin@koji.local' })).users).toEqual([expect.objectContaining({ userId: 'ULOCALADMIN', role: 'none', self: true })]);

    // The project's admin (lead@koji.local) is someone else: for them it is an ordinary row.
    expect((await users({ query: 'admin@koji.local' }, 'local-project-admin')).users[0]?.self).toBeUndefined();
    expect(await invoke('roles/grant', { ...SLACK, userId: 'ULOCALADMIN' }, 'local-project-admin')).toMatchObject({ ok: true, data: { result: 'granted' } });
    expect(await invoke('roles/revoke', { ...SLACK, userId: 'ULOCALADMIN' })).toMatchObject({ ok: false, error: { code: 'own_role' } });
    expect(await invoke('roles/revoke', { ...SLACK, userId: 'ULOCALADMIN' }, 'local-project-admin')).toMatchObject({ ok: true, data: { result: 'revoked' } });
  });

  it('should let an admin change the role of someone whose e-mail is unknown (Teams gives none)', async () => {
    expect(await invoke('roles/grant', { channel: 'teams', tenantId: TEAMS_SANDBOX.tenantId, userId: tomId })).toMatchObject({ ok: true, data: { result: 'granted' } });
  });

  it('should find people by their full name as well as their display name and e-mail', async () => {
    // Ada Admin's display name is "Ada": the full name alone holds "ada admin".
    expect((await users({ query: 'ada admin' })).users.map((u) => u.userId)).toEqual(['ULOCALADMIN']);
    expect((await users({ query: 'Alice Operator' })).users.map((u) => u.userId)).toEqual(['UALICE']);
    expect((await users({ query: 'BOB@SANDBOX' })).users.map((u) => u.userId)).toEqual(['UBOB']);
  });

  it('should read at most 5 pages of users.list per call, and hand back the cursor with a hint to keep searching', async () => {
    // One member a page: Slackbot, Alice, Bruno, Carla, Bob | Dana, Eve, Chloé, Jonas, Ada Admin | Frank, Koji, Standup.
    slack.capUsersListPages(1);
    const pagesRead = () => slack.apiCalls.filter((c) => c.method === 'users.list').length;
    slack.clearApiCalls();

    const first = await users({ query: 'eve' });
    expect(pagesRead()).toBe(5);
    expect(first.users).toEqual([]);
    expect(first.cursor).toEqual(expect.any(String));
    expect(first.hint).toBe('5 members searched so far, and there are more: Load more keeps searching.');

    slack.clearApiCalls();
    const second = await users({ query: 'eve', cursor: first.cursor });
    expect(pagesRead()).toBe(5);
    expect(second.users.map((u) => u.userId)).toEqual(['UEVE']);
    expect(second.hint).toBe('5 members searched so far, and there are more: Load more keeps searching.');

    const last = await users({ query: 'eve', cursor: second.cursor });
    expect(last).toEqual({ users: [] });
  });
});

describe('the request type for tickets', () => {
  it('should refuse a request type that is not one of the project’s, and save nothing', async () => {
    expect(await invoke('settings/update', { change: { requestTypeId: '12' } })).toMatchObject({ ok: true, data: { settings: { requestTypeId: '12' } } });

    const refused = await invoke('settings/update', { change: { requestTypeId: '99', operatorCapacity: 4 } });

    expect(refused).toEqual({
      ok: false,
      error: { code: 'invalid_settings', message: 'The request type must be one of the project’s request types (there is none with id 99).' },
    });
    expect((await invoke('settings/get')).data?.['settings']).toMatchObject({ requestTypeId: '12', operatorCapacity: 1 });
    // Clearing the choice (tickets then use the first request type) needs no look-up.
    expect(await invoke('settings/update', { change: { requestTypeId: '' } })).toMatchObject({ ok: true });
  });

  it('should list and accept request types beyond JSM’s first page of 50', async () => {
    for (let i = 0; i < 60; i += 1) platform.jsm!.requestTypeList.push({ id: String(100 + i), name: `Type ${100 + i}`, description: '' });

    const listed = await invoke('request-types/list');
    const ids = (listed.data?.['requestTypes'] as Array<{ id: string }>).map((t) => t.id);

    expect(ids).toHaveLength(63);
    expect(ids.slice(-2)).toEqual(['158', '159']);
    expect(await invoke('settings/update', { change: { requestTypeId: '159' } })).toMatchObject({ ok: true, data: { settings: { requestTypeId: '159' } } });
  });
});

describe('Put off duty, from the Overview', () => {
  beforeEach(connectBoth);

  async function aliceOnDutyWithBob(): Promise<void> {
    expect(await invoke('roles/grant', { ...SLACK, userId: 'UALICE' })).toMatchObject({ ok: true });
    await settle();
    await slack.sendAs('UALICE', '#on');
    await slack.sendAs('UBOB', 'operator');
    await settle();
  }

  it('should put an operator off duty and answer whether it did, once', async () => {
    await aliceOnDutyWithBob();
    expect(await invoke('activity/get')).toMatchObject({ ok: true, data: { onDuty: { rows: [{ name: 'Alice Operator', ...SLACK, userId: 'UALICE', load: 1, since: expect.any(Number) }] } } });

    expect(await invoke('duty/put-off', { ...SLACK, userId: 'UALICE' })).toEqual({ ok: true, data: { result: 'put-off-duty' } });
    await settle();
    expect(await invoke('duty/put-off', { ...SLACK, userId: 'UALICE' })).toEqual({ ok: true, data: { result: 'already-off-duty' } });
    expect(await invoke('duty/put-off', { ...SLACK, userId: 'UBRUNO' })).toEqual({ ok: true, data: { result: 'not-an-operator' } });

    expect(await invoke('activity/get')).toMatchObject({ ok: true, data: { onDuty: { rows: [] }, waiting: { rows: [] } } });
  });

  it.each<[string, Record<string, unknown>]>([
    ['no channel', { tenantId: SANDBOX_WORKSPACE.teamId, userId: 'UALICE' }],
    ['a channel that is not Slack or Teams', { channel: 'email', tenantId: SANDBOX_WORKSPACE.teamId, userId: 'UALICE' }],
    ['a workspace id of the wrong shape', { ...SLACK, tenantId: 'T 1; drop', userId: 'UALICE' }],
    ['a Teams tenant that is not a GUID', { ...TEAMS, tenantId: 'not-a-guid', userId: tomId }],
    ['no user', { ...SLACK }],
    ['a user id that is a number', { ...SLACK, userId: 42 }],
    ['a user id with markup', { ...SLACK, userId: 'U<b>ALICE</b>' }],
    ['a user id too long to be one', { ...SLACK, userId: `U${'A'.repeat(300)}` }],
    ['a user id too short to be one', { ...SLACK, userId: 'U' }],
  ])('should refuse %s with a reason, and put nobody off duty', async (_what, payload) => {
    await aliceOnDutyWithBob();

    const answer = await invoke('duty/put-off', payload);

    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid_request', message: expect.stringMatching(/\S/) } });
    expect(await invoke('activity/get')).toMatchObject({ ok: true, data: { onDuty: { rows: [{ userId: 'UALICE', load: 1 }] } } });
  });

  it('should not reach an operator of another channel or workspace named with this one’s ids', async () => {
    await aliceOnDutyWithBob();

    expect(await invoke('duty/put-off', { ...TEAMS, userId: 'UALICE' })).toEqual({ ok: true, data: { result: 'not-an-operator' } });
    expect(await invoke('activity/get')).toMatchObject({ ok: true, data: { onDuty: { rows: [{ userId: 'UALICE' }] } } });
  });
});

describe('An operator’s own capacity, from Role setup', () => {
  beforeEach(connectBoth);

  const alice = async () => (await users({ query: 'alice' })).users.find((u) => u.userId === 'UALICE') as UserRow & { capacity?: number; ownCapacity?: number };

  it('should set it, show it in Role setup and the Overview, and set it back to the project’s', async () => {
    expect(await invoke('settings/update', { change: { operatorCapacity: 2 } })).toMatchObject({ ok: true });
    expect(await invoke('roles/grant', { ...SLACK, userId: 'UALICE' })).toMatchObject({ ok: true });
    await settle();
    await slack.sendAs('UALICE', '#on');
    await settle();

    expect(await invoke('roles/capacity', { ...SLACK, userId: 'UALICE', capacity: 5 })).toEqual({ ok: true, data: { result: 'set', capacity: 5 } });
    expect(await alice()).toMatchObject({ capacity: 5, ownCapacity: 5 });
    expect(await invoke('activity/get')).toMatchObject({ ok: true, data: { onDuty: { rows: [{ userId: 'UALICE', capacity: 5 }] } } });

    expect(await invoke('roles/capacity', { ...SLACK, userId: 'UALICE', capacity: null })).toEqual({ ok: true, data: { result: 'set', capacity: 2 } });
    const after = await alice();
    expect(after).toMatchObject({ capacity: 2 });
    expect(after?.ownCapacity).toBeUndefined();
    expect(await invoke('roles/capacity', { ...SLACK, userId: 'UBRUNO', capacity: 3 })).toEqual({ ok: true, data: { result: 'not-an-operator' } });
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['no capacity', { ...SLACK, userId: 'UALICE' }, 'invalid_request'],
    ['a capacity written as text', { ...SLACK, userId: 'UALICE', capacity: '3' }, 'invalid_request'],
    ['a capacity that is a list', { ...SLACK, userId: 'UALICE', capacity: [3] }, 'invalid_request'],
    ['a capacity of 0', { ...SLACK, userId: 'UALICE', capacity: 0 }, 'invalid_settings'],
    ['a capacity of 11', { ...SLACK, userId: 'UALICE', capacity: 11 }, 'invalid_settings'],
    ['a capacity of 2.5', { ...SLACK, userId: 'UALICE', capacity: 2.5 }, 'invalid_settings'],
    ['a user id with markup', { ...SLACK, userId: 'U<b>A</b>', capacity: 3 }, 'invalid_request'],
    ['a channel that is not Slack or Teams', { channel: 'irc', tenantId: SANDBOX_WORKSPACE.teamId, userId: 'UALICE', capacity: 3 }, 'invalid_request'],
  ])('should refuse %s with a reason, and change nothing', async (_what, payload, code) => {
    expect(await invoke('roles/grant', { ...SLACK, userId: 'UALICE' })).toMatchObject({ ok: true });

    const answer = await invoke('roles/capacity', payload);

    expect(answer).toMatchObject({ ok: false, error: { code, message: expect.stringMatching(/\S/) } });
    expect((await alice())?.ownCapacity).toBeUndefined();
  });
});
