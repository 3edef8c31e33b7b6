import { randomUUID } from 'node:crypto';
import { TEAMS_SANDBOX, type TeamsSandbox } from '../../packages/forge-local/src/teams';
import { fileConsentInvoke } from '../../packages/forge-local/src/teams/activities';
import { SANDBOX_WORKSPACE, type SlackSandbox } from '../../packages/forge-local/src/slack';
import type { LocalPlatform } from '../../packages/forge-local/src/platform';
import { HOSTILE_TEXTS } from '../support/hostile-strings';
import { localPlatformClient, startSandboxedPlatform } from '../local/support/local-platform-client';

/**
 * Issue 18, behaviour 5, through the real doors: a file shared in a Slack DM is downloaded by the app with the
 * workspace's bot token and uploaded to the other side as a file (Slack), or shown inline (a picture to Teams); what
 * the project's limits refuse is told to the sender with the reason.
 */
let platform: LocalPlatform;
let teams: TeamsSandbox;
let slack: SlackSandbox;

const { admin, settle } = localPlatformClient(() => platform);
const personId = (key: string) => TEAMS_SANDBOX.people.find((p) => p.key === key)!.id;
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a1d70000000049454e44ae426082', 'hex');

beforeEach(async () => {
  ({ platform, teams, slack } = await startSandboxedPlatform());
  expect(await admin('settings/update', { change: { enabled: true } })).toMatchObject({ ok: true });
  await admin('tenants/connect', { channel: 'teams', tenantId: TEAMS_SANDBOX.tenantId, name: 'Koji Sandbox (Teams)', appId: TEAMS_SANDBOX.appId, appPassword: TEAMS_SANDBOX.appPassword });
  await admin('tenants/connect', { channel: 'slack', botToken: SANDBOX_WORKSPACE.botToken, signingSecret: SANDBOX_WORKSPACE.signingSecret });
  await teams.install('tom');
  await settle();
  await admin('roles/grant', { channel: 'teams', tenantId: TEAMS_SANDBOX.tenantId, userId: personId('tom') });
  await admin('roles/grant', { channel: 'slack', tenantId: 'T0SANDBOX', userId: 'UALICE' });
  await settle();
});
afterEach(() => platform.close());

const botPostsTo = (userId: string) => slack.conversation(userId).filter((m) => m.user === SANDBOX_WORKSPACE.botUserId);

