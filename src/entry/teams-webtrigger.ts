import type { WebTriggerRequest, WebTriggerResponse } from '@forge/api';

import { notReadyResponse } from './not-ready';

/** Forge web trigger `teams-activities` (placeholder until the Teams adapter is connected). */
export function teamsWebtrigger(_request: WebTriggerRequest): Promise<WebTriggerResponse> {
  return Promise.resolve(notReadyResponse('Microsoft Teams'));
}
