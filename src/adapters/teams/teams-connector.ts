import { ChatDeliveryError, ChatRateLimitedError, ChatRecipientUnreachableError, ChatTransientError } from '../../domain/errors';
import { isRedirectRefusal, NO_REDIRECTS } from '../system/fetch-redirect';
import { clearableTimeout, withTimeout } from '../system/with-timeout';

export const MICROSOFT_LOGIN = 'https://login.microsoftonline.com';
const BOT_FRAMEWORK_SCOPE = 'https://api.botframework.com/.default';
/** A token is reused until this long before it expires. */
const REFRESH_MARGIN_MS = 5 * 60 * 1000;
/**
 * The roster look-up (for a ticket's requester e-mail) gets this long: it is a
 * nicety, and the ticket that waits for it has Jira calls still to make.
 */
export const MEMBER_TIMEOUT_MS = 4_000;
/**
 * Any other Bot Connector call gets this long: a connector that stalls must
 * not hold the function (Teams waits 15 s for the web trigger's answer) when
 * the message can be tried again.
 */
export const CALL_TIMEOUT_MS = 8_000;

export interface TeamsBotCredentials {
  readonly appId: string;
  readonly appPassword: string;
  /** The bot's home tenant: single-tenant bots get their tokens there. */
  readonly tenantId: string;
}

/** A `TeamsChannelAccount` from the roster, as far as the app reads it. */
export interface TeamsMember {
  readonly name?: string | undefined;
  readonly email?: string | undefined;
  readonly userPrincipalName?: string | undefined;
  /** The person's Microsoft Entra tenant, as Microsoft knows it: what proves a tenant binding (teams-receiver.ts). */
  readonly tenantId?: string | undefined;
}

interface CachedToken {
  readonly token: string;
  readonly expiresAt: number;
}

/**
 * Bot tokens, reused across the invocations of a warm function until shortly
 * before they expire: fetching one per message would double the calls.
 * Keyed by app and secret, so a changed secret gets a new token.
 */
const tokenCache = new Map<string, CachedToken>();

export interface ConnectorOptions {
  readonly loginUrl: string;
  readonly fetch: typeof globalThis.fetch;
  readonly now: () => number;
  /** How long the roster look-up may take; MEMBER_TIMEOUT_MS unless set. */
  readonly memberTimeoutMs?: number | undefined;
  /** How long any other call may take; CALL_TIMEOUT_MS unless set. */
  readonly callTimeoutMs?: number | undefined;
}

/** The Bot Connector REST API, with `fetch` and a client-credentials token. */
export class TeamsConnector {
  constructor(
    private readonly credentials: TeamsBotCredentials,
    private readonly options: ConnectorOptions,
  ) {}

