import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LogLevel, WebClient, type ChatPostMessageResponse, type WebClientOptions } from '@slack/web-api';
import Database from 'better-sqlite3';
import { SANDBOX_WORKSPACE, SlackSandbox, type SlackSandboxOptions } from '../../../../packages/forge-local/src/slack';

/** A request the stand-in web trigger received, raw, as the app's trigger would see it. */
export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

/**
 * A tiny HTTP server in place of the app's web trigger: records every request
 * and answers 200, or whatever `reply` says (it may also act, like an app).
 */
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
    recorder.url = `${await listen(recorder.server)}/webtrigger/slack`;
    return recorder;
  }

  /** Waits until at least `count` requests have arrived. */
  async waitFor(count: number, timeoutMs = 3000): Promise<RecordedRequest[]> {
    const until = Date.now() + timeoutMs;
    while (this.requests.length < count) {
      if (Date.now() > until) throw new Error(`Only ${this.requests.length} of ${count} requests reached the trigger.`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    return this.requests;
  }

  close(): Promise<void> {
    return closeServer(this.server);
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

export interface SandboxHarness {
  readonly sandbox: SlackSandbox;
  readonly trigger: TriggerRecorder;
  readonly db: Database.Database;
  /** The server with only the sandbox's routes. */
  readonly baseUrl: string;
  /** What WebClient's `slackApiUrl` should be. */
  readonly slackApiUrl: string;
  readonly logs: string[];
  client(options?: WebClientOptions & { token?: string }): WebClient;
  close(): Promise<void>;
}

export async function startSandbox(options: Partial<SlackSandboxOptions> & { db?: Database.Database; keepDb?: boolean } = {}): Promise<SandboxHarness> {
  const trigger = await TriggerRecorder.start();
  const db = options.db ?? new Database(':memory:');
  const logs: string[] = [];
  const sandbox = new SlackSandbox(db, { webTriggerUrl: () => trigger.url, log: (m) => logs.push(m), ...options });
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
  const baseUrl = await listen(server);
  return {
    sandbox,
    trigger,
    db,
    baseUrl,
    slackApiUrl: `${baseUrl}/slack/api/`,
    logs,
    client: ({ token, ...clientOptions } = {}) =>
      new WebClient(token ?? SANDBOX_WORKSPACE.botToken, { slackApiUrl: `${baseUrl}/slack/api/`, logger: quietLogger, retryConfig: { retries: 0 }, ...clientOptions }),
    async close() {
      await sandbox.whenIdle();
      await closeServer(server);
      await trigger.close();
      if (!options.keepDb) db.close();
    },
  };
}

/** WebClient logs Slack's `[ERROR]` response messages; the tests read them from the errors instead. */
const quietLogger: NonNullable<WebClientOptions['logger']> = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  setLevel: () => undefined,
  getLevel: () => LogLevel.ERROR,
  setName: () => undefined,
};

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

/** chat.postMessage with blocks as the app builds them (plain records, which WebClient's typed method does not take). */
export async function postAsBot(client: WebClient, args: Record<string, unknown>): Promise<ChatPostMessageResponse & { ts: string }> {
  const result = (await client.apiCall('chat.postMessage', args)) as ChatPostMessageResponse;
  if (!result.ts) throw new Error('chat.postMessage answered without a ts');
  return { ...result, ts: result.ts };
}

/** The headers Slack signs with, as one header each. */
export function signatureHeaders(request: RecordedRequest): { timestamp: string | undefined; signature: string | undefined } {
  const one = (name: string) => {
    const value = request.headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  return { timestamp: one('x-slack-request-timestamp'), signature: one('x-slack-signature') };
}
