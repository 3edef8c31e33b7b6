import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { forgetTeamsTokens } from '../../../src/adapters/teams/teams-connector';
import { teamsBotFromEnv } from '../../../packages/forge-local/src/real-chat-env';
import { startLocalPlatform } from '../../../dev/koji-app';
import { TEAMS_SANDBOX } from '../../../packages/forge-local/src/teams';
import { invokeBackoffice } from '../support/local-platform-client';

const BOT = { TEAMS_APP_ID: '0d7c2b4e-1f3a-4c5d-8e9f-a0b1c2d3e4f5', TEAMS_APP_PASSWORD: 'real~looking.secret-value', TEAMS_TENANT_ID: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d' };

describe('the Teams bot named by TEAMS_APP_ID, TEAMS_APP_PASSWORD and TEAMS_TENANT_ID', () => {
  it('should take all three or none', () => {
    expect(teamsBotFromEnv({})).toBeUndefined();
    expect(teamsBotFromEnv(BOT)).toEqual({ appId: BOT.TEAMS_APP_ID, appPassword: BOT.TEAMS_APP_PASSWORD, tenantId: BOT.TEAMS_TENANT_ID });
    expect(() => teamsBotFromEnv({ TEAMS_APP_ID: BOT.TEAMS_APP_ID, TEAMS_APP_PASSWORD: BOT.TEAMS_APP_PASSWORD })).toThrow(/TEAMS_APP_ID, TEAMS_APP_PASSWORD and TEAMS_TENANT_ID/);
  });

  describe('with Microsoft played by a token endpoint of the test’s own', () => {
    let microsoft: Server;
    let loginUrl: string;
    const tokenRequests: { path: string; form: URLSearchParams }[] = [];

    beforeAll(async () => {
      microsoft = createServer((req, res) => {
        let body = '';
        req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
        req.on('end', () => {
          tokenRequests.push({ path: req.url ?? '', form: new URLSearchParams(body) });
          res.setHeader('content-type', 'application/json');
          res.end(JSON.stringify({ token_type: 'Bearer', expires_in: 3599, access_token: 'test' }));
        });
      });
      await new Promise<void>((resolve) => microsoft.listen(0, '127.0.0.1', resolve));
      loginUrl = `http://127.0.0.1:${(microsoft.address() as AddressInfo).port}/`;
    });
    afterAll(async () => {
      await new Promise<void>((resolve) => microsoft.close(() => resolve()));
    });
    afterEach(() => {
      forgetTeamsTokens();
    });

    it('should connect the bot as a tenant at start, through the backoffice’s connect path, with no sandbox in the way', async () => {
      const platform = await startLocalPlatform({ port: 0, dataDir: ':memory:', env: { ...BOT, TEAMS_LOGIN_URL: loginUrl } });
      try {
        expect(platform.teams).toBeUndefined();
        expect(platform.playground).toBeUndefined();
        expect(tokenRequests).toEqual([{ path: `/${BOT.TEAMS_TENANT_ID}/oauth2/v2.0/token`, form: expect.any(URLSearchParams) }]);
        expect(Object.fromEntries(tokenRequests[0]!.form)).toEqual({
          grant_type: 'client_credentials',
          client_id: BOT.TEAMS_APP_ID,
          client_secret: BOT.TEAMS_APP_PASSWORD,
          scope: 'https://api.botframework.com/.default',
        });
        expect(await invokeBackoffice(platform, 'tenants/list')).toMatchObject({
          ok: true,
          data: { tenants: [{ channel: 'teams', tenantId: BOT.TEAMS_TENANT_ID, appId: BOT.TEAMS_APP_ID }] },
        });
      } finally {
        await platform.close();
      }
    });
  });

  it('should have the bot answer a Teams person without an admin connecting anything (the sandbox playing Microsoft)', async () => {
    const env = { TEAMS_APP_ID: TEAMS_SANDBOX.appId, TEAMS_APP_PASSWORD: TEAMS_SANDBOX.appPassword, TEAMS_TENANT_ID: TEAMS_SANDBOX.tenantId };
    const platform = await startLocalPlatform({ port: 0, dataDir: ':memory:', env, teamsSandbox: true });
    try {
      const teams = platform.teams!;
      await teams.install('vic');
      expect((await teams.sendAs('vic', 'hello')).status).toBe(200);
      await teams.whenIdle();

      expect(teams.conversation('vic').filter((m) => m.from === 'bot').map((m) => m.text)).toEqual(['I couldn’t find an article about that. To talk to a person, type “operator”.']);
    } finally {
      await platform.close();
    }
  });
});
