import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { SignJWT, UnsecuredJWT, generateKeyPair } from 'jose';
import type { LocalPlatform } from '../../packages/forge-local/src/platform';
import { TEAMS_PLAYGROUND, toPlaygroundTenant } from '../../packages/forge-local/src/playground';
import { TEAMS_SANDBOX, type TeamsSandbox } from '../../packages/forge-local/src/teams';
import { PLAYGROUND_HEADERS, playgroundInstall, playgroundMessage } from '../local/playground/support/playground-activities';
import { localPlatformClient, startSandboxedPlatform } from '../local/support/local-platform-client';
import { storedTables } from './support/stored-tables';

/**
 * The Agents Playground sends no token, and the local platform's bridge
 * vouches for it. A deployed app has no bridge: whatever reaches its Teams
 * web trigger without a Bot Framework token is refused and changes nothing,
 * whatever the activity looks like, whatever the environment says and
 * whatever an admin configures.
 */
let platform: LocalPlatform;
let teams: TeamsSandbox;

const { admin } = localPlatformClient(() => platform);

/** Everything the app keeps: every table but the chat sandboxes' own (which play Slack and Microsoft). */
function appState(): string {
  return storedTables(platform, (table) => !table.includes('sandbox')).join('\n');
}

/** POSTs straight to the Teams web trigger, as anyone on the internet can reach a deployed one. */
async function postToTrigger(activity: unknown, authorization?: string): Promise<{ status: number; body: { error?: string } }> {
  const response = await fetch(platform.webTriggerUrl('teams-activities'), {
    method: 'POST',
    headers: { ...PLAYGROUND_HEADERS, ...(authorization ? { authorization } : {}) },
    body: JSON.stringify(activity),
  });
  return { status: response.status, body: (await response.json()) as { error?: string } };
}

/** What the bridge would forward for the Playground, but without the bridge's signature. */
function bridged(activity: Record<string, unknown>): Record<string, unknown> {
  const mapped = toPlaygroundTenant(activity);
  if (!mapped.ok) throw new Error(mapped.reason);
  return mapped.activity;
}

const tom = TEAMS_SANDBOX.people.find((p) => p.key === 'tom')!;
/** Tom, an operator of the connected sandbox tenant, typing `#on` to Koji's bot, from a Playground's connector. */
const tomOnDuty = (): Record<string, unknown> => ({
  ...playgroundMessage('#on', { tenantId: TEAMS_SANDBOX.tenantId, from: { id: tom.id, name: tom.name, aadObjectId: tom.aadObjectId } }),
  recipient: { id: TEAMS_SANDBOX.botId, name: TEAMS_SANDBOX.botName },
});

/** Tokens someone without the Bot Connector's key can make, with claims that would otherwise pass. */
async function forgedTokens(serviceUrl: string, audience: string): Promise<Record<string, string>> {
  const now = Math.floor(Date.now() / 1000);
  const claims = { serviceurl: serviceUrl, iss: 'https://api.botframework.com', aud: audience, nbf: now, iat: now, exp: now + 300 };
  const publishedKid = (await teams.jwks()).keys[0]!['kid'] as string;
  const own = await generateKeyPair('RS256');
  return {
    'an unsigned token (alg none)': `Bearer ${new UnsecuredJWT(claims).encode()}`,
    'a token signed with the client secret (HS256)': `Bearer ${await new SignJWT(claims).setProtectedHeader({ alg: 'HS256', kid: publishedKid }).sign(new TextEncoder().encode(TEAMS_SANDBOX.appPassword))}`,
    'a token signed with another key under the published kid': `Bearer ${await new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: publishedKid }).sign(own.privateKey)}`,
    'a token signed with a key nobody published': `Bearer ${await new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'playground' }).sign(own.privateKey)}`,
    'a Bearer with no token': 'Bearer',
    'the Playground’s marker as the token': 'Bearer true',
  };
}

beforeEach(async () => {
  ({ platform, teams } = await startSandboxedPlatform());
  expect(await admin('settings/update', { change: { enabled: true } })).toMatchObject({ ok: true });
  expect(await admin('tenants/connect', { channel: 'teams', tenantId: TEAMS_SANDBOX.tenantId, name: 'Koji Sandbox', appId: TEAMS_SANDBOX.appId, appPassword: TEAMS_SANDBOX.appPassword })).toMatchObject({ ok: true });
  // The playground tenant connected as an admin could connect it: then only the token stands between it and Koji.
  expect(
    await admin('tenants/connect', {
      channel: 'teams',
      tenantId: TEAMS_PLAYGROUND.tenantId,
      name: TEAMS_PLAYGROUND.tenantName,
      appId: TEAMS_PLAYGROUND.appId,
      appPassword: TEAMS_PLAYGROUND.appPassword,
      botTenantId: TEAMS_PLAYGROUND.botTenantId,
    }),
  ).toMatchObject({ ok: true });
  await teams.install('tom');
  await admin('roles/grant', { channel: 'teams', tenantId: TEAMS_SANDBOX.tenantId, userId: tom.id });
  await teams.whenIdle();
  await platform.queue.drained();
  teams.clearApiCalls();
});
afterEach(() => platform.close());

