import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { KOJI_APP } from '../../dev/koji-app';
import { startLocalPlatform, type LocalPlatform } from '../../packages/forge-local/src/platform';
import { SANDBOX_PEOPLE } from '../../packages/forge-local/src/slack';
import { TEAMS_SANDBOX } from '../../packages/forge-local/src/teams';

/** The start page at `/`: what runs, who is who in the sandboxes, and the bench's latest report. */
let platform: LocalPlatform | undefined;
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'koji-start-page-'));
});

afterEach(async () => {
  await platform?.close();
  platform = undefined;
  rmSync(dir, { recursive: true, force: true });
});

async function start(env: NodeJS.ProcessEnv = {}): Promise<string> {
  const latestReport = path.join(dir, 'latest.json');
  platform = await startLocalPlatform({ app: { ...KOJI_APP, bench: { command: 'npm run bench', latestReport } }, port: 0, dataDir: ':memory:', env });
  const response = await fetch(`${platform.url}/`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
  return response.text();
}

describe('the start page', () => {
  it('should name every sandbox person with what they are meant to be, Ada Admin as the Jira admin, and link to chat as them', async () => {
    const page = await start();

    for (const person of SANDBOX_PEOPLE) expect(page).toContain(`<a href="/sandbox/slack?as=${person.id}">Chat as ${person.realName}</a>`);
    for (const person of TEAMS_SANDBOX.people) expect(page).toContain(`<a href="/sandbox/teams?as=${person.key}">Chat as ${person.name}</a>`);
    expect(page).toMatch(/<td>Ada Admin<\/td><td><span class="lozenge user">user<\/span> <span class="lozenge admin">Jira admin<\/span>/);
    expect(page).toMatch(/<td>Alice Operator<\/td><td><span class="lozenge operator">operator<\/span><\/td>/);
    expect(page).toContain('the embedded Jira Service Management stand-in');
    expect(page).toContain('in memory: nothing is kept');
    expect(page).toContain('href="/pages/koji-admin/"');
    expect(page).toContain('href="/pages/koji-backoffice/"');
    expect(page).toContain('No report yet on this machine.');
  });

  it('should link the bench’s latest report, its command as text', async () => {
    writeFileSync(path.join(dir, 'latest.json'), JSON.stringify({ meta: { date: '2026-01-02T03:04:05.000Z', command: 'npm run bench -- --quick <script>x</script>' } }));

    const page = await start();

    expect(page).toContain('<a href="/local/bench/latest.json">2026-01-02 03:04 UTC</a>');
    expect(page).toContain('npm run bench -- --quick &lt;script&gt;x&lt;/script&gt;');
    const report = await fetch(`${platform!.url}/local/bench/latest.json`);
    expect(((await report.json()) as { meta: { date: string } }).meta.date).toBe('2026-01-02T03:04:05.000Z');
  });

  it('should say a real Jira site is in use, and send ticket pages there', async () => {
    const page = await start({ JIRA_BASE_URL: 'https://example.atlassian.net/', JIRA_EMAIL: 'a@example.com', JIRA_API_TOKEN: 'not-a-token' });

    expect(page).toContain('a real site, <a href="https://example.atlassian.net">https://example.atlassian.net</a>');
    const tickets = await fetch(`${platform!.url}/jira/browse/SUP-1`);
    expect(tickets.status).toBe(404);
    expect(await tickets.text()).toContain('Tickets are on the real site');
  });
});

describe('setting up the sandboxes from the start page', () => {
  const backoffice = async (functionKey: string, payload: unknown = {}): Promise<{ ok: boolean; data?: unknown }> => {
    const response = await fetch(`${platform!.url}/__forge/invoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ moduleKey: 'koji-backoffice', functionKey, payload }),
    });
    return ((await response.json()) as { result: { ok: boolean; data?: unknown } }).result;
  };
  const post = (origin?: string) =>
    fetch(`${platform!.url}/local/sandbox-setup`, { method: 'POST', redirect: 'manual', headers: origin === undefined ? {} : { origin } });

  it('should turn support on, connect both sandboxes and give the operators their role, then come back to the start page', async () => {
    const before = await start();
    expect(before).toContain('<form method="post" action="/local/sandbox-setup"><button class="button" type="submit">Set up the sandboxes</button></form>');

    const answer = await post(platform!.url);

    expect(answer.status).toBe(303);
    expect(answer.headers.get('location')).toBe('/?setup=done#try');
    expect(await (await fetch(`${platform!.url}/?setup=done`)).text()).toContain('The sandboxes are set up.');
    expect(JSON.stringify(await backoffice('settings/get'))).toContain('"enabled":true');
    const tenants = JSON.stringify(await backoffice('tenants/list'));
    expect(tenants).toContain('T0SANDBOX');
    expect(tenants).toContain(TEAMS_SANDBOX.tenantId);
    // Alice is an operator now: her #on puts her on duty.
    await platform!.slack!.sendAs('UALICE', '#on');
    await platform!.slack!.whenIdle();
    expect(platform!.slack!.conversation('UALICE').map((m) => m.text).join('\n')).toContain('You’re on duty');
  });

  it('should take the form from the start page opened at 127.0.0.1 too', async () => {
    await start();
    const port = new URL(platform!.url).port;

    expect((await post(`http://127.0.0.1:${port}`)).status).toBe(303);
    expect((await post(`http://127.0.0.1:${Number(port) + 1}`)).status).toBe(403);
  });

  it('should do no harm when clicked twice', async () => {
    await start();
    expect((await post()).status).toBe(303);
    expect((await post()).status).toBe(303);
  });

  it('should refuse a form posted from another site’s page, and change nothing', async () => {
    await start();

    const answer = await post('https://evil.example');

    expect(answer.status).toBe(403);
    expect(JSON.stringify(await backoffice('settings/get'))).not.toContain('"enabled":true');
  });
});
