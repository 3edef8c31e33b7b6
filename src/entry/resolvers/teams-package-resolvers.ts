import { TenantConnectionError } from '../../adapters/chat/tenant-connection-error';
import { teamsAppPackage } from '../../adapters/teams/teams-app-package';
import { buildServices } from '../../composition';
import { forAdmins, stringField, type ResolverHandler } from './resolver-kit';

export const teamsPackageResolvers: Record<string, ResolverHandler> = {
  /** The Teams app package (zip, base64) an admin uploads to Teams for a connected tenant's bot. */
  'teams/package': forAdmins(async ({ projectId, payload }) => {
    const tenant = await buildServices().teamsTenants.ofProject(projectId, stringField(payload, 'tenantId'));
    if (!tenant) throw new TenantConnectionError('This Teams tenant is not connected to this project.');
    const { fileName, zipBase64 } = teamsAppPackage({ botAppId: tenant.appId });
    return { fileName, zipBase64 };
  }),
};
