import { SANDBOX_WORKSPACE } from '../../../packages/forge-local/src/slack';
import { TEAMS_SANDBOX } from '../../../packages/forge-local/src/teams';
import { localPlatformClient, startSandboxedPlatform, type SandboxedPlatform } from '../../local/support/local-platform-client';

/**
 * The desk most end-to-end specs start from, set up the way an admin would through the backoffice's resolvers:
 * live agent support on with `settings`, the Slack sandbox workspace and the Teams sandbox tenant connected, the
 * Teams people in `teamsPeople` with the app installed, and the Live agent role for Alice (Slack) and Tom (Teams).
 * Nobody is on duty yet.
 */
export async function openTwoChannelDesk(settings: Record<string, unknown>, teamsPeople: readonly string[] = ['tom', 'vic']): Promise<SandboxedPlatform> {
  const desk = await startSandboxedPlatform();
  const { admin, settle } = localPlatformClient(() => desk.platform);
  const saved = await admin('settings/update', { change: { enabled: true, ...settings } });
  if (!saved.ok) throw new Error(`Arrange failed: the settings were refused: ${JSON.stringify(saved.error)}`);
  await admin('tenants/connect', { channel: 'teams', tenantId: TEAMS_SANDBOX.tenantId, name: 'Koji Sandbox (Teams)', appId: TEAMS_SANDBOX.appId, appPassword: TEAMS_SANDBOX.appPassword });
  await admin('tenants/connect', { channel: 'slack', botToken: SANDBOX_WORKSPACE.botToken, signingSecret: SANDBOX_WORKSPACE.signingSecret });
  for (const person of teamsPeople) await desk.teams.install(person);
  await settle();
  await admin('roles/grant', { channel: 'teams', tenantId: TEAMS_SANDBOX.tenantId, userId: teamsPersonId('tom') });
  await admin('roles/grant', { channel: 'slack', tenantId: SANDBOX_WORKSPACE.teamId, userId: 'UALICE' });
  await settle();
  return desk;
}

/** A Teams sandbox person's Teams id, by their key (`tom`). */
export function teamsPersonId(key: string): string {
  const person = TEAMS_SANDBOX.people.find((p) => p.key === key);
  if (!person) throw new Error(`No Teams sandbox person ${key}`);
  return person.id;
}
