import { slackSignature } from './signing';
import { SANDBOX_WORKSPACE } from './workspace';

export interface TriggerResponse {
  readonly status: number;
  readonly body: string;
}

/** The web trigger did not answer at all (the platform is down, the URL is wrong, it took too long). */
export class TriggerUnreachableError extends Error {
  constructor(url: string, options: { cause: unknown }) {
    const reason = options.cause instanceof Error ? ((options.cause.cause as Error | undefined)?.message ?? options.cause.message) : String(options.cause);
    super(`The web trigger at ${url} did not answer: ${reason}`, options);
    this.name = 'TriggerUnreachableError';
  }
}

/** Slack gives up on a Request URL after 3 s; the sandbox waits longer, as a slow local app is still worth seeing. */
const DELIVERY_TIMEOUT_MS = 15_000;

/**
 * POSTs a raw body to the web trigger the way Slack does: signed with the
 * sandbox's signing secret over `v0:{timestamp}:{raw body}`, timestamp from
 * the sandbox clock.
 */
export async function deliverToTrigger(url: string, rawBody: string, contentType: string, nowMs: number): Promise<TriggerResponse> {
  const timestamp = Math.floor(nowMs / 1000);
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': contentType,
        'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
        'x-slack-request-timestamp': String(timestamp),
        'x-slack-signature': slackSignature(rawBody, timestamp, SANDBOX_WORKSPACE.signingSecret),
      },
      body: rawBody,
      redirect: 'manual',
      signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
    });
    return { status: response.status, body: await response.text() };
  } catch (error) {
    throw new TriggerUnreachableError(url, { cause: error });
  }
}

/** Events arrive as JSON. */
export function deliverEvent(url: string, envelope: Record<string, unknown>, nowMs: number): Promise<TriggerResponse> {
  return deliverToTrigger(url, JSON.stringify(envelope), 'application/json', nowMs);
}

/** Interactivity arrives as a form with one field, `payload`, holding the JSON. */
export function deliverInteraction(url: string, payload: Record<string, unknown>, nowMs: number): Promise<TriggerResponse> {
  return deliverToTrigger(url, new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), 'application/x-www-form-urlencoded', nowMs);
}
