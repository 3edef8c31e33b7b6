import type { IncomingMessage, ServerResponse } from 'node:http';
import { completeUpload, conversationHistory, getUploadUrl, openConversation, postMessage, updateMessage, deleteMessage, type ChatEffect, type MethodOutcome } from './chat-methods';
import type { SandboxFileStore } from './file-store';
import type { ConversationStore } from './conversation-store';
import { FaultPlan, stall } from '../faults';
import { headerValue, readBody, sendJson } from './http-io';
import { usersInfo, usersList } from './users-methods';
import { SANDBOX_WORKSPACE } from './workspace';

/** The scopes the sandbox's Koji app was installed with: those of the manifest the backoffice generates. */
export const SANDBOX_BOT_SCOPES = ['chat:write', 'chat:write.customize', 'im:history', 'im:write', 'app_mentions:read', 'users:read', 'users:read.email', 'files:read', 'files:write'];

/** The scope each method needs, as Slack checks it: a token without it gets `missing_scope`. */
const NEEDED_SCOPE: Readonly<Record<string, string>> = {
  'chat.postMessage': 'chat:write',
  'chat.update': 'chat:write',
  'conversations.open': 'im:write',
  'conversations.history': 'im:history',
  'users.info': 'users:read',
  'users.list': 'users:read',
  'files.getUploadURLExternal': 'files:write',
  'files.completeUploadExternal': 'files:write',
};

/** One call the fake Web API received, for tests: form fields as sent (objects arrive JSON-encoded), no token. */
export interface SlackApiCall {
  readonly method: string;
  readonly args: Readonly<Record<string, string>>;
  /** HTTP status answered: 200, 429 when rate limited, an injected 5xx, or 0 when the connection was reset. */
  readonly status: number;
  readonly ok: boolean;
  readonly error?: string | undefined;
}

type Method = (args: Readonly<Record<string, string>>) => MethodOutcome;

/**
 * Slack's Web API as `@slack/web-api`'s WebClient reaches it: `POST
 * {slackApiUrl}{method}` with a form body (a JSON body and GET query are read
 * too), the bot token as `Authorization: Bearer`, and answers that are HTTP 200
 * with `ok` true or false, except 429 with `Retry-After` when rate limited.
 */
export class FakeSlackWebApi {
  readonly calls: SlackApiCall[] = [];
  private readonly failures = new Map<string, string[]>();
  private readonly methods: Record<string, Method>;
  /** When set, users.list answers at most this many members a page. */
  usersListPageCap: number | undefined;
  /** What the bot token was granted, as Slack reports it on every answer (`x-oauth-scopes`); a spec may take some away. */
  grantedScopes: string[] = [...SANDBOX_BOT_SCOPES];
  /** Members users.info and users.list now report as deactivated. */
  readonly deactivated = new Set<string>();

  constructor(
    store: ConversationStore,
    private readonly onEffect: (effect: ChatEffect) => void,
    private readonly faults: FaultPlan = new FaultPlan(),
    files?: SandboxFileStore,
  ) {
    this.methods = {
      'api.test': (args) => ({ body: { ok: true, args } }),
      'auth.test': () => ({
        body: {
          ok: true,
          url: SANDBOX_WORKSPACE.url,
          team: SANDBOX_WORKSPACE.teamName,
          user: SANDBOX_WORKSPACE.botName,
          team_id: SANDBOX_WORKSPACE.teamId,
          user_id: SANDBOX_WORKSPACE.botUserId,
          bot_id: SANDBOX_WORKSPACE.botId,
          is_enterprise_install: false,
        },
      }),
      'chat.postMessage': (args) => postMessage(store, args),
      'chat.update': (args) => updateMessage(store, args),
      'chat.delete': (args) => deleteMessage(store, args),
      'conversations.open': (args) => openConversation(args),
      'conversations.history': (args) => conversationHistory(store, args),
      'users.info': (args) => ({ body: usersInfo(args, { deactivated: this.deactivated }) }),
      'users.list': (args) => ({ body: usersList(args, { pageCap: this.usersListPageCap, deactivated: this.deactivated }) }),
      ...(files
        ? {
            'files.getUploadURLExternal': (args: Readonly<Record<string, string>>) => getUploadUrl(files, args),
            'files.completeUploadExternal': (args: Readonly<Record<string, string>>) => completeUpload(store, files, args),
          }
        : {}),
    };
  }

