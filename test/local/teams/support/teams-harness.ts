import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Database from 'better-sqlite3';
import { compactVerify, decodeJwt, decodeProtectedHeader, importJWK, type JWK } from 'jose';
import { BOT_FRAMEWORK_SCOPE, TEAMS_SANDBOX, TeamsSandbox, type TeamsActivity, type TeamsSandboxOptions } from '../../../../packages/forge-local/src/teams';

/** A request the stand-in web trigger received, raw, as the app's trigger would see it. */
export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

/** A tiny HTTP server in place of the app's Teams web trigger: records every request and answers 200 (or what `reply` says). */
export class TriggerRecorder {
  readonly requests: RecordedRequest[] = [];
  reply: (request: RecordedRequest) => Promise<{ status: number; body: string }> | { status: number; body: string } = () => ({ status: 200, body: '' });
  private readonly server: Server;
  url = '';

  private constructor() {
    this.server = createServer((req, res) => void this.record(req, res));
  }

  static async start(): Promise<TriggerRecorder> {
    const recorder = new TriggerRecorder();
    recorder.url = `${await listen(recorder.server)}/webtrigger/teams`;
    return recorder;
  }

  /** The activities delivered so far, parsed. */
  activities(): TeamsActivity[] {
    return this.requests.map((r) => JSON.parse(r.body) as TeamsActivity);
  }

  close(): Promise<void> {
    return closeServer(this.server);
  }

  /** Listens again, on the same port, after `close()`. */
  async restart(): Promise<void> {
    const port = new URL(this.url).port;
    await new Promise<void>((resolve) => this.server.listen(Number(port), '127.0.0.1', resolve));
  }

  private async record(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const request = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
    this.requests.push(request);
    const answer = await this.reply(request);
    res.statusCode = answer.status;
    res.end(answer.body);
  }
}

