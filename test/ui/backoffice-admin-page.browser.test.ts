/**
 * The Koji backoffice on Jira's admin page (`koji-admin`, the app's configuration page from
 * Manage apps) in Debian's Chromium: Jira gives that page no project, so a Jira admin picks a
 * service project first and then gets the same backoffice as in the project's settings.
 * Someone who is not a Jira admin is refused there, reads included.
 *
 * Needs `npm run build:ui` first (npm test runs it) and a Chromium (dev/chromium.ts finds one). Screenshots go to
 * .artifacts/screenshots/.
 */
import type { Browser } from 'playwright-core';
import type { LocalPlatform } from '../../packages/forge-local/src/platform';
import { startLocalPlatform } from '../../dev/koji-app';
import { invokeBackoffice } from '../local/support/local-platform-client';
import { flag, openTab } from './support/backoffice';
import { launchChromium, newPage, requireChromiumAndBuild, screenshot, uiBuild, type Opened } from './support/chromium';

jest.setTimeout(60_000);

let platform: LocalPlatform;
let browser: Browser;

beforeAll(async () => {
  requireChromiumAndBuild(uiBuild('backoffice'));
  platform = await startLocalPlatform({ port: 0, dataDir: ':memory:', env: {} });
  // A second service project, so that picking one is a real choice (it only lists; SUP is the one set up).
  platform.jsm!.serviceDeskList.push({ id: '2', projectId: '10001', projectKey: 'ITS', projectName: 'IT Services' });
  browser = await launchChromium();
}, 30_000);

afterAll(async () => {
  await browser?.close();
  await platform?.close();
});

async function openAdminPage(as?: string): Promise<Opened> {
  const { context, page, pageErrors } = await newPage(browser, { viewport: { width: 1280, height: 900 } });
  await page.goto(`${platform.url}/pages/koji-admin/${as ? `?as=${encodeURIComponent(as)}` : ''}`);
  await page.getByRole('heading', { name: 'Koji backoffice', level: 1 }).waitFor();
  return { context, page, pageErrors };
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
      await openTab(page, 'Settings');
      await page.getByLabel('Operator capacity').fill('3');
      await page.getByRole('button', { name: 'Save' }).click();
      await flag(page, 'Settings saved').waitFor();
      await screenshot(page, '13-admin-page-koji-settings');
      await openTab(page, 'Slack workspaces');
      await page.getByText('No Slack workspace is connected yet').waitFor();

      // Saved for SUP itself: its project settings page shows it.
      expect(await invokeBackoffice(platform, 'settings/get')).toMatchObject({ ok: true, data: { settings: { operatorCapacity: 3 } } });

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
