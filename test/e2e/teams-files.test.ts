import { TEAMS_SANDBOX, type TeamsSandbox } from '../../packages/forge-local/src/teams';
import { SANDBOX_WORKSPACE, type SlackSandbox } from '../../packages/forge-local/src/slack';
import type { LocalPlatform } from '../../packages/forge-local/src/platform';
import { localPlatformClient, startSandboxedPlatform } from '../local/support/local-platform-client';

/**
 * Files a Teams user shares, through the real doors: a file in personal chat is in their OneDrive
 * (`file.download.info`, fetched without credentials), a pasted picture on the Bot Connector (fetched with the bot's
 * token); both reach a Slack operator as files, and what the project's limits refuse is told to the Teams user.
 */
let platform: LocalPlatform;
let teams: TeamsSandbox;
let slack: SlackSandbox;

const { admin, settle } = localPlatformClient(() => platform);
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a1d70000000049454e44ae426082', 'hex');
const PDF = Buffer.from('%PDF-1.4\n' + 'a page of the manual\n'.repeat(400) + '%%EOF\n');

beforeEach(async () => {
  ({ platform, teams, slack } = await startSandboxedPlatform());
  expect(await admin('settings/update', { change: { enabled: true, maxFileMegabytes: 1 } })).toMatchObject({ ok: true });
  await admin('tenants/connect', { channel: 'teams', tenantId: TEAMS_SANDBOX.tenantId, name: 'Koji Sandbox (Teams)', appId: TEAMS_SANDBOX.appId, appPassword: TEAMS_SANDBOX.appPassword });
  await admin('tenants/connect', { channel: 'slack', botToken: SANDBOX_WORKSPACE.botToken, signingSecret: SANDBOX_WORKSPACE.signingSecret });
  await admin('roles/grant', { channel: 'slack', tenantId: 'T0SANDBOX', userId: 'UALICE' });
  await teams.install('wendy');
  await settle();
  await slack.sendAs('UALICE', '#on');
  await teams.sendAs('wendy', 'operator');
  await settle();
});
afterEach(() => platform.close());

const botPostsTo = (userId: string) => slack.conversation(userId).filter((m) => m.user === SANDBOX_WORKSPACE.botUserId);
const wendy = () => TEAMS_SANDBOX.people.find((p) => p.key === 'wendy')!;

describe('files a Teams user shares, end to end', () => {
  it('should relay a PDF shared in personal chat to a Slack operator, byte for byte, downloaded from OneDrive', async () => {
    const delivered = await teams.sendAs('wendy', 'the manual', [{ name: 'manual.pdf', mimetype: 'application/pdf', bytes: PDF }]);
    await settle();

    expect(delivered.status).toBe(200);
    const activity = teams.conversation('wendy').at(-1)!.activity as { attachments: Record<string, unknown>[] };
    expect(activity.attachments[0]).toMatchObject({ contentType: 'application/vnd.microsoft.teams.file.download.info', name: 'manual.pdf', content: { fileType: 'pdf', downloadUrl: expect.stringMatching(/^https:\/\/koji-sandbox-my\.sharepoint\.com\//) } });
    const shared = botPostsTo('UALICE').at(-1)!;
    expect(shared.text).toBe(`${wendy().name} shared a file:`);
    expect(shared.files).toEqual([expect.objectContaining({ name: 'manual.pdf', size: PDF.length })]);
    expect(slack.files.bytes(String(shared.files![0]!['id']))).toEqual(PDF);
    expect(teams.oneDrive.downloads).toEqual([expect.objectContaining({ status: 200 })]);
  });

  it('should relay a pasted picture to a Slack operator as a file, fetched with the bot’s token', async () => {
    await teams.sendAs('wendy', '', [{ name: 'image.png', mimetype: 'image/png', bytes: PNG, pasted: true }]);
    await settle();

    const activity = teams.conversation('wendy').at(-1)!.activity as { attachments: Record<string, unknown>[] };
    expect(activity.attachments).toEqual([{ contentType: 'image/*', contentUrl: expect.stringContaining(`${teams.serviceUrl}v3/attachments/`) }]);
    const shared = botPostsTo('UALICE').at(-1)!;
    expect(shared.text).toBe(`${wendy().name} shared a file:`);
    expect(shared.files).toEqual([expect.objectContaining({ name: 'picture.png', size: PNG.length, mimetype: 'image/png' })]);
    expect(slack.files.bytes(String(shared.files![0]!['id']))).toEqual(PNG);
    // Without the bot's token, the Bot Connector does not serve it.
    const anonymous = await fetch(String(activity.attachments[0]!['contentUrl']));
    expect(anonymous.status).toBe(401);
  });

  it('should send a file and a pasted picture from the Teams chat page’s file picker', async () => {
    const send = (query: string, bytes: Buffer) => fetch(`${platform.url}/sandbox/teams/api/send-file?person=wendy&${query}`, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: bytes });

    const sent = await send('name=manual.pdf&type=application%2Fpdf&text=', PDF);
    expect(sent.status).toBe(200);
    expect(await sent.json()).toMatchObject({ delivered: true, triggers: [{ status: 200 }] });
    await settle();
    expect(slack.files.bytes(String(botPostsTo('UALICE').at(-1)!.files![0]!['id']))).toEqual(PDF);

    expect((await send('name=shot.png&type=image%2Fpng&pasted=1', PNG)).status).toBe(200);
    await settle();
    expect(botPostsTo('UALICE').at(-1)!.files).toEqual([expect.objectContaining({ name: 'picture.png', size: PNG.length })]);
    expect((await send('name=a.pdf&type=application%2Fpdf&pasted=1', PDF)).status).toBe(400);
    const page = (await (await fetch(`${platform.url}/sandbox/teams/api/conversation?person=wendy`)).json()) as { messages: { attachments?: Record<string, unknown>[] }[] };
    expect(page.messages.flatMap((m) => m.attachments ?? []).map((a) => a['contentType'])).toEqual(expect.arrayContaining(['application/vnd.microsoft.teams.file.download.info', 'image/*']));
  });

  it('should refuse a file over the project’s size limit and tell the Teams user why', async () => {
    const before = botPostsTo('UALICE').length;
    await teams.sendAs('wendy', '', [{ name: 'big.pdf', mimetype: 'application/pdf', bytes: Buffer.alloc(1024 * 1024 + 1, 0x25) }]);
    await settle();

    expect(botPostsTo('UALICE')).toHaveLength(before);
    const told = teams.conversation('wendy').filter((m) => m.from === 'bot').at(-1)!;
    expect(told.text).toContain('big.pdf');
    expect(told.text).toMatch(/too big|larger than|1 MB/i);
  });
});
