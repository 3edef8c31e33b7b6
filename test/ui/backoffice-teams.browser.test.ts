/**
 * The Koji backoffice page and Microsoft Teams, in a real browser (Debian's Chromium, driven by
 * playwright-core), served by the local platform with its Teams sandbox: a Jira admin connects
 * the sandbox tenant's Azure Bot, tests it, downloads the Teams app package, gives Tom, who
 * installed the Koji app in Teams, the Live agent role, and disconnects the tenant.
 *
 * Needs `npm run build:ui` first (npm test runs it) and a Chromium: the system's, or
 * the one an npm package ships (dev/chromium.ts finds it). Screenshots go to .artifacts/screenshots/.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import type { LocalPlatform } from '../../packages/forge-local/src/platform';
import { startLocalPlatform } from '../../dev/koji-app';
import { TEAMS_SANDBOX, findTeamsPerson } from '../../packages/forge-local/src/teams';
import { dismissFlags, flag, openTab } from './support/backoffice';
import { invokeInPage, launchChromium, newPage, requireChromiumAndBuild, screenshot, uiBuild, type Opened } from './support/chromium';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const TENANT_NAME = TEAMS_SANDBOX.tenantName;

jest.setTimeout(60_000);

let platform: LocalPlatform;
let browser: Browser;
let dataDir: string;

/** `teams/package` is only there once some resolver file under src/entry defines it. */
function packageResolverDefined(): boolean {
  const entry = path.join(REPO_ROOT, 'src', 'entry');
  const files = [path.join(entry, 'settings-resolver.ts'), ...readdirSync(path.join(entry, 'resolvers')).map((f) => path.join(entry, 'resolvers', f))];
  return files.some((f) => f.endsWith('.ts') && readFileSync(f, 'utf8').includes("'teams/package'"));
}

beforeAll(async () => {
  requireChromiumAndBuild(uiBuild('backoffice'));
  dataDir = mkdtempSync(path.join(tmpdir(), 'koji-ui-teams-'));
  // The platform plays Microsoft too: login, Bot Framework keys and the Bot Connector of its sandbox tenant.
  platform = await startLocalPlatform({ port: 0, dataDir, teamsSandbox: true, env: {} });
  if (!platform.teams) throw new Error('The local platform started without its Teams sandbox.');
  browser = await launchChromium();
}, 30_000);

