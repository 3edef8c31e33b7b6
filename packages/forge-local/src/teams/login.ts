import { randomUUID } from 'node:crypto';
import { decodedPath } from '../url-segment';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { jwtVerify, type JWTPayload } from 'jose';
import { headerValue, readBody, sendJson } from '../slack/http-io';
import { retryAfterHeader, type FailureInjector } from './failures';
import { stall } from '../faults';
import { signJwt, type SandboxKeys } from './keys';
import { TEAMS_SANDBOX, sandboxBotSecret } from './tenant';

/** The resource the bot asks a token for (`scope` = this + `/.default`), and its tokens' `aud`. */
export const BOT_FRAMEWORK_RESOURCE = 'https://api.botframework.com';
export const BOT_FRAMEWORK_SCOPE = `${BOT_FRAMEWORK_RESOURCE}/.default`;
/** Access tokens live one hour; Entra reports 3599 s. */
export const ACCESS_TOKEN_LIFETIME_S = 3599;
/** `iss` of the bot's access tokens: the v1 issuer of its home tenant, as Entra issues them for the Bot Framework API. */
export const ACCESS_TOKEN_ISSUER = `https://sts.windows.net/${TEAMS_SANDBOX.tenantId}/`;
/** The object id of the bot's service principal (`oid`/`sub` of its tokens). */
const SERVICE_PRINCIPAL_ID = 'd2f8a6c4-0e1b-4a3d-8f5c-7b9e1d3a5c60';

/**
 * Entra ID's token endpoint for the bot's client-credentials grant:
 * `POST {prefix}{tenant}/oauth2/v2.0/token` with a form body. Answers like
 * Entra: `{token_type, expires_in, ext_expires_in, access_token}`, or
 * `{error, error_description: 'AADSTS…', error_codes, …}` with 400/401.
 */
export class FakeEntraLogin {
  /** Every request to the token endpoint, granted or not. */
  requests = 0;

  constructor(
    private readonly keys: () => Promise<SandboxKeys>,
    private readonly now: () => number,
    private readonly failures: FailureInjector,
  ) {}

