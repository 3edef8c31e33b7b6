import { putOffDuty } from '../../app/duty/set-duty-status';
import { loadSettings } from '../../app/settings/project-settings';
import { buildServices } from '../../composition';
import { auditAdminAction } from './audit-trail';
import { forAdmins, stringField, type ResolverHandler } from './resolver-kit';
import { USER_ID } from './role-resolvers';
import { tenantOf } from './tenant-resolvers';

export const dutyResolvers: Record<string, ResolverHandler> = {
  /**
   * The Overview's Put off duty. Every field is checked before anything is read; the operator is
   * looked up in this project only, so an admin cannot reach another project's operators. Their
   * tenant need not still be connected: putting someone off duty must always be possible.
   */
  'duty/put-off': forAdmins(async ({ projectId, payload, accountId }) => {
    const { channel, tenantId } = tenantOf(payload);
    const userId = stringField(payload, 'userId', USER_ID);
    const services = buildServices({ projectId });
    const result = await putOffDuty(services, { channel, tenantId, userId }, projectId, await loadSettings(services, projectId));
    if (result === 'put-off-duty') {
      // Their record stays (off duty): read once more for the name the audit log shows.
      const name = (await services.state.getOperator({ channel, tenantId, userId }))?.value.displayName ?? userId;
      await auditAdminAction({ projectId, accountId }, { kind: 'put-off-duty', subject: { channel, tenantId, userId, name } });
    }
    return { result };
  }),
};
