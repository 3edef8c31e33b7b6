import type { WebTriggerRequest, WebTriggerResponse } from '@forge/api';
import { failedUnexpectedly } from '../adapters/chat/web-trigger-answers';
import { receiveSlackRequest } from '../adapters/slack/slack-receiver';
import { handleChatMessage } from '../app/conversation/handle-chat-message';
import { handleChatEdit } from '../app/edits/handle-chat-edit';
import { buildServices } from '../composition';

/**
 * Forge web trigger `slack-events`: Slack's Events API and interactivity.
 * Transport only: the receiver verifies and narrows, the core decides.
 *
 * Everything runs inline, #create_ticket included: handed to the queue, a
 * ticket job could start after the operator's next `stop` and find no
 * conversation. When Jira is slow past Slack's three seconds, Slack retries
 * and the delivery log answers the retry as a duplicate.
 */
export async function slackWebtrigger(request: WebTriggerRequest): Promise<WebTriggerResponse> {
  const services = buildServices({ trigger: 'slack' });
  try {
    return await receiveSlackRequest(request, {
      now: () => services.clock.now(),
      workspace: (teamId) => services.slackWorkspaces.get(teamId),
      readAhead: services.readAhead,
      dispatch: async (message, workspace) => {
        services.slackGateways.know(workspace);
        return handleChatMessage(services, message);
      },
      edit: async (edit, workspace) => {
        services.slackGateways.know(workspace);
        return handleChatEdit(services, edit);
      },
      markCardUsed: (workspace, card, note) => services.slackGateways.markCardUsed(workspace.teamId, card, note),
      log: services.log,
      health: {
        refused: (teamId, reason) => services.tenantHealth.refused({ channel: 'slack', tenantId: teamId }, reason),
        verified: (teamId) => services.tenantHealth.verified({ channel: 'slack', tenantId: teamId }),
      },
    });
  } catch (error) {
    // The core released its claim on the delivery: a 500 makes Slack retry, and the retry gets a fresh chance.
    return failedUnexpectedly(services.log, 'slack_request_failed', error);
  }
}
