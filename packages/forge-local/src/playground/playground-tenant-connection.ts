import type { LocalApp } from '../local-app';
import { TEAMS_PLAYGROUND } from './playground-tenant';

/**
 * Connects the playground tenant to the project, through the backoffice's own
 * connect path, unless it is connected already: the Playground then works
 * with no admin step, as the one command promises. (Live agent support and
 * roles stay the admin's to set in the backoffice.)
 */
export async function ensurePlaygroundTenant(app: LocalApp, projectId: string, now: () => number): Promise<void> {
  if (await app.isTeamsTenantConnected(TEAMS_PLAYGROUND.tenantId, TEAMS_PLAYGROUND.appId)) return;
  const tenant = await app.connectTeamsTenant(
    projectId,
    {
      tenantId: TEAMS_PLAYGROUND.tenantId,
      name: TEAMS_PLAYGROUND.tenantName,
      appId: TEAMS_PLAYGROUND.appId,
      appPassword: TEAMS_PLAYGROUND.appPassword,
      botTenantId: TEAMS_PLAYGROUND.botTenantId,
    },
    now,
  );
  // A fixture of this machine: nothing to prove, and the Playground can't be asked who a sender is.
  await app.confirmTeamsTenant(TEAMS_PLAYGROUND.tenantId, TEAMS_PLAYGROUND.appId, now);
  console.error(`Connected the Microsoft Teams tenant ${tenant.name} (${tenant.tenantId}) for the Agents Playground.`);
}
