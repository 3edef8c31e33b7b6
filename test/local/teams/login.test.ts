import { decodeJwt, decodeProtectedHeader } from 'jose';
import { TEAMS_SANDBOX } from '../../../packages/forge-local/src/teams';
import { requestToken, startTeamsSandbox, type TeamsHarness } from './support/teams-harness';

const NOW = Date.UTC(2025, 0, 15, 9, 30, 0);

describe('the Teams sandbox token endpoint (Entra client credentials)', () => {
  let h: TeamsHarness;

  beforeAll(async () => {
    h = await startTeamsSandbox({ now: () => NOW });
  });
  beforeEach(async () => {
    await h.reset();
  });
  afterAll(async () => {
    await h.close();
  });

  it('should issue an RS256 Bot Framework access token for the bot’s app id and secret', async () => {
    const requestsBefore = h.sandbox.tokenRequests;
    expect(h.sandbox.endpoints.tokenUrl).toBe(`${h.baseUrl}/teams/login/${TEAMS_SANDBOX.tenantId}/oauth2/v2.0/token`);

    const response = await requestToken(h.sandbox.endpoints.tokenUrl);

    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toEqual({ token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: expect.any(String) });
    const token = String(body['access_token']);
    expect(decodeProtectedHeader(token)).toMatchObject({ alg: 'RS256', typ: 'JWT', kid: expect.any(String) });
    expect(decodeJwt(token)).toMatchObject({
      aud: 'https://api.botframework.com',
      appid: TEAMS_SANDBOX.appId,
      tid: TEAMS_SANDBOX.tenantId,
      iss: `https://sts.windows.net/${TEAMS_SANDBOX.tenantId}/`,
      iat: NOW / 1000,
      exp: NOW / 1000 + 3599,
    });
    expect(h.sandbox.tokenRequests).toBe(requestsBefore + 1);
  });

  it('should refuse a wrong or missing secret with 401 invalid_client, as Entra does', async () => {
    const requestsBefore = h.sandbox.tokenRequests;
    for (const secret of ['not-the-secret', undefined]) {
      const response = await requestToken(h.sandbox.endpoints.tokenUrl, { client_secret: secret });

      expect(response.status).toBe(401);
      const body = (await response.json()) as { error: string; error_description: string; error_codes: number[] };
      expect(body.error).toBe('invalid_client');
      expect(body.error_description).toMatch(/^AADSTS70002(15|18): /);
      expect(body).not.toHaveProperty('access_token');
    }
    expect(h.sandbox.tokenRequests).toBe(requestsBefore + 2);
  });

  it('should refuse an unknown client, the botframework.com tenant, another tenant, another scope and another grant with 400', async () => {
    const cases: Array<[Record<string, string>, string, string?]> = [
      [{ client_id: '00000000-0000-0000-0000-000000000000' }, 'unauthorized_client'],
      [{}, 'unauthorized_client', 'botframework.com'],
      [{}, 'invalid_request', '11111111-2222-3333-4444-555555555555'],
      [{ scope: 'https://graph.microsoft.com/.default' }, 'invalid_resource'],
      [{ scope: 'https://api.botframework.com' }, 'invalid_scope'],
      [{ grant_type: 'password' }, 'unsupported_grant_type'],
    ];
    for (const [fields, error, tenant] of cases) {
      const url = tenant ? `${h.baseUrl}/teams/login/${tenant}/oauth2/v2.0/token` : h.sandbox.endpoints.tokenUrl;
      const response = await requestToken(url, fields);

      expect([response.status, ((await response.json()) as { error: string }).error]).toEqual([400, error]);
    }
  });

  it('should fail the next token requests as told, with Retry-After, then grant again', async () => {
    h.sandbox.failNext('token', 503, 1, 2);

    const failed = await requestToken(h.sandbox.endpoints.tokenUrl);
    expect(failed.status).toBe(503);
    expect(failed.headers.get('retry-after')).toBe('2');
    expect(await failed.json()).toMatchObject({ error: 'temporarily_unavailable' });

    expect((await requestToken(h.sandbox.endpoints.tokenUrl)).status).toBe(200);
  });
});
