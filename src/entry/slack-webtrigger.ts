import type { WebTriggerRequest, WebTriggerResponse } from '@forge/api';

import { notReadyResponse } from './not-ready';

/** Forge web trigger `slack-events` (placeholder until the Slack adapter is connected). */
export function slackWebtrigger(_request: WebTriggerRequest): Promise<WebTriggerResponse> {
  return Promise.resolve(notReadyResponse('Slack'));
}
