import { ErrorCode, type WebAPICallError } from '@slack/web-api';
import { ChatDeliveryError, ChatRateLimitedError, ChatRecipientUnreachableError, ChatTransientError } from '../../domain/errors';

/**
 * Slack's answers that mean this person can't be reached by the bot, however
 * often it tries: they were deactivated, the DM is gone or archived, the bot
 * was removed from it. (`account_inactive` is also what a deleted workspace or
 * bot user gives: then everyone in it is unreachable, which is what it says.)
 */
const PERSON_UNREACHABLE = new Set([
  'account_inactive',
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'user_disabled',
  'user_not_found',
  'users_not_found',
  'cannot_dm_bot',
  'messages_tab_disabled',
]);

/**
 * Slack's answers that mean the workspace's bot token itself is refused: no
 * one in the workspace can be reached until an admin connects it again. The
 * person is unreachable as much as for the reasons above, and the workspace's
 * status says why (see isSlackTokenRefused).
 */
const TOKEN_REFUSED = new Set(['invalid_auth', 'not_authed', 'token_revoked', 'token_expired', 'no_permission', 'missing_scope', 'team_access_not_granted', 'ekm_access_denied']);

/** Whether an unreachable person's `reason` is the workspace's token, not the person. */
export function isSlackTokenRefused(reason: string): boolean {
  return TOKEN_REFUSED.has(reason);
}

/** Network failures that happen before the request leaves: Slack has certainly not seen the message. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT', 'ENETUNREACH', 'EHOSTUNREACH']);

/**
 * What a failed Web API call means for the message: wait and send it again
 * (429), try again soon (5xx, timeout, reset: `uncertain` when Slack may have
 * posted it before the failure), give up on this person (see
 * PERSON_UNREACHABLE, TOKEN_REFUSED), or a plain failure for anything else
 * (a redirect among them).
 */
export function deliveryError(error: unknown, what: string): ChatDeliveryError {
  const e = error as Partial<WebAPICallError> & { retryAfter?: number; data?: { error?: string }; statusCode?: number; original?: unknown };
  switch (e.code) {
    case ErrorCode.RateLimitedError:
      return new ChatRateLimitedError(e.retryAfter ?? 1, { cause: error });
    case ErrorCode.PlatformError: {
      const reason = e.data?.error ?? 'unknown error';
      if (PERSON_UNREACHABLE.has(reason) || TOKEN_REFUSED.has(reason)) {
        return new ChatRecipientUnreachableError(`${what}: ${reason}.`, reason, { cause: error });
      }
      return new ChatDeliveryError(`${what}: ${reason}.`, { cause: error });
    }
    case ErrorCode.HTTPError: {
      const status = e.statusCode ?? 0;
      // 502 and 503 come from Slack's edge before the API ran; a 500 or 504 may come after it posted.
      if (status >= 500) return new ChatTransientError(`${what}: Slack answered ${status}.`, status !== 502 && status !== 503, { cause: error });
      return new ChatDeliveryError(`${what}: Slack answered ${status}.`, { cause: error });
    }
    case ErrorCode.RequestError: {
      const code = networkCode(e.original);
      // Slack answered, with a redirect instead of the call's answer: it did not post, and asking again changes nothing.
      if (code === 'redirect') return new ChatDeliveryError(`${what}: Slack answered with a redirect.`, { cause: error });
      const sent = code === undefined || !NOT_SENT.has(code);
      return new ChatTransientError(`${what}: Slack could not be reached (${code ?? 'no answer'}).`, sent, { cause: error });
    }
    default:
      return new ChatDeliveryError(`${what}: ${e.message ?? String(error)}.`, { cause: error });
  }
}

/** The code fetchKeepingCause put on a network failure. */
function networkCode(original: unknown): string | undefined {
  const code = (original as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}
