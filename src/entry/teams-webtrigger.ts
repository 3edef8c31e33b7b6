import type { WebTriggerRequest, WebTriggerResponse } from '@forge/api';
import { failedUnexpectedly } from '../adapters/chat/web-trigger-answers';
import { receiveTeamsRequest } from '../adapters/teams/teams-receiver';
import { handleChatMessage } from '../app/conversation/handle-chat-message';
import { personLeft } from '../app/duty/person-left';
import { handleChatEdit } from '../app/edits/handle-chat-edit';
import { checkFileConsent } from '../adapters/teams/teams-file-consent';
import { botFrameworkKeys, buildServices, fileConsentDeps } from '../composition';

/**
 * Forge web trigger `teams-activities`: the Azure Bot's messaging endpoint.
 * Transport only: the receiver validates and narrows, the core decides.
 */
export async function teamsWebtrigger(request: WebTriggerRequest): Promise<WebTriggerResponse> {
  const services = buildServices({ trigger: 'teams' });
  try {
    return await receiveTeamsRequest(request, {
      tenant: (tenantId, appId) => services.teamsTenants.get(tenantId, appId),
      tenantConnected: (tenantId) => services.teamsTenants.anyIn(tenantId),
      confirm: (tenant) => services.teamsTenants.confirm(tenant, services.clock.now()),
      tenantOfSender: (tenant, where) => services.teamsGateways.tenantOfSender(tenant, where),
      keys: botFrameworkKeys(),
      references: services.teamsReferences,
      dispatch: async (message, tenant, sender) => {
        const known = buildServices({ trigger: 'teams' }, { teamsTenants: [tenant], teamsReferences: sender ? [sender] : [] });
        return handleChatMessage(known, message);
      },
      edit: (edit, tenant) => handleChatEdit(buildServices({ trigger: 'teams' }, { teamsTenants: [tenant] }), edit),
      markCardUsed: (tenant, card, note) => services.teamsGateways.markCardUsed(tenant, card, note),
      personLeft: (tenant, userId) =>
        personLeft(buildServices({ trigger: 'teams' }, { teamsTenants: [tenant] }), { channel: 'teams', tenantId: tenant.tenantId, userId }, tenant.projectId),
      // Checked here (no call out), carried out on the queue: Teams waits 15 s for the invoke's answer.
      fileConsent: async (answer) => {
        if (await checkFileConsent(fileConsentDeps(services), answer)) await services.workQueue.push({ kind: 'file-consent', ...answer }, `file-consent:${answer.id}`);
      },
      log: services.log,
      health: {
        refused: (tenantId, appId, reason) => services.tenantHealth.refused({ channel: 'teams', tenantId, appId }, reason),
        verified: (tenantId, appId) => services.tenantHealth.verified({ channel: 'teams', tenantId, appId }),
      },
    });
  } catch (error) {
    return failedUnexpectedly(services.log, 'teams_request_failed', error);
  }
}
