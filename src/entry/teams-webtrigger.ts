import type { WebTriggerRequest, WebTriggerResponse } from '@forge/api';

/**
 * Forge web trigger `teams-activities`. The Microsoft Teams channel is not
 * built yet: Bot Framework is told so with a 503 (it retries later), and
 * nothing is read or changed.
 */
export function teamsWebtrigger(_request: WebTriggerRequest): Promise<WebTriggerResponse> {
  return Promise.resolve({
    statusCode: 503,
    headers: { 'Content-Type': ['application/json'] },
    body: JSON.stringify({ error: 'not_ready', message: 'Koji Live Agent does not connect to Microsoft Teams yet.' }),
  });
}
