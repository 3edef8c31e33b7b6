import { messageOf } from '../../domain/koji-error';
import type { WebTriggerRefusalCode } from '../../shared/resolver-contract';
import type { RawResponse } from './raw-request';

/** The HTTP status of each refusal: what is wrong with the request (400), who sent it (401), or whether Koji knows them (403). */
const STATUS: Readonly<Record<WebTriggerRefusalCode, number>> = {
  malformed_request: 400,
  malformed_activity: 400,
  invalid_signature: 401,
  invalid_token: 401,
  unknown_workspace: 403,
  unknown_tenant: 403,
  unknown_bot: 403,
};

/**
 * The web triggers' one mapping from a refused request to an HTTP answer: the status
 * for its code, and the code and reason in the body for whoever reads the platform's
 * delivery log. `headers`: what the platform reads on top (Slack's no-retry).
 */
export function refusal(code: WebTriggerRefusalCode, message: string, headers: Record<string, string[]> = {}): RawResponse {
  return {
    statusCode: STATUS[code],
    headers: { 'Content-Type': ['application/json'], ...headers },
    body: JSON.stringify({ error: code, message }),
  };
}

/**
 * A failure nothing settled (the core tells a person about expected ones and releases the
 * delivery on the rest): logged with its reason, answered 500 without it, so the platform
 * retries and the retry gets a fresh chance.
 */
export function failedUnexpectedly(log: { warn(event: string, fields?: Record<string, unknown>): void }, event: string, error: unknown): RawResponse {
  log.warn(event, { reason: messageOf(error) });
  return { statusCode: 500, headers: { 'Content-Type': ['application/json'] }, body: JSON.stringify({ error: 'internal_error' }) };
}
