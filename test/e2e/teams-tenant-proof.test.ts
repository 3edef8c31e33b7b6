import { TEAMS_SANDBOX, type TeamsSandbox } from '../../packages/forge-local/src/teams';
import type { LocalPlatform } from '../../packages/forge-local/src/platform';
import { invokeAdminPageFor, localPlatformClient, startSandboxedPlatform, type AdminResult } from '../local/support/local-platform-client';

/**
 * A Teams tenant id is typed by an admin, so it proves nothing: a tenant is
 * bound to a project's bot only once an activity of that bot from that tenant
 * verifies (its Bot Framework token, audience the bot). Until then it waits, and
 * it blocks nobody: another project of the site connects the same tenant with
 * its own bot. A bot's app id is owned by whoever holds its client secret.
 */
let platform: LocalPlatform;
let teams: TeamsSandbox;

const { admin, settle } = localPlatformClient(() => platform);

/** Project A is the local project (its settings page); project B is another service project of the site, picked on Jira's admin page. */
const PROJECT_B = '10001';

const adminOfB = (functionKey: string, payload: Record<string, unknown> = {}): Promise<AdminResult> => invokeAdminPageFor(platform, PROJECT_B, functionKey, payload);

const { secondBot } = TEAMS_SANDBOX;
const connectA = { channel: 'teams', tenantId: TEAMS_SANDBOX.tenantId, name: 'Sandbox for A', appId: TEAMS_SANDBOX.appId, appPassword: TEAMS_SANDBOX.appPassword };
const connectB = { channel: 'teams', tenantId: TEAMS_SANDBOX.tenantId, name: 'Sandbox for B', appId: secondBot.appId, appPassword: secondBot.appPassword };

type Row = { tenantId: string; appId?: string; pending?: boolean; lastCheck?: { ok: boolean } };
const rows = (listed: AdminResult) => (listed.data?.['tenants'] as Row[] | undefined) ?? [];
const heardByVic = () => teams.conversation('vic').filter((m) => m.from === 'bot').length;

beforeEach(async () => {
  ({ platform, teams } = await startSandboxedPlatform());
  platform.jsm!.serviceDeskList.push({ id: '2', projectId: PROJECT_B, projectKey: 'ITS', projectName: 'IT Services' });
});
afterEach(() => platform.close());

describe('a Teams tenant is bound on proof, not on an admin’s word', () => {
  it('should show a newly connected tenant as waiting for its first message, then Working once an activity of its bot from it verifies', async () => {
    const connected = await admin('tenants/connect', connectA);
    expect(connected).toMatchObject({ ok: true, data: { tenant: { tenantId: TEAMS_SANDBOX.tenantId, pending: true } } });
    expect(rows(await admin('tenants/list'))).toEqual([expect.objectContaining({ tenantId: TEAMS_SANDBOX.tenantId, appId: TEAMS_SANDBOX.appId, pending: true })]);

    expect((await teams.install('vic')).installationUpdate.status).toBe(200);
    await settle();

    const [row] = rows(await admin('tenants/list'));
    expect(row).toMatchObject({ tenantId: TEAMS_SANDBOX.tenantId, lastCheck: { ok: true } });
    expect(row).not.toHaveProperty('pending');
  });

  it('should never confirm a waiting tenant on an activity whose token does not verify', async () => {
    expect(await admin('tenants/connect', connectA)).toMatchObject({ ok: true });

    for (const token of ['unknown-key', 'expired', 'wrong-issuer', 'not-endorsed', 'serviceurl-mismatch', 'wrong-audience', 'none'] as const) {
      expect((await teams.deliver(teams.activityFor('vic', { kind: 'install' }), { token })).status).toBe(401);
    }
    // Signed for the tenant's other bot: a valid token, but not one for this bot.
    expect((await teams.deliver(teams.activityFor('vic', { kind: 'install' }), { bot: secondBot })).status).toBe(403);
    await settle();

    expect(rows(await admin('tenants/list'))).toEqual([expect.objectContaining({ pending: true })]);
  });

  it('should let another project connect the same tenant with its own bot, even after it typed the tenant first, and serve each bot’s traffic', async () => {
    expect(await adminOfB('settings/update', { change: { enabled: true } })).toMatchObject({ ok: true });
    expect(await admin('settings/update', { change: { enabled: true } })).toMatchObject({ ok: true });
    // B types A's tenant first, with B's own bot: it waits, and squats nothing.
    expect(await adminOfB('tenants/connect', connectB)).toMatchObject({ ok: true, data: { tenant: { pending: true } } });
    expect(await admin('tenants/connect', connectA)).toMatchObject({ ok: true, data: { tenant: { appId: TEAMS_SANDBOX.appId, pending: true } } });

    // Vic uses A's bot: A's binding is proven, B's still waits.
    await teams.install('vic');
    await settle();
    expect(rows(await admin('tenants/list'))).toEqual([expect.not.objectContaining({ pending: true })]);
    expect(rows(await adminOfB('tenants/list'))).toEqual([expect.objectContaining({ appId: secondBot.appId, pending: true })]);
    const before = heardByVic();
    expect((await teams.sendAs('vic', 'operator')).status).toBe(200);
    await settle();
    expect(heardByVic()).toBeGreaterThan(before);

    // Vic writes to B's bot in the same tenant: B's traffic flows, answered through B's bot.
    teams.clearApiCalls();
    const toB = await teams.deliver(teams.activityFor('vic', 'operator'), { bot: secondBot });
    expect(toB.status).toBe(200);
    await settle();
    expect(teams.apiCalls.filter((c) => c.operation !== 'unknown' && c.status < 300).map((c) => c.appId)).toContain(secondBot.appId);
    expect(rows(await adminOfB('tenants/list'))).toEqual([expect.not.objectContaining({ pending: true })]);
    expect(rows(await admin('tenants/list'))).toEqual([expect.objectContaining({ appId: TEAMS_SANDBOX.appId })]);
  });

  it('should refuse a project that types the tenant with another project’s bot without its secret, and keep that bot’s traffic flowing', async () => {
    expect(await admin('settings/update', { change: { enabled: true } })).toMatchObject({ ok: true });
    expect(await admin('tenants/connect', connectA)).toMatchObject({ ok: true });
    await teams.install('vic');
    await settle();

    const squat = await adminOfB('tenants/connect', { ...connectA, appPassword: 'sbx8Q~a-guess-at-the-secret-of-A' });
    expect(squat.ok).toBe(false);
    expect(squat.error?.message).toContain("Microsoft refused the bot's credentials");
    // Whoever holds the secret owns the bot; still, a bot another project serves is freed there first.
    const withSecret = await adminOfB('tenants/connect', connectA);
    expect(withSecret).toMatchObject({ ok: false, error: { message: expect.stringContaining('another project') } });

    expect(rows(await adminOfB('tenants/list'))).toEqual([]);
    expect(rows(await admin('tenants/list'))).toEqual([expect.not.objectContaining({ pending: true })]);
    const before = heardByVic();
    expect((await teams.sendAs('vic', 'operator')).status).toBe(200);
    await settle();
    expect(heardByVic()).toBeGreaterThan(before);
  });
});