describe('a deployed Teams web trigger, reached without the Bot Connector’s token', () => {
  it('should refuse the Playground’s activities as the Playground sends them, changing nothing', async () => {
    const before = appState();

    const install = await postToTrigger(playgroundInstall());
    const message = await postToTrigger(playgroundMessage('hello'));

    // No Bearer token at all: refused before its tenant (connected nowhere) is even looked up.
    expect([install.status, message.status]).toEqual([401, 401]);
    expect(appState()).toBe(before);
    expect(teams.apiCalls).toEqual([]);
  });

  it('should refuse them with 401 once filed under a connected tenant, changing nothing', async () => {
    const before = appState();

    for (const activity of [bridged(playgroundInstall()), bridged(playgroundMessage('hello')), tomOnDuty()]) {
      expect(await postToTrigger(activity)).toEqual({ status: 401, body: expect.objectContaining({ error: 'invalid_token' }) });
    }

    expect(appState()).toBe(before);
    expect(teams.apiCalls).toEqual([]);
  });

  it('should refuse tokens made without the Bot Connector’s key, changing nothing', async () => {
    const activity = tomOnDuty();
    const before = appState();

    for (const [what, authorization] of Object.entries(await forgedTokens(activity['serviceUrl'] as string, TEAMS_SANDBOX.appId))) {
      const answer = await postToTrigger(activity, authorization);
      expect({ what, status: answer.status, error: answer.body.error }).toEqual({ what, status: 401, error: 'invalid_token' });
    }

    expect(appState()).toBe(before);
    expect(teams.apiCalls).toEqual([]);
  });
});

describe('switches that do not exist', () => {
  it('should refuse whatever the environment says', async () => {
    const switches: Record<string, string> = {
      NODE_ENV: 'development',
      KOJI_DEBUG: '1',
      TEAMS_SKIP_AUTH: 'true',
      TEAMS_AUTH_DISABLED: 'true',
      TEAMS_ALLOW_UNAUTHENTICATED: 'true',
      DISABLE_AUTH: 'true',
      SKIP_TOKEN_VALIDATION: 'true',
      BOT_AUTH: 'none',
      MicrosoftAppId: '',
      MicrosoftAppPassword: '',
      MicrosoftAppTenantId: '',
      TEAMSAPPTESTER_BROWSER: 'none',
      BOT_ENDPOINT: platform.webTriggerUrl('teams-activities'),
      M365_AGENTS_PLAYGROUND: 'true',
      // Where keys come from may change (the sandbox uses this); that keys are needed may not.
      TEAMS_OPENID_METADATA_URL: 'http://127.0.0.1:9/nowhere',
    };
    const saved = Object.fromEntries(Object.keys(switches).map((name) => [name, process.env[name]]));
    const before = appState();
    try {
      Object.assign(process.env, switches);
      for (const activity of [tomOnDuty(), bridged(playgroundMessage('hello'))]) {
        expect((await postToTrigger(activity)).status).toBe(401);
        expect((await postToTrigger(activity, 'Bearer')).status).toBe(401);
      }
    } finally {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }

    expect(appState()).toBe(before);
    expect(teams.apiCalls).toEqual([]);
  });

  it('should refuse whatever an admin configures', async () => {
    const settings = await admin('settings/update', { change: { teamsTokenValidation: false, allowUnauthenticated: true } });
    await admin('tenants/connect', {
      channel: 'teams',
      tenantId: TEAMS_SANDBOX.tenantId,
      name: 'Koji Sandbox',
      appId: TEAMS_SANDBOX.appId,
      appPassword: TEAMS_SANDBOX.appPassword,
      skipTokenValidation: true,
      allowUnauthenticated: true,
      validateTokens: false,
      openIdMetadataUrl: 'http://127.0.0.1:9/nowhere',
    });

    expect(settings).toMatchObject({ ok: false, error: { message: expect.stringContaining('Unknown settings') } });
    expect((await postToTrigger(tomOnDuty())).status).toBe(401);
    const people = await admin('tenant-users/list', { channel: 'teams', tenantId: TEAMS_SANDBOX.tenantId, query: 'tom' });
    expect((people.data?.['users'] as { duty?: string }[])[0]?.duty).toBe('off');
  });

  it('should leave the Playground to the local platform: no production code knows of it, and the Teams path reads no environment', () => {
    const src = path.join(__dirname, '..', '..', 'src');
    // The local platform is a package of its own (packages/forge-local): all of src/ is production code.
    const production = listTs(src);
    const teamsPath = production.filter((file) => file.includes(`${path.sep}teams${path.sep}`) || file.endsWith('teams-webtrigger.ts'));

    expect(production.filter((file) => /playground|x-ms-agents/i.test(readFileSync(file, 'utf8'))).map((f) => path.relative(src, f))).toEqual([]);
    expect(teamsPath.length).toBeGreaterThan(5);
    expect(teamsPath.filter((file) => readFileSync(file, 'utf8').includes('process.env')).map((f) => path.relative(src, f))).toEqual([]);
  });
});

function listTs(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return listTs(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}