  /** The next `times` calls of `method` answer HTTP 429 with `Retry-After: retryAfterSeconds`. */
  rateLimitNext(method: string, times: number, retryAfterSeconds: number): void {
    this.faults.add('slack', method, { status: 429, retryAfterSeconds }, times);
  }

  /** The next call of `method` answers `{ok: false, error}` (queue several by calling again). */
  failNext(method: string, error: string): void {
    const queued = this.failures.get(method) ?? [];
    queued.push(error);
    this.failures.set(method, queued);
  }

  async handle(req: IncomingMessage, res: ServerResponse, method: string, query: URLSearchParams): Promise<void> {
    const raw = await readBody(req);
    if (raw === undefined) return sendJson(res, 413, { ok: false, error: 'request_too_large' });
    const { args, token: bodyToken } = readArgs(raw, headerValue(req, 'content-type'), query);
    const answer = (status: number, body: Record<string, unknown>, headers: Record<string, string> = {}) => {
      const error = typeof body['error'] === 'string' ? body['error'] : undefined;
      this.calls.push({ method, args, status, ok: body['ok'] === true, ...(error ? { error } : {}) });
      sendJson(res, status, body, { 'x-oauth-scopes': this.grantedScopes.join(','), ...headers });
    };

    const handler = Object.hasOwn(this.methods, method) ? this.methods[method] : undefined;
    if (!handler) return answer(200, { ok: false, error: 'unknown_method', req_method: method });
    const token = bearer(headerValue(req, 'authorization')) ?? bodyToken;
    if (!token) return answer(200, { ok: false, error: 'not_authed' });
    if (token !== SANDBOX_WORKSPACE.botToken) return answer(200, { ok: false, error: 'invalid_auth' });

    const needed = NEEDED_SCOPE[method];
    if (needed && !this.grantedScopes.includes(needed)) return answer(200, { ok: false, error: 'missing_scope', needed, provided: this.grantedScopes.join(',') });

    const fault = this.faults.take('slack', method);
    if (fault && 'status' in fault) {
      if (fault.status === 429) {
        return answer(429, { ok: false, error: 'ratelimited' }, fault.retryAfterSeconds !== undefined ? { 'retry-after': String(fault.retryAfterSeconds) } : {});
      }
      return answer(fault.status, { ok: false, error: 'internal_error' });
    }
    if (fault && 'reset' in fault) return this.reset(req, method, args, fault.afterEffect === true ? handler : undefined);
    if (fault && 'stallMs' in fault) await stall(fault.stallMs);
    const failure = this.failures.get(method)?.shift();
    if (failure !== undefined) return answer(200, { ok: false, error: failure });

    const outcome = handler(args);
    answer(200, outcome.body);
    // Slack tells the app about its own post after answering the call.
    if (outcome.effect) this.onEffect(outcome.effect);
  }

  /**
   * Drops the connection without an answer. With `effect` the method runs first: the message is
   * posted (and echoed, as Slack would) though the caller never hears so.
   */
  private reset(req: IncomingMessage, method: string, args: Readonly<Record<string, string>>, effect: Method | undefined): void {
    const outcome = effect?.(args);
    this.calls.push({ method, args, status: 0, ok: false, error: 'connection_reset' });
    req.socket.destroy();
    if (outcome?.effect) this.onEffect(outcome.effect);
  }
}

/** Form fields (WebClient's way), a JSON body, or the query string, as strings; the token taken out. */
function readArgs(raw: string, contentType: string | undefined, query: URLSearchParams): { args: Record<string, string>; token: string | undefined } {
  const args: Record<string, string> = Object.fromEntries(query);
  if (contentType?.includes('application/json')) {
    try {
      const body = JSON.parse(raw) as unknown;
      if (typeof body === 'object' && body !== null && !Array.isArray(body)) {
        for (const [key, value] of Object.entries(body)) {
          if (value !== undefined && value !== null) args[key] = typeof value === 'object' ? JSON.stringify(value) : String(value);
        }
      }
    } catch {
      // Slack ignores a body it cannot read; the method then says what it misses.
    }
  } else {
    for (const [key, value] of new URLSearchParams(raw)) args[key] = value;
  }
  const token = args['token'];
  delete args['token'];
  return { args, token };
}

function bearer(authorization: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  return match?.[1];
}