afterAll(async () => {
  await browser?.close();
  await platform?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function openBackoffice(): Promise<Opened> {
  const opened = await newPage(browser, { viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  await opened.page.goto(`${platform.url}/pages/koji-backoffice/`);
  await opened.page.getByRole('heading', { name: 'Koji backoffice', level: 1 }).waitFor();
  return opened;
}

describe('the Koji backoffice page with Microsoft Teams', () => {
  it('lets a Jira admin connect the Teams sandbox tenant and give Tom the Live agent role', async () => {
    const { context, page, pageErrors } = await openBackoffice();
    try {
      // Teams tenants: the messaging endpoint to paste into the Azure Bot, and the connect form.
      await openTab(page, 'Teams tenants');
      await page.getByText('No Teams tenant is connected yet').waitFor();
      await expect(page.getByLabel('Teams messaging endpoint of this site').inputValue()).resolves.toBe(platform.webTriggerUrl('teams-activities'));
      await expect(page.getByRole('button', { name: 'Copy the Teams messaging endpoint' }).isVisible()).resolves.toBe(true);
      const form = page.getByRole('form', { name: 'Connect a Teams tenant' });
      await form.getByLabel('Directory (tenant) ID', { exact: true }).fill(TEAMS_SANDBOX.tenantId);
      await form.getByLabel('Display name', { exact: true }).fill(TENANT_NAME);
      await form.getByLabel('Microsoft App ID', { exact: true }).fill(TEAMS_SANDBOX.appId);
      await expect(form.getByLabel('Client secret', { exact: true }).getAttribute('type')).resolves.toBe('password');

      // A wrong secret is refused by Microsoft (here, the sandbox's login), and said so plainly.
      await form.getByLabel('Client secret', { exact: true }).fill('not-the-right-secret');
      await form.getByRole('button', { name: 'Connect Teams tenant' }).click();
      await flag(page, 'The Teams tenant was not connected').waitFor();
      await dismissFlags(page);

      await form.getByLabel('Client secret', { exact: true }).fill(TEAMS_SANDBOX.appPassword);
      await form.getByRole('button', { name: 'Connect Teams tenant' }).click();
      await flag(page, `${TENANT_NAME} is connected`).getByText(/upload it in Teams/).waitFor();
      // The form is emptied: the row shows what was typed, and the secret is write-only, never filled back.
      for (const field of ['Directory (tenant) ID', 'Display name', 'Microsoft App ID', 'Client secret']) {
        await expect(form.getByLabel(field, { exact: true }).inputValue()).resolves.toBe('');
      }

      const tenants = page.getByRole('table', { name: 'Connected Teams tenants' });
      const row = tenants.getByRole('row', { name: new RegExp(TEAMS_SANDBOX.tenantId) });
      await expect(row.textContent()).resolves.toContain(TENANT_NAME);
      await expect(row.textContent()).resolves.toContain(TEAMS_SANDBOX.appId);
      // The tenant id was only typed: the row waits until the bot hears from that tenant.
      await row.getByText('Waiting for the first message from this tenant.').waitFor();
      await row.getByRole('button', { name: `Test connection to ${TENANT_NAME}` }).click();
      await flag(page, `Connected to ${TENANT_NAME}`).waitFor();

      // The Teams app package to upload in Teams: a zip, once the resolver exists.
      const downloadButton = row.getByRole('button', { name: `Download the Teams app package for ${TENANT_NAME}` });
      await downloadButton.waitFor();
      if (packageResolverDefined()) {
        const [download] = await Promise.all([page.waitForEvent('download'), downloadButton.click()]);
        expect(download.suggestedFilename()).toMatch(/\.zip$/);
        const saved = await download.path();
        expect(readFileSync(saved).subarray(0, 2).toString('latin1')).toBe('PK');
        await flag(page, /\.zip downloaded/).getByText(/Upload it in Teams/).waitFor();
      }

      // Disconnecting asks first (and is cancelled here: the tenant stays connected).
      await row.getByRole('button', { name: `Disconnect ${TENANT_NAME}` }).click();
      const dialog = page.getByRole('dialog', { name: `Disconnect ${TENANT_NAME}?` });
      await dialog.getByText('Microsoft Teams tenant').waitFor();
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await dialog.waitFor({ state: 'detached' });
      await row.getByRole('button', { name: `Test connection to ${TENANT_NAME}` }).scrollIntoViewIfNeeded();
      await screenshot(page, '10-teams-tenant');

      // Tom installs the Koji app in Teams: the bot now knows him.
      const tom = findTeamsPerson('tom');
      if (!tom) throw new Error('The Teams sandbox has no Tom.');
      const teams = platform.teams;
      if (!teams) throw new Error('The local platform started without its Teams sandbox.');
      await teams.install('tom');
      await teams.whenIdle();
      // His install was the tenant's first message: the binding is proven.
      await page.reload();
      await openTab(page, 'Teams tenants');
      await row.getByText('Working', { exact: true }).waitFor();
      await expect(row.getByText('Waiting for the first message from this tenant.').count()).resolves.toBe(0);

      // Role setup: pick the Teams tenant, Set Tom.
      await openTab(page, 'Role setup');
      await page.getByLabel('Workspace or tenant', { exact: true }).click();
      await page.getByRole('option', { name: `${TENANT_NAME} (Teams tenant)` }).click();
      await page.getByText('Teams people appear here once they install the Koji app or write to it.').waitFor();
      const tomRow = page.locator(`tr[data-user-id="${tom.id}"]`);
      await tomRow.waitFor();
      await expect(tomRow.textContent()).resolves.toContain('Customer');
      await tomRow.getByRole('button', { name: /^Set Tom( Operator)? as Live agent$/ }).click();
      await tomRow.getByRole('button', { name: /^Remove the Live agent role from Tom( Operator)?$/ }).waitFor();
      await expect(tomRow.textContent()).resolves.toMatch(/Live agent.*Off duty/);
      await flag(page, /^Tom( Operator)? is now a Live agent/).waitFor();
      await screenshot(page, '11-teams-role-setup');

      // The role is Koji's now, not only the page's.
      const listed = await invokeInPage(page, 'tenant-users/list', { channel: 'teams', tenantId: TEAMS_SANDBOX.tenantId });
      expect(listed).toMatchObject({ ok: true, data: { users: [{ userId: tom.id, role: 'live-agent', duty: 'off' }] } });

      expect(pageErrors).toEqual([]);
    } catch (error) {
      await screenshot(page, 'failed-teams-admin').catch(() => undefined);
      throw error;
    } finally {
      await context.close();
    }
  });
  it('disconnects the Teams tenant once confirmed, says so in a flag, and empties the connect form', async () => {
    const { context, page, pageErrors } = await openBackoffice();
    try {
      await openTab(page, 'Teams tenants');
      const form = page.getByRole('form', { name: 'Connect a Teams tenant' });
      // Typed for the tenant that is about to go: nothing of it may stay behind.
      await form.getByLabel('Directory (tenant) ID', { exact: true }).fill(TEAMS_SANDBOX.tenantId);
      await form.getByLabel('Display name', { exact: true }).fill(TENANT_NAME);
      await form.getByLabel('Microsoft App ID', { exact: true }).fill(TEAMS_SANDBOX.appId);

      await page.getByRole('button', { name: `Disconnect ${TENANT_NAME}` }).click();
      const dialog = page.getByRole('dialog', { name: `Disconnect ${TENANT_NAME}?` });
      await dialog.getByText(/deletes its bot’s client secret/).waitFor();
      await screenshot(page, '10-teams-disconnect-dialog');
      await dialog.getByRole('button', { name: 'Disconnect' }).click();
      await dialog.waitFor({ state: 'detached' });
      await flag(page, `${TENANT_NAME} is disconnected`).waitFor();
      await page.getByText('No Teams tenant is connected yet').waitFor();
      for (const field of ['Directory (tenant) ID', 'Display name', 'Microsoft App ID', 'Client secret', 'Bot’s home tenant ID (optional)']) {
        await expect(form.getByLabel(field, { exact: true }).inputValue()).resolves.toBe('');
      }
      expect(await invokeInPage(page, 'tenants/list', {})).toMatchObject({ ok: true, data: { tenants: [] } });
      expect(pageErrors).toEqual([]);
    } catch (error) {
      await screenshot(page, 'failed-teams-disconnect').catch(() => undefined);
      throw error;
    } finally {
      await context.close();
    }
  });
});
