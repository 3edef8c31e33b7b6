/**
 * The Koji backoffice on Jira's admin page (`koji-admin`, the app's configuration page from
 * Manage apps) in Debian's Chromium: Jira gives that page no project, so a Jira admin picks a
 * service project first and then gets the same backoffice as in the project's settings.
 * Someone who is not a Jira admin is refused there, reads included.
 *
 * Needs `npm run build:ui` first (npm test runs it) and /usr/bin/chromium. Screenshots go to
 * .artifacts/screenshots/.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startLocalPlatform, type LocalPlatform } from '../../src/local/platform';

const CHROMIUM = '/usr/bin/chromium';
const REPO_ROOT = path.resolve(__dirname, '..', '..');
const PAGE_BUILD = path.join(REPO_ROOT, 'static', 'backoffice', 'build', 'index.html');
const SCREENSHOTS = path.join(REPO_ROOT, '.artifacts', 'screenshots');

jest.setTimeout(60_000);

let platform: LocalPlatform;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: install Debian's Chromium (apt-get update && apt-get install -y chromium) to run the browser test.`);
  }
  if (!existsSync(PAGE_BUILD)) throw new Error(`${PAGE_BUILD} is missing: run \`npm run build:ui\` first (npm test does).`);
  mkdirSync(SCREENSHOTS, { recursive: true });
  platform = await startLocalPlatform({ port: 0, dataDir: ':memory:', env: {} });
  // A second service project, so that picking one is a real choice (it only lists; SUP is the one set up).
  platform.jsm!.serviceDeskList.push({ id: '2', projectId: '10001', projectKey: 'ITS', projectName: 'IT Services' });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}, 30_000);

afterAll(async () => {
  await browser?.close();
  await platform?.close();
});

async function openAdminPage(as?: string): Promise<{ context: BrowserContext; page: Page; pageErrors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(`${platform.url}/pages/koji-admin/${as ? `?as=${encodeURIComponent(as)}` : ''}`);
  await page.getByRole('heading', { name: 'Koji backoffice', level: 1 }).waitFor();
  return { context, page, pageErrors };
}

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

describe('the Koji backoffice on Jira’s admin page', () => {
  it('lets a Jira admin pick a service project, then change its settings as in the project', async () => {
    const { context, page, pageErrors } = await openAdminPage();
    try {
      // The picker comes first: the page has no project of its own.
      const open = page.getByRole('button', { name: 'Open', exact: true });
      await page.getByRole('combobox', { name: 'Service project' }).waitFor();
      await expect(open.isDisabled()).resolves.toBe(true);
      await expect(page.getByRole('tab', { name: 'Overview' }).count()).resolves.toBe(0);
      await page.getByRole('combobox', { name: 'Service project' }).click();
      await page.getByRole('option', { name: 'IT Services (ITS)' }).waitFor();
      await page.getByRole('option', { name: 'Koji Help Desk (SUP)' }).click();
      await screenshot(page, '12-admin-page-project-picker');
      await open.click();

      // The same backoffice as in SUP's project settings, for SUP.
      await page.getByText('Live agent handoff for the SUP service project').waitFor();
      await page.getByRole('tab', { name: 'Overview' }).waitFor();
      await page.getByRole('tab', { name: 'Koji settings' }).click();
      await page.getByLabel('Operator capacity').fill('3');
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByText('Settings saved.').waitFor();
      await screenshot(page, '13-admin-page-koji-settings');
      await page.getByRole('tab', { name: 'Configuration' }).click();
      await page.getByText('No workspace is connected yet').waitFor();

      // Saved for SUP itself: its project settings page shows it.
      const fromProject = await (
        await fetch(`${platform.url}/__forge/invoke`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-koji-local-account': 'local-admin' },
          body: JSON.stringify({ moduleKey: 'koji-backoffice', functionKey: 'settings/get', payload: {} }),
        })
      ).json();
      expect(fromProject).toMatchObject({ result: { ok: true, data: { settings: { operatorCapacity: 3 } } } });

      // Back to the picker.
      await page.getByRole('button', { name: 'Change project' }).click();
      await page.getByRole('combobox', { name: 'Service project' }).waitFor();
      expect(pageErrors).toEqual([]);
    } catch (error) {
      await screenshot(page, 'failed-admin-page').catch(() => undefined);
      throw error;
    } finally {
      await context.close();
    }
  });

  it('tells someone who is not a Jira admin that the page is not for them', async () => {
    const { context, page, pageErrors } = await openAdminPage('local-project-admin');
    try {
      await page.getByText('This page is for Jira administrators').waitFor();
      await expect(page.getByRole('combobox', { name: 'Service project' }).count()).resolves.toBe(0);
      await screenshot(page, '14-admin-page-not-an-admin');
      expect(pageErrors).toEqual([]);
    } catch (error) {
      await screenshot(page, 'failed-admin-page-non-admin').catch(() => undefined);
      throw error;
    } finally {
      await context.close();
    }
  });
});
