import {
  ErrorCode,
  type ChatDeleteArguments,
  type ChatDeleteResponse,
  type ChatPostMessageArguments,
  type ChatPostMessageResponse,
  type ChatUpdateArguments,
  type ChatUpdateResponse,
} from '@slack/web-api';
import { fetchKeepingCause } from './slack-fetch';
import { NO_REDIRECTS } from '../system/fetch-redirect';
import { clearableTimeout } from '../system/with-timeout';

/** The Web API methods that change what a person sees (post, update, delete): a WebClient has them, and so has SlackPoster. */
export interface SlackPostClient {
  readonly chat: {
    postMessage(args: ChatPostMessageArguments): Promise<ChatPostMessageResponse>;
    update(args: ChatUpdateArguments): Promise<ChatUpdateResponse>;
    delete(args: ChatDeleteArguments): Promise<ChatDeleteResponse>;
  };
}

const SLACK_WEB_API = 'https://slack.com/api/';

/**
 * chat.postMessage, chat.update and chat.delete as one fetch each, JSON in and out. Posting
 * never retries inside the client (a 5xx may come after Slack posted: only the
 * backlog's metadata check can tell) and a 429 is handed back at once, so the
 * WebClient's request queue, retry loop and argument redaction did nothing for
 * a post but cost about a fifth of a relay's CPU. Failures carry the WebClient's
 * error codes and fields, so deliveryError reads both alike.
 */
export class SlackPoster implements SlackPostClient {
  readonly chat = {
    postMessage: (args: ChatPostMessageArguments) => this.call<ChatPostMessageResponse>('chat.postMessage', args),
    update: (args: ChatUpdateArguments) => this.call<ChatUpdateResponse>('chat.update', args),
    delete: (args: ChatDeleteArguments) => this.call<ChatDeleteResponse>('chat.delete', args),
  };

  private readonly headers: Record<string, string>;

  constructor(
    botToken: string,
    private readonly timeoutMs: number,
    private readonly apiUrl: string = SLACK_WEB_API,
  ) {
    this.headers = { authorization: `Bearer ${botToken}`, 'content-type': 'application/json; charset=utf-8' };
  }

  private async call<T>(method: string, args: object): Promise<T> {
    // The deadline covers the answer's body too, and is cleared once it is read.
    const deadline = clearableTimeout(this.timeoutMs);
    try {
      return await this.callWithin<T>(method, args, deadline.signal);
    } finally {
      deadline.clear();
    }
  }

  private async callWithin<T>(method: string, args: object, signal: AbortSignal): Promise<T> {
    let response: Response;
    try {
      response = await fetchKeepingCause(`${this.apiUrl}${method}`, { method: 'POST', headers: this.headers, body: JSON.stringify(args), signal, ...NO_REDIRECTS });
    } catch (error) {
      throw slackCallError(ErrorCode.RequestError, `A request error occurred: ${(error as Error).message}`, { original: error });
    }
    if (response.status === 429) {
      await response.body?.cancel();
      const retryAfter = Number.parseInt(response.headers.get('retry-after') ?? '', 10);
      throw slackCallError(ErrorCode.RateLimitedError, `Slack rate-limited ${method}`, { retryAfter: Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter : 1 });
    }
    if (response.status !== 200) {
      await response.body?.cancel();
      throw slackCallError(ErrorCode.HTTPError, `An HTTP protocol error occurred: statusCode = ${response.status}`, { statusCode: response.status });
    }
    const body = await readJson(response);
    if (body?.['ok'] !== true) {
      const reason = typeof body?.['error'] === 'string' ? body['error'] : 'invalid_response';
      throw slackCallError(ErrorCode.PlatformError, `An API error occurred: ${reason}`, { data: { ...body, ok: false, error: reason } });
    }
    return body as T;
  }
}

async function readJson(response: Response): Promise<Record<string, unknown> | undefined> {
  try {
    const body = (await response.json());
    return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined;
  } catch (error) {
    // A body cut off mid-read is a network failure: Slack may have posted.
    if ((error as { name?: unknown }).name !== 'SyntaxError') throw slackCallError(ErrorCode.RequestError, `A request error occurred: ${(error as Error).message}`, { original: error });
    return undefined;
  }
}

function slackCallError(code: ErrorCode, message: string, fields: Record<string, unknown>): Error {
  return Object.assign(new Error(message), { code, ...fields });
}
