import { TEAMS_SANDBOX, type TeamsSandbox } from '../../packages/forge-local/src/teams';
import type { LocalPlatform } from '../../packages/forge-local/src/platform';
import { invokeAdminPageFor, localPlatformClient, startSandboxedPlatform, type AdminResult } from '../local/support/local-platform-client';

/**
 * Two projects of a site may each run their own bot in one Teams tenant, and
 * whoever runs a bot can have it deliver any activity they like, verified for
 * that bot. Such an activity must never act in the other project, nor take
 * that project's people's conversations over; and a tenant id it names proves
 * nothing until Microsoft says the sender is in that tenant.
 */
let platform: LocalPlatform;
let teams: TeamsSandbox;

const { admin, settle } = localPlatformClient(() => platform);

/** Project A is the local project; project B is another service project of the site. */
const PROJECT_B = '10001';

const adminOfB = (functionKey: string, payload: Record<string, unknown> = {}): Promise<AdminResult> => invokeAdminPageFor(platform, PROJECT_B, functionKey, payload);

const { secondBot } = TEAMS_SANDBOX;
const personId = (key: string) => TEAMS_SANDBOX.people.find((p) => p.key === key)!.id;
const connectA = { channel: 'teams', tenantId: TEAMS_SANDBOX.tenantId, name: 'Sandbox for A', appId: TEAMS_SANDBOX.appId, appPassword: TEAMS_SANDBOX.appPassword };
const connectB = { channel: 'teams', tenantId: TEAMS_SANDBOX.tenantId, name: 'Sandbox for B', appId: secondBot.appId, appPassword: secondBot.appPassword };
type Row = { tenantId: string; appId?: string; pending?: boolean };
const rows = (listed: AdminResult) => (listed.data?.['tenants'] as Row[] | undefined) ?? [];
const texts = (key: string) => teams.conversation(key).map((m) => m.text ?? JSON.stringify(m.attachments ?? []));

beforeEach(async () => {
  ({ platform, teams } = await startSandboxedPlatform());
  platform.jsm!.serviceDeskList.push({ id: '2', projectId: PROJECT_B, projectKey: 'ITS', projectName: 'IT Services' });
});
afterEach(() => platform.close());

/** A's operator Tom, on duty and talking with Vic; B has its own bot in the same tenant, with Wendy using it. */
async function tomTalksWithVicInA(): Promise<void> {
  expect(await admin('settings/update', { change: { enabled: true } })).toMatchObject({ ok: true });
  expect(await admin('tenants/connect', connectA)).toMatchObject({ ok: true });
  for (const p of ['tom', 'vic']) await teams.install(p);
  await settle();
  expect(await admin('roles/grant', { channel: 'teams', tenantId: TEAMS_SANDBOX.tenantId, userId: personId('tom') })).toMatchObject({ ok: true });
  await teams.sendAs('tom', '#on');
  await settle();
  await teams.sendAs('vic', 'operator');
  await settle();
  await teams.sendAs('vic', 'are you there?');
  await settle();
  expect(texts('tom').join('\n')).toContain('are you there?');

  expect(await adminOfB('settings/update', { change: { enabled: true } })).toMatchObject({ ok: true });
  expect(await adminOfB('tenants/connect', connectB)).toMatchObject({ ok: true });
  await teams.install('wendy', { bot: secondBot });
  await settle();
}

describe('an activity through another project’s bot', () => {
  it('should change nothing in A and relay nothing to A’s users when B’s bot delivers a verified activity as A’s operator', async () => {
    await tomTalksWithVicInA();
    const vicBefore = teams.conversation('vic').length;

    const forged = await teams.deliver(teams.activityFor('tom', 'hello from mallory, pretending to be Tom'), { bot: secondBot });
    const forgedEnd = await teams.deliver(teams.activityFor('tom', '#end'), { bot: secondBot });
    const forgedOff = await teams.deliver(teams.activityFor('tom', '#off'), { bot: secondBot });
    await settle();

    // Teams is told the activities were taken (it would only redeliver them), and nothing of them reaches Vic.
    expect([forged.status, forgedEnd.status, forgedOff.status]).toEqual([200, 200, 200]);
    expect(teams.conversation('vic').slice(vicBefore)).toEqual([]);
    // Vic is still with Tom: the next line reaches Tom, through A's bot.
    teams.clearApiCalls();
    await teams.sendAs('vic', 'still with me?');
    await settle();
    expect(texts('tom').join('\n')).toContain('still with me?');
    expect(teams.apiCalls.filter((c) => c.operation === 'send' && c.conversationId === teams.conversationIdOf('tom')).map((c) => c.appId)).toEqual([TEAMS_SANDBOX.appId]);
  });

  it('should keep A’s operator with his user when B’s bot says he removed the app', async () => {
    await tomTalksWithVicInA();
    const vicBefore = teams.conversation('vic').length;

    expect((await teams.deliver(teams.activityFor('tom', { kind: 'uninstall' }), { bot: secondBot })).status).toBe(200);
    await settle();

    // Had Tom been let go, Vic would be told he had to leave and be queued again.
    expect(teams.conversation('vic').slice(vicBefore)).toEqual([]);
  });

  it('should keep A’s operator’s conversation where it is when B’s bot names him in a conversation of its own', async () => {
    await tomTalksWithVicInA();
    const wendyBefore = teams.conversation('wendy').length;

    // Tom as sender, Wendy's conversation with B's bot as where he would be reached from now on.
    const activity = teams.activityFor('tom', 'ok');
    const moved = { ...activity, conversation: { ...activity.conversation, id: teams.conversationIdOf('wendy') } };
    expect((await teams.deliver(moved, { bot: secondBot })).status).toBe(200);
    await settle();

    await teams.sendAs('vic', 'my password is hunter2');
    await settle();
    expect(teams.conversation('wendy').slice(wendyBefore).map((m) => m.text ?? '').join('\n')).not.toContain('hunter2');
    expect(texts('tom').join('\n')).toContain('hunter2');
  });
});

