import { TEAMS_SANDBOX, type TeamsSandbox } from '../../packages/forge-local/src/teams';
import type { LocalPlatform } from '../../packages/forge-local/src/platform';
import { invokeAdminPageFor, localPlatformClient, startSandboxedPlatform, type AdminResult } from '../local/support/local-platform-client';

/**
 * Role setup belongs to the project whose tenant it is. Another project of the
 * site that connects the same Teams tenant with its own bot sees and changes
 * only its own role holders, and nothing at all until its bot's first
 * activity from the tenant confirmed the connection.
 */
let platform: LocalPlatform;
let teams: TeamsSandbox;
const { admin, settle } = localPlatformClient(() => platform);
const PROJECT_B = '10001';

const adminOfB = (functionKey: string, payload: Record<string, unknown> = {}): Promise<AdminResult> => invokeAdminPageFor(platform, PROJECT_B, functionKey, payload);

const { secondBot } = TEAMS_SANDBOX;
const tom = () => TEAMS_SANDBOX.people.find((p) => p.key === 'tom')!.id;
const tenant = { channel: 'teams', tenantId: TEAMS_SANDBOX.tenantId };

beforeEach(async () => {
  ({ platform, teams } = await startSandboxedPlatform());
  platform.jsm!.serviceDeskList.push({ id: '2', projectId: PROJECT_B, projectKey: 'ITS', projectName: 'IT Services' });
  await admin('settings/update', { change: { enabled: true } });
  await admin('tenants/connect', { channel: 'teams', tenantId: TEAMS_SANDBOX.tenantId, name: 'Sandbox for A', appId: TEAMS_SANDBOX.appId, appPassword: TEAMS_SANDBOX.appPassword });
  await teams.install('tom');
  await settle();
  expect(await admin('roles/grant', { ...tenant, userId: tom() })).toMatchObject({ ok: true, data: { result: 'granted' } });
  expect(await adminOfB('tenants/connect', { channel: 'teams', tenantId: TEAMS_SANDBOX.tenantId, name: 'Sandbox for B', appId: secondBot.appId, appPassword: secondBot.appPassword })).toMatchObject({ ok: true });
});
afterEach(() => platform.close());

const holdsRole = async () => ((await admin('tenant-users/list', tenant)).data?.['users'] as Array<{ userId: string; role: string }>).find((u) => u.userId === tom())?.role;

describe('role setup across projects that share a Teams tenant', () => {
  it('should refuse role setup to a project whose connection is still waiting for its first message', async () => {
    const listed = await adminOfB('tenant-users/list', tenant);
    const revoked = await adminOfB('roles/revoke', { ...tenant, userId: tom() });

    expect(listed).toMatchObject({ ok: false, error: { message: expect.stringContaining('waiting for its first message') } });
    expect(revoked).toMatchObject({ ok: false });
    expect(await holdsRole()).toBe('live-agent');
  });

  it('should show another project none of this project’s role holders, and let it take none of their roles away', async () => {
    // B's bot hears from the tenant: B's connection is confirmed.
    expect((await teams.deliver(teams.activityFor('vic', { kind: 'install' }), { bot: secondBot })).status).toBe(200);
    await settle();

    const listed = await adminOfB('tenant-users/list', tenant);
    const revoked = await adminOfB('roles/revoke', { ...tenant, userId: tom() });

    expect(listed).toMatchObject({ ok: true });
    expect(JSON.stringify(listed.data)).not.toContain('Tom Operator');
    expect(revoked).toMatchObject({ ok: true, data: { result: 'not-granted' } });
    expect(await holdsRole()).toBe('live-agent');
  });
});