  /** `fresh`: ask Microsoft even when a cached token is still good (Test connection checks the credentials now). */
  async token(options: { readonly fresh?: boolean } = {}): Promise<string> {
    const key = `${this.credentials.appId}:${this.credentials.appPassword}:${this.options.loginUrl}`;
    const cached = tokenCache.get(key);
    if (!options.fresh && cached && cached.expiresAt - REFRESH_MARGIN_MS > this.options.now()) return cached.token;
    let response: Response;
    try {
      response = await this.options.fetch(`${this.options.loginUrl.replace(/\/+$/, '')}/${encodeURIComponent(this.credentials.tenantId)}/oauth2/v2.0/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: this.credentials.appId,
          client_secret: this.credentials.appPassword,
          scope: BOT_FRAMEWORK_SCOPE,
        }).toString(),
        // The body carries the app's password: it goes to the login host and nowhere else.
        ...NO_REDIRECTS,
      });
    } catch (error) {
      if (isRedirectRefusal(error)) throw new ChatDeliveryError("Microsoft's sign-in answered with a redirect.", { cause: error });
      // Whatever happened to the token call, the activity itself was never sent.
      throw new ChatTransientError(`Microsoft's sign-in could not be reached (${networkCode(error) ?? 'no answer'}).`, false, { cause: error });
    }
    if (!response.ok) {
      const body = (await response.json().catch(() => ({}))) as { error?: string };
      const said = `${response.status}${typeof body.error === 'string' ? ` ${body.error.slice(0, 64)}` : ''}`;
      if (response.status === 429 || response.status >= 500) throw new ChatTransientError(`Microsoft could not issue the bot's token (${said}).`, false);
      // Nobody in the tenant can be written to with credentials Microsoft refuses.
      throw new ChatRecipientUnreachableError(
        `Microsoft refused the bot's credentials (${said}). Check the app id, client secret and tenant id in the Koji backoffice.`,
        `credentials ${said}`,
      );
    }
    const body = (await response.json()) as { access_token?: string; expires_in?: number };
    if (!body.access_token) throw new ChatDeliveryError('Microsoft answered without a token.');
    tokenCache.set(key, { token: body.access_token, expiresAt: this.options.now() + (body.expires_in ?? 3600) * 1000 });
    return body.access_token;
  }

  /** `POST {serviceUrl}v3/conversations/{id}/activities`. */
  async send(serviceUrl: string, conversationId: string, activity: Record<string, unknown>): Promise<string> {
    // Any 2xx means the activity was accepted: Microsoft's local test client answers 202 with no body. The id is a
    // nicety (kept to update a card later), read only when the body is JSON that carries one.
    return this.call(`${base(serviceUrl)}v3/conversations/${encodeURIComponent(conversationId)}/activities`, 'POST', activity, resourceId);
  }

  /** `PUT {serviceUrl}v3/conversations/{id}/activities/{activityId}`: replaces one of the bot's own activities (a used card). */
  async update(serviceUrl: string, conversationId: string, activityId: string, activity: Record<string, unknown>): Promise<void> {
    await this.call(
      `${base(serviceUrl)}v3/conversations/${encodeURIComponent(conversationId)}/activities/${encodeURIComponent(activityId)}`,
      'PUT',
      { ...activity, id: activityId },
      ignoreBody,
    );
  }

  /** `DELETE {serviceUrl}v3/conversations/{id}/activities/{activityId}`: removes one of the bot's own activities. */
  async delete(serviceUrl: string, conversationId: string, activityId: string): Promise<void> {
    await this.call(`${base(serviceUrl)}v3/conversations/${encodeURIComponent(conversationId)}/activities/${encodeURIComponent(activityId)}`, 'DELETE', undefined, ignoreBody);
  }

  /** Opens a 1:1 conversation with someone the bot knows; Teams answers 403 when they have not installed the app. */
  async openConversation(serviceUrl: string, input: { botId: string; userId: string; tenantId: string }): Promise<string> {
    const body = { bot: { id: input.botId }, members: [{ id: input.userId }], tenantId: input.tenantId, channelData: { tenant: { id: input.tenantId } }, isGroup: false };
    const id = await this.call(`${base(serviceUrl)}v3/conversations`, 'POST', body, async (response) => ((await response.json()) as { id?: string }).id);
    if (!id) throw new ChatDeliveryError('Teams opened no conversation.');
    return id;
  }

  /**
   * `GET {serviceUrl}v3/conversations/{id}/members/{userId}`: the person as the
   * roster knows them, with the e-mail and UPN activities never carry.
   */
  async member(serviceUrl: string, conversationId: string, userId: string): Promise<TeamsMember> {
    const timeoutMs = this.options.memberTimeoutMs ?? MEMBER_TIMEOUT_MS;
    const abort = new AbortController();
    return withTimeout(this.readMember(serviceUrl, conversationId, userId, abort.signal), timeoutMs, () => {
      abort.abort();
      return new ChatDeliveryError(`Teams did not say who the person is within ${timeoutMs / 1000} s.`);
    });
  }

  private async readMember(serviceUrl: string, conversationId: string, userId: string, signal: AbortSignal): Promise<TeamsMember> {
    const url = `${base(serviceUrl)}v3/conversations/${encodeURIComponent(conversationId)}/members/${encodeURIComponent(userId)}`;
    const account = await this.call(url, 'GET', undefined, async (response): Promise<unknown> => {
      try {
        return await response.json();
      } catch (error) {
        throw new ChatDeliveryError('Teams answered the roster look-up with something that is not JSON.', { cause: error });
      }
    }, signal);
    if (typeof account !== 'object' || account === null || Array.isArray(account)) {
      throw new ChatDeliveryError('Teams answered the roster look-up without a member.');
    }
    const fields = account as Record<string, unknown>;
    const text = (key: string): string | undefined => (typeof fields[key] === 'string' && fields[key] !== '' ? fields[key] : undefined);
    return { name: text('name'), email: text('email'), userPrincipalName: text('userPrincipalName'), tenantId: text('tenantId') };
  }

  /**
   * One Bot Connector call, its answer read by `read` within the same deadline (CALL_TIMEOUT_MS unless the
   * caller brings its own signal), which is cleared once the answer is read: `AbortSignal.timeout`'s timer
   * would fire long after every call and run the abort listeners the finished fetch left on it.
   */
  private async call<T>(url: string, method: string, body: unknown, read: (response: Response) => Promise<T>, signal?: AbortSignal): Promise<T> {
    const deadline = signal ? undefined : clearableTimeout(this.options.callTimeoutMs ?? CALL_TIMEOUT_MS);
    try {
      return await read(await this.answered(url, method, body, signal ?? deadline!.signal));
    } finally {
      deadline?.clear();
    }
  }

  private async answered(url: string, method: string, body: unknown, signal: AbortSignal): Promise<Response> {
    let response: Response;
    try {
      response = await this.options.fetch(url, {
        method,
        headers: { Authorization: `Bearer ${await this.token()}`, 'Content-Type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal,
        ...NO_REDIRECTS,
      });
    } catch (error) {
      if (error instanceof ChatDeliveryError) throw error;
      // The connector answered with a redirect, not with the call's answer: the activity was not taken.
      if (isRedirectRefusal(error)) throw new ChatDeliveryError('Teams answered with a redirect.', { cause: error });
      // A connection refused or a name that does not resolve never carried the activity; anything later may have.
      const code = networkCode(error);
      throw new ChatTransientError(`Teams could not be reached (${code ?? 'no answer'}).`, !NOT_SENT.has(code ?? ''), { cause: error });
    }
    if (response.ok) return response;
    throw await connectorFailure(response);
  }
}

/** For calls whose answer says nothing the app needs (an update or deletion that succeeded). */
const ignoreBody = (): Promise<void> => Promise.resolve();

/** The `ResourceResponse` id of a 2xx answer, or '' when the body is empty, not JSON or has no id. */
async function resourceId(response: Response): Promise<string> {
  try {
    const body = JSON.parse(await response.text()) as unknown;
    return typeof body === 'object' && body !== null && typeof (body as { id?: unknown }).id === 'string' ? (body as { id: string }).id : '';
  } catch {
    return '';
  }
}

/** Network failures that happen before the request leaves: the Bot Connector has certainly not seen it. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT', 'ENETUNREACH', 'EHOSTUNREACH']);

function networkCode(error: unknown): string | undefined {
  const e = error as { name?: unknown; code?: unknown; cause?: { code?: unknown } } | undefined;
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return 'timeout';
  const code = e?.code ?? e?.cause?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * What a Bot Connector error means for the message. 429: wait as told. 412
 * (Teams asks to retry a conflicting write) and 5xx: try again; `uncertain`
 * for 500, 502 and 504, which may come after Teams took the activity. 403 and 404
 * on the conversation: the person blocked or removed the app, or the
 * conversation is gone, and trying again will not change it. 401: the bot's
 * own token is refused, so nobody in the tenant can be reached.
 */
async function connectorFailure(response: Response): Promise<ChatDeliveryError> {
  const status = response.status;
  if (status === 429) return new ChatRateLimitedError(Number(response.headers.get('retry-after')) || 2);
  if (status === 412 || status >= 500) {
    // A 502 from a gateway, like a 500 or 504, can come after the Bot Connector posted; a 503 or 412 comes before.
    return new ChatTransientError(`Teams answered ${status}; worth another try.`, status === 500 || status === 502 || status === 504);
  }
  const code = await errorCode(response);
  const reason = code ? `${status} ${code}` : String(status);
  if (status === 403) {
    return new ChatRecipientUnreachableError(`Teams refused the message (${reason}): the person has not installed the Koji app, removed or blocked it.`, reason);
  }
  if (status === 404) return new ChatRecipientUnreachableError(`Teams no longer knows the person’s conversation with Koji (${reason}).`, reason);
  if (status === 401) return new ChatRecipientUnreachableError(`Teams refused the bot’s token (${reason}).`, reason);
  return new ChatDeliveryError(`Teams answered ${reason}.`);
}

/** The Bot Connector's `{ error: { code } }`, when its answer has one. */
async function errorCode(response: Response): Promise<string | undefined> {
  const body = (await response.json().catch(() => undefined)) as { error?: { code?: unknown } } | undefined;
  const code = body?.error?.code;
  return typeof code === 'string' && /^[A-Za-z0-9_.-]{1,64}$/.test(code) ? code : undefined;
}

/** Whether an unreachable person's `reason` is the tenant's bot (its credentials or token), not the person. */
export function isTeamsBotRefused(reason: string): boolean {
  return reason.startsWith('401') || reason.startsWith('credentials ');
}

function base(serviceUrl: string): string {
  return serviceUrl.endsWith('/') ? serviceUrl : `${serviceUrl}/`;
}

/** For tests: forget cached tokens. */
export function forgetTeamsTokens(): void {
  tokenCache.clear();
}