export interface TeamsHarness {
  readonly sandbox: TeamsSandbox;
  readonly trigger: TriggerRecorder;
  readonly db: Database.Database;
  /** The server with only the sandbox's routes. */
  readonly baseUrl: string;
  readonly serviceUrl: string;
  /** An access token from the sandbox's token endpoint, for the right app id and secret. */
  accessToken(): Promise<string>;
  /** A call to the Bot Connector: `path` after the serviceUrl, a JSON body, the given token (default: a fresh valid one; null: none). */
  connector(method: string, path: string, body?: unknown, token?: string | null): Promise<Response>;
  /** Back to a fresh tenant (no installs, no messages, no recorded calls or failures), keeping the keys: making RSA keys is what costs. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

export async function startTeamsSandbox(options: Partial<TeamsSandboxOptions> & { db?: Database.Database; keepDb?: boolean } = {}): Promise<TeamsHarness> {
  const trigger = await TriggerRecorder.start();
  const db = options.db ?? new Database(':memory:');
  let baseUrl = '';
  const sandbox = new TeamsSandbox(db, { webTriggerUrl: () => trigger.url, baseUrl: () => baseUrl, ...options });
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    sandbox.routes(req, res, url).then(
      (handled) => {
        if (!handled) {
          res.statusCode = 404;
          res.end('not a sandbox route');
        }
      },
      (error: unknown) => {
        res.statusCode = 500;
        res.end(String(error));
      },
    );
  });
  baseUrl = await listen(server);
  await sandbox.ready();
  const accessToken = async () => {
    const response = await requestToken(sandbox.endpoints.tokenUrl, { client_secret: TEAMS_SANDBOX.appPassword });
    const body = (await response.json()) as { access_token?: string };
    if (!body.access_token) throw new Error(`no token: ${JSON.stringify(body)}`);
    return body.access_token;
  };
  return {
    sandbox,
    trigger,
    db,
    baseUrl,
    serviceUrl: sandbox.serviceUrl,
    accessToken,
    async connector(method, path, body, token) {
      const bearer = token === null ? undefined : (token ?? (await accessToken()));
      return fetch(`${sandbox.serviceUrl}${path}`, {
        method,
        headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
    },
    async reset() {
      await sandbox.whenIdle();
      db.exec('DELETE FROM teams_sandbox_message; DELETE FROM teams_sandbox_installation;');
      sandbox.clearApiCalls();
      sandbox.clearFailures();
      trigger.requests.length = 0;
      trigger.reply = () => ({ status: 200, body: '' });
    },
    async close() {
      await sandbox.whenIdle();
      await closeServer(server);
      await trigger.close();
      if (!options.keepDb) db.close();
    },
  };
}

/** The bot's client-credentials request, with any field overridden (undefined leaves it out). */
export function requestToken(tokenUrl: string, fields: Record<string, string | undefined> = {}): Promise<Response> {
  const form: Record<string, string | undefined> = {
    grant_type: 'client_credentials',
    client_id: TEAMS_SANDBOX.appId,
    client_secret: TEAMS_SANDBOX.appPassword,
    scope: BOT_FRAMEWORK_SCOPE,
    ...fields,
  };
  const body = new URLSearchParams(Object.entries(form).filter((entry): entry is [string, string] => entry[1] !== undefined));
  return fetch(tokenUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
}

/** A JWKS key as the Bot Framework publishes it. */
export type EndorsedJwk = JWK & { kid: string; endorsements?: string[] };

/** What a bot does first: read the OpenID metadata, then the keys it points at. */
export async function fetchJwks(openIdMetadataUrl: string): Promise<{ metadata: Record<string, unknown>; keys: EndorsedJwk[] }> {
  const metadata = (await (await fetch(openIdMetadataUrl)).json()) as Record<string, unknown>;
  const { keys } = (await (await fetch(String(metadata['jwks_uri']))).json()) as { keys: EndorsedJwk[] };
  return { metadata, keys };
}

export type InboundCheck = 'bearer' | 'key' | 'endorsement' | 'signature' | 'issuer' | 'audience' | 'lifetime' | 'serviceurl';

/**
 * The checks of the reference's inbound validation (B2), each on its own, so a
 * test can see exactly which ones a token fails: Bearer present; `kid` in the
 * JWKS; that key endorsed for the activity's channel; RS256 signature by it;
 * `iss`; `aud` = app id; `nbf`/`exp` within a 5-minute tolerance; `serviceurl`
 * = `activity.serviceUrl` (trailing slash and case ignored).
 */
export async function failedInboundChecks(
  authorization: string | string[] | undefined,
  activity: { channelId: string; serviceUrl: string },
  keys: readonly EndorsedJwk[],
  nowMs: number,
): Promise<InboundCheck[]> {
  const token = typeof authorization === 'string' ? /^Bearer (\S+)$/.exec(authorization)?.[1] : undefined;
  if (!token) return ['bearer'];
  const failed: InboundCheck[] = [];
  const header = decodeProtectedHeader(token);
  const key = keys.find((k) => k.kid === header.kid);
  if (!key) failed.push('key');
  else {
    if (!key.endorsements?.includes(activity.channelId)) failed.push('endorsement');
    try {
      if (header.alg !== 'RS256') throw new Error('alg');
      await compactVerify(token, await importJWK(key, 'RS256'), { algorithms: ['RS256'] });
    } catch {
      failed.push('signature');
    }
  }
  const claims = decodeJwt(token);
  if (claims.iss !== 'https://api.botframework.com') failed.push('issuer');
  if (claims.aud !== TEAMS_SANDBOX.appId) failed.push('audience');
  const now = nowMs / 1000;
  if (typeof claims.exp !== 'number' || claims.exp + 300 < now || (typeof claims.nbf === 'number' && claims.nbf - 300 > now)) failed.push('lifetime');
  const norm = (u: unknown) => (typeof u === 'string' ? u : '').replace(/\/$/, '').toLowerCase();
  if (norm(claims['serviceurl']) !== norm(activity.serviceUrl)) failed.push('serviceurl');
  return failed;
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