  async handle(req: IncomingMessage, res: ServerResponse, rest: string): Promise<void> {
    const match = /^([^/]+)\/oauth2\/v2\.0\/token$/.exec(rest);
    if (!match) return this.error(res, 404, 'invalid_request', 90_002, `Nothing at ${rest}; the token endpoint is {tenant}/oauth2/v2.0/token.`);
    if (req.method !== 'POST') return this.error(res, 405, 'invalid_request', 900_561, 'The endpoint only accepts POST requests.');
    this.requests += 1;
    const tenant = decodedPath(match[1] ?? '');
    if (tenant === undefined) return this.error(res, 400, 'invalid_request', 90_002, 'The tenant in the path is not valid percent-encoding.');
    const raw = await readBody(req);
    const form = headerValue(req, 'content-type')?.includes('application/x-www-form-urlencoded') ? new URLSearchParams(raw ?? '') : new URLSearchParams();

    const fault = this.failures.take('token');
    if (fault && 'stallMs' in fault) await stall(fault.stallMs);
    // A token grant has no effect worth keeping, so a reset is the same before or after it.
    if (fault && 'reset' in fault) return void req.socket.destroy();
    const failure = fault && 'status' in fault ? fault : undefined;
    if (failure) {
      const error = failure.status === 429 || failure.status >= 500 ? 'temporarily_unavailable' : 'invalid_request';
      return this.error(res, failure.status, error, 50_196, 'The server is temporarily unavailable (injected by the sandbox).', retryAfterHeader(failure));
    }

    const clientId = form.get('client_id');
    for (const field of ['grant_type', 'client_id', 'scope'] as const) {
      if (!form.get(field)) return this.error(res, 400, 'invalid_request', 900_144, `The request body must contain the following parameter: '${field}'.`);
    }
    if (form.get('grant_type') !== 'client_credentials') {
      return this.error(res, 400, 'unsupported_grant_type', 70_003, `The app requested an unsupported grant type '${form.get('grant_type')}'.`);
    }
    if (tenant === 'botframework.com') {
      // A single-tenant bot (all new registrations) must ask its own tenant.
      return this.error(res, 400, 'unauthorized_client', 700_016, `Application with identifier '${clientId}' was not found in the directory 'Bot Framework'.`);
    }
    if (tenant !== TEAMS_SANDBOX.tenantId) return this.error(res, 400, 'invalid_request', 90_002, `Tenant '${tenant}' not found.`);
    const expectedSecret = sandboxBotSecret(clientId);
    if (expectedSecret === undefined) {
      return this.error(res, 400, 'unauthorized_client', 700_016, `Application with identifier '${clientId}' was not found in the directory '${TEAMS_SANDBOX.tenantName}'.`);
    }
    const secret = form.get('client_secret');
    if (!secret) return this.error(res, 401, 'invalid_client', 7_000_218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.");
    if (secret !== expectedSecret) {
      return this.error(res, 401, 'invalid_client', 7_000_215, `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`);
    }
    const scope = form.get('scope') ?? '';
    if (!scope.endsWith('/.default')) {
      return this.error(res, 400, 'invalid_scope', 1_002_012, `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`);
    }
    if (scope !== BOT_FRAMEWORK_SCOPE) {
      return this.error(res, 400, 'invalid_resource', 500_011, `The resource principal named ${scope.slice(0, -'/.default'.length)} was not found in the tenant named ${TEAMS_SANDBOX.tenantName}.`);
    }

    const now = Math.floor(this.now() / 1000);
    const claims: JWTPayload = {
      aud: BOT_FRAMEWORK_RESOURCE,
      iss: ACCESS_TOKEN_ISSUER,
      iat: now,
      nbf: now,
      exp: now + ACCESS_TOKEN_LIFETIME_S,
      appid: clientId,
      appidacr: '1',
      idp: ACCESS_TOKEN_ISSUER,
      oid: SERVICE_PRINCIPAL_ID,
      sub: SERVICE_PRINCIPAL_ID,
      tid: TEAMS_SANDBOX.tenantId,
      uti: randomUUID().replace(/-/g, ''),
      ver: '1.0',
    };
    const accessToken = await signJwt(claims, (await this.keys()).login);
    sendJson(res, 200, { token_type: 'Bearer', expires_in: ACCESS_TOKEN_LIFETIME_S, ext_expires_in: ACCESS_TOKEN_LIFETIME_S, access_token: accessToken }, { 'cache-control': 'no-store, no-cache', pragma: 'no-cache' });
  }

  /** Whether `authorization` carries an access token this endpoint issued for the bot that has not expired. */
  async verify(authorization: string | undefined): Promise<{ ok: true; appId: string } | { ok: false; reason: string }> {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    if (!token) return { ok: false, reason: 'no bearer token' };
    try {
      const { payload } = await jwtVerify(token, (await this.keys()).login.publicKey, {
        issuer: ACCESS_TOKEN_ISSUER,
        audience: BOT_FRAMEWORK_RESOURCE,
        algorithms: ['RS256'],
        currentDate: new Date(this.now()),
      });
      const appId = payload['appid'];
      if (typeof appId !== 'string' || sandboxBotSecret(appId) === undefined) return { ok: false, reason: 'the token is not for the bot' };
      return { ok: true, appId };
    } catch (error) {
      return { ok: false, reason: error instanceof Error ? error.message : String(error) };
    }
  }

  private error(res: ServerResponse, status: number, error: string, code: number, description: string, headers: Record<string, string> = {}): void {
    const traceId = randomUUID();
    const correlationId = randomUUID();
    const timestamp = new Date(this.now()).toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
    sendJson(
      res,
      status,
      {
        error,
        error_description: `AADSTS${code}: ${description} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
        error_codes: [code],
        timestamp,
        trace_id: traceId,
        correlation_id: correlationId,
        error_uri: `https://login.microsoftonline.com/error?code=${code}`,
      },
      headers,
    );
  }
}
