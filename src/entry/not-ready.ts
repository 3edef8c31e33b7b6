import type { WebTriggerResponse } from '@forge/api';

/**
 * Placeholder answer for web triggers whose adapters are not wired yet.
 * 503 tells Slack / Bot Framework to retry later instead of treating the event as handled.
 */
export function notReadyResponse(channel: string): WebTriggerResponse {
  return {
    statusCode: 503,
    headers: { 'Content-Type': ['application/json'] },
    body: JSON.stringify({
      error: 'not_ready',
      message: `Koji Live Agent is installed, but the ${channel} connection is not set up yet.`,
    }),
  };
}