describe('files between Slack users and operators, end to end', () => {
  it('should relay a Slack user’s file to a Slack operator as a file, byte for byte, after the words', async () => {
    await slack.sendAs('UALICE', '#on');
    await slack.sendAs('UBOB', 'operator');
    await settle();
    const log = Buffer.from('line 1\nline 2\n'.repeat(500));

    await slack.sendAs('UBOB', 'here is the log', [{ name: 'vpn.log', mimetype: 'text/plain', bytes: log }]);
    await settle();

    const posts = botPostsTo('UALICE');
    const shared = posts.at(-1)!;
    expect(shared.text).toBe('Bob User shared a file:');
    expect(shared.files).toEqual([expect.objectContaining({ name: 'vpn.log', size: log.length })]);
    expect(slack.files.bytes(String(shared.files![0]!['id']))).toEqual(log);
    expect(posts.at(-2)!.text).toBe('here is the log');
  });

  it('should relay an operator’s picture to a Teams user inline', async () => {
    await slack.sendAs('UALICE', '#on');
    await teams.install('wendy');
    await settle();
    await teams.sendAs('wendy', 'operator');
    await settle();

    await slack.sendAs('UALICE', '', [{ name: 'settings.png', mimetype: 'image/png', bytes: PNG }]);
    await settle();

    const picture = teams.conversation('wendy').filter((m) => m.from === 'bot').at(-1)!;
    expect(picture.attachments).toEqual([{ contentType: 'image/png', name: 'settings.png', contentUrl: `data:image/png;base64,${PNG.toString('base64')}` }]);
  });

  it('should tell a Slack user a file the project does not accept, and send nothing of it', async () => {
    await slack.sendAs('UALICE', '#on');
    await slack.sendAs('UBOB', 'operator');
    await settle();
    const before = botPostsTo('UALICE').length;

    await slack.sendAs('UBOB', '', [{ name: 'setup.exe', mimetype: 'application/x-msdownload', bytes: Buffer.from('MZ') }]);
    await settle();

    expect(botPostsTo('UALICE')).toHaveLength(before);
    expect(botPostsTo('UBOB').at(-1)!.text).toContain('Your file “setup.exe” wasn’t sent to Alice Operator: this service desk doesn’t accept files of that type.');
  });

  describe('a non-picture file to a Teams operator, through a file consent card', () => {
    const PDF = Buffer.from('%PDF-1.4\n' + 'a page of the manual\n'.repeat(400) + '%%EOF\n');
    const page = async (path: string, body: unknown) =>
      fetch(`${platform.url}/sandbox/teams/api/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const tomsView = async () =>
      ((await (await fetch(`${platform.url}/sandbox/teams/api/conversation?person=tom`)).json()) as { messages: { id: string; from: string; attachments?: Record<string, unknown>[] }[] }).messages;

    beforeEach(async () => {
      await teams.sendAs('tom', '#on');
      await slack.sendAs('UBOB', 'operator');
      await settle();
      await slack.sendAs('UBOB', '', [{ name: 'manual.pdf', mimetype: 'application/pdf', bytes: PDF }]);
      await settle();
    });

    const consentCard = async () => {
      const offered = (await tomsView()).filter((m) => m.from === 'bot').at(-1)!;
      return { offered, card: offered.attachments?.find((a) => a['contentType'] === 'application/vnd.microsoft.teams.card.file.consent') };
    };

    it('should show the consent card on the operator’s chat page; Allow ends with the file info card and the bytes uploaded as they were', async () => {
      const { offered, card } = await consentCard();
      expect(card).toMatchObject({ name: 'manual.pdf', content: { sizeInBytes: PDF.length, description: expect.stringContaining('manual.pdf') } });

      const allowed = await page('consent', { person: 'tom', activityId: offered.id, action: 'accept' });
      await settle();

      expect(allowed.status).toBe(200);
      expect(await allowed.json()).toMatchObject({ delivered: true, triggers: [{ status: 200 }] });
      const info = (await tomsView()).filter((m) => m.from === 'bot').at(-1)!.attachments![0]!;
      expect(info).toMatchObject({ contentType: 'application/vnd.microsoft.teams.card.file.info', name: 'manual.pdf', content: { fileType: 'pdf' } });
      expect(teams.oneDrive.bytes(String(info['contentUrl']))).toEqual(PDF);
      const download = await fetch(`${platform.url}${String(info['sandboxDownload'])}`);
      expect(Buffer.from(await download.arrayBuffer())).toEqual(PDF);

      // A second click on Allow does nothing: no second upload, no second card.
      const count = (await tomsView()).length;
      await page('consent', { person: 'tom', activityId: offered.id, action: 'accept' });
      await settle();
      expect(teams.oneDrive.uploads.filter((u) => u.status === 201)).toHaveLength(1);
      expect(await tomsView()).toHaveLength(count);
      expect(botPostsTo('UBOB').at(-1)!.text).not.toContain('wasn’t sent');
    });

    it('should refuse another person’s answer, a forged id and an upload URL off OneDrive, with no upload and no card', async () => {
      const { offered, card } = await consentCard();
      await teams.install('wendy');
      await settle();
      const person = (key: string) => TEAMS_SANDBOX.people.find((p) => p.key === key)!;
      const context = (card!['content'] as Record<string, unknown>)['acceptContext'];
      const ctx = () => ({ serviceUrl: teams.serviceUrl, nowMs: Date.now(), id: `f:${randomUUID()}` });
      const slot = teams.oneDrive.slotFor(person('tom'), 'manual.pdf');
      const before = (await tomsView()).length;

      for (const forged of [
        fileConsentInvoke(person('wendy'), 'accept', context, teams.oneDrive.slotFor(person('wendy'), 'manual.pdf'), ctx()),
        fileConsentInvoke(person('tom'), 'accept', { id: randomUUID() }, slot, ctx()),
        fileConsentInvoke(person('tom'), 'accept', context, { ...slot, uploadUrl: 'https://evil.example/upload' }, ctx()),
        fileConsentInvoke(person('tom'), 'decline', { id: 'not-an-id' }, undefined, ctx()),
      ]) {
        expect((await teams.deliver(forged)).status).toBe(200);
      }
      await settle();

      expect(teams.oneDrive.uploads).toEqual([]);
      expect(await tomsView()).toHaveLength(before);
      expect(botPostsTo('UBOB').at(-1)!.text ?? '').not.toContain('manual.pdf');
      await teams.answerConsent('tom', offered.id, 'accept');
      await settle();
      expect(teams.oneDrive.uploads.map((u) => u.status)).toEqual([201]);
    });

    it('should tell the Slack user when the operator declines', async () => {
      const { offered } = await consentCard();
      await teams.answerConsent('tom', offered.id, 'decline');
      await settle();
      expect(botPostsTo('UBOB').at(-1)!.text).toContain('declined your file “manual.pdf”, so it wasn’t sent.');
      expect(teams.oneDrive.uploads).toEqual([]);
    });
  });

  it('should keep every hostile file name a name: inert on Slack, and in the sender’s notice', async () => {
    await slack.sendAs('UALICE', '#on');
    await slack.sendAs('UBOB', 'operator');
    await settle();
    for (const hostile of HOSTILE_TEXTS.filter((t) => t.trim() !== '' && t.length < 200).slice(0, 12)) {
      const name = `${hostile}.txt`;
      await slack.sendAs('UBOB', '', [{ name, mimetype: 'text/plain', bytes: Buffer.from('x') }]);
      await settle();
      const shared = botPostsTo('UALICE').at(-1)!;
      expect(shared.files?.[0]?.['name']).toBe(name.replace(/\r\n?/g, '\n'));
    }
  });
});

describe('a Slack workspace installed before files were relayed', () => {
  it('should keep working, tell the admin which scope it lacks and what a reinstall enables, and tell a sender plainly why a file did not go', async () => {
    slack.grantScopes(['chat:write', 'chat:write.customize', 'im:history', 'im:write', 'app_mentions:read', 'users:read', 'users:read.email', 'files:read']);

    const tested = await admin('tenants/test', { channel: 'slack', tenantId: SANDBOX_WORKSPACE.teamId });
    const listed = await admin('tenants/list', { channel: 'slack' });

    expect(tested).toMatchObject({ ok: true });
    const tenants = (listed.data as { tenants: Array<{ channel: string }> }).tenants;
    expect(tenants.find((t) => t.channel === 'slack')).toMatchObject({
      lastCheck: { ok: true },
      notices: ['This workspace was installed before Koji asked for files:write: reinstall the Slack app to enable relaying files to people on Slack.'],
    });

    await slack.sendAs('UALICE', '#on');
    await slack.sendAs('UBOB', 'operator');
    await slack.sendAs('UBOB', 'here is the log', [{ name: 'boot.log', mimetype: 'text/plain', bytes: Buffer.from('panic') }]);
    await settle();
    expect(botPostsTo('UALICE').map((m) => m.text)).toContain('here is the log');
    expect(botPostsTo('UALICE').some((m) => (m.files?.length ?? 0) > 0)).toBe(false);
    expect(botPostsTo('UBOB').at(-1)?.text).toContain('boot.log');
  });
});

describe('files on the JSM ticket, end to end', () => {
  it('should attach a shared file to the ticket, and the ticket page should list it by its name, as text', async () => {
    await slack.sendAs('UALICE', '#on');
    await slack.sendAs('UBOB', 'operator');
    await settle();
    const name = '<img src=x onerror=alert(1)> report.png';
    await slack.sendAs('UBOB', 'see the screenshot', [{ name, mimetype: 'image/png', bytes: PNG }]);
    await settle();

    await slack.sendAs('UALICE', '#create_ticket');
    await settle();

    const key = platform.jsm!.requests().at(-1)!.key;
    const attached = platform.jsm!.attachments.of(key);
    expect(attached).toEqual([expect.objectContaining({ filename: name, mimeType: 'image/png', size: PNG.length })]);
    const page = await (await fetch(`${platform.url}/jira/browse/${key}`)).text();
    expect(page).toContain('Attachments (1)');
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt; report.png');
    expect(page).not.toContain('<img src=x');
    const served = await fetch(`${platform.url}/jira/attachment/${attached[0]!.id}`);
    expect(Buffer.from(await served.arrayBuffer())).toEqual(PNG);
    expect(served.headers.get('content-security-policy')).toContain('sandbox');
  });
});