describe('a tenant is proven by Microsoft’s roster, not by what an activity names', () => {
  const otherTenant = '11111111-2222-4333-8444-555555555555';

  it('should not confirm a binding of a tenant the bot is not in when its verified activity names that tenant', async () => {
    const connected = await adminOfB('tenants/connect', { channel: 'teams', tenantId: otherTenant, name: 'Victim Corp', appId: secondBot.appId, appPassword: secondBot.appPassword, botTenantId: TEAMS_SANDBOX.tenantId });
    expect(connected).toMatchObject({ ok: true, data: { tenant: { pending: true } } });

    const install = teams.activityFor('wendy', { kind: 'install' });
    const forged = { ...install, conversation: { ...install.conversation, tenantId: otherTenant }, channelData: { ...install.channelData, tenant: { id: otherTenant } } };
    const delivered = await teams.deliver(forged, { bot: secondBot });
    await settle();

    expect(delivered.status).toBeGreaterThanOrEqual(400);
    expect(rows(await adminOfB('tenants/list'))).toEqual([expect.objectContaining({ tenantId: otherTenant, pending: true })]);
  });

  it('should confirm a binding on its first install once the roster puts the person in the tenant, asked with the binding’s own bot', async () => {
    expect(await admin('tenants/connect', connectA)).toMatchObject({ ok: true, data: { tenant: { pending: true } } });
    teams.clearApiCalls();

    expect((await teams.install('vic')).installationUpdate.status).toBe(200);
    await settle();

    expect(rows(await admin('tenants/list'))).toEqual([expect.not.objectContaining({ pending: true })]);
    const asked = teams.apiCalls.filter((c) => c.operation === 'members');
    expect(asked).toEqual([expect.objectContaining({ appId: TEAMS_SANDBOX.appId, path: expect.stringContaining(`/members/${personId('vic')}`), status: 200 })]);
  });

  it('should serve the activity but leave the binding waiting when the roster cannot be asked', async () => {
    expect(await admin('settings/update', { change: { enabled: true } })).toMatchObject({ ok: true });
    expect(await admin('tenants/connect', connectA)).toMatchObject({ ok: true });
    teams.failNext('members', 503, 5);

    expect((await teams.install('vic')).installationUpdate.status).toBe(200);
    expect((await teams.sendAs('vic', 'hello')).status).toBe(200);
    await settle();

    expect(rows(await admin('tenants/list'))).toEqual([expect.objectContaining({ pending: true })]);
    expect(teams.conversation('vic').filter((m) => m.from === 'bot').length).toBeGreaterThan(0);
    teams.clearFailures();
    await teams.sendAs('vic', 'hello again');
    await settle();
    expect(rows(await admin('tenants/list'))).toEqual([expect.not.objectContaining({ pending: true })]);
  });
});

describe('the status of each project’s bot in a shared tenant', () => {
  type Status = { appId?: string; lastCheck?: { ok: boolean; source?: string; message?: string } };
  const statusIn = async (listed: Promise<AdminResult>) => (rows(await listed) as Status[]).map((r) => ({ appId: r.appId, lastCheck: r.lastCheck }));

  it('should show Failing only to the project whose bot Microsoft refuses, not to the other project with its own bot in the tenant', async () => {
    await tomTalksWithVicInA();

    // Microsoft refuses B's bot credentials for the reply to Wendy; A's bot keeps working.
    teams.failNext('send', 401, 5);
    await teams.sendAs('wendy', 'hello', { bot: secondBot });
    await settle();
    teams.clearFailures();

    expect(await statusIn(adminOfB('tenants/list'))).toEqual([
      { appId: secondBot.appId, lastCheck: expect.objectContaining({ ok: false, source: 'traffic', message: expect.stringContaining('Microsoft does not accept the bot’s credentials') }) },
    ]);
    expect(await statusIn(admin('tenants/list'))).toEqual([{ appId: TEAMS_SANDBOX.appId, lastCheck: expect.objectContaining({ ok: true }) }]);
  });
});
