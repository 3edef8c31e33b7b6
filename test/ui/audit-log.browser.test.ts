/**
 * The backoffice's Audit log tab in Chromium: an admin changes a setting, opens Audit log and reads who changed
 * what, newest first; filters by action; Load more brings older entries; the dark theme follows Jira.
 *
 * Needs `npm run build:ui` first (npm test runs it) and a Chromium (dev/chromium.ts finds one).
 */
import type { Browser, Page } from 'playwright-core';
import type { LocalPlatform } from '../../packages/forge-local/src/platform';
import { startLocalPlatform } from '../../dev/koji-app';
import { invokeBackoffice } from '../local/support/local-platform-client';
import { flag, openTab } from './support/backoffice';
import { launchChromium, newPage, reportColorMode, requireChromiumAndBuild, screenshot, uiBuild, type Opened } from './support/chromium';

jest.setTimeout(60_000);

let platform: LocalPlatform;
let browser: Browser;

beforeAll(async () => {
  requireChromiumAndBuild(uiBuild('backoffice'));
  browser = await launchChromium();
}, 30_000);

beforeEach(async () => {
  platform = await startLocalPlatform({ port: 0, dataDir: ':memory:', env: {} });
});

afterEach(() => platform?.close());
afterAll(() => browser?.close());

async function open(options: { colorMode?: 'dark' } = {}): Promise<Opened> {
  const opened = await newPage(browser, { viewport: { width: 1280, height: 900 } });
  if (options.colorMode) await reportColorMode(opened.page, options.colorMode);
  await opened.page.goto(`${platform.url}/pages/koji-backoffice/`);
  await opened.page.getByRole('heading', { name: 'Koji backoffice', level: 1 }).waitFor();
  return opened;
}

/** What the page's own code sees, for the few checks that read the DOM directly. */
type Browserside = { document: { querySelectorAll(selector: string): { length: number }; documentElement: { dataset: Record<string, string | undefined> } } };

const rows = (page: Page) => page.getByRole('table', { name: 'Audit log' }).getByRole('row');

describe('the Audit log tab', () => {
  it('shows the setting an admin just changed, who changed it and from what to what', async () => {
    const { context, page, pageErrors } = await open();
    try {
      await openTab(page, 'Settings');
      await page.getByLabel('Queue timeout (minutes)').fill('15');
      await page.getByRole('button', { name: 'Save' }).click();
      await flag(page, 'Settings saved').waitFor();

      await openTab(page, 'Audit log');
      await page.getByText('Ada Admin changed Queue timeout: 10 → 15 minutes').waitFor();
      await expect(rows(page).count()).resolves.toBe(2);
      await screenshot(page, 'audit-log');
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('filters by action and loads older entries with Load more, in the dark theme', async () => {
    for (let minutes = 11; minutes <= 37; minutes += 1) await invokeBackoffice(platform, 'settings/update', { change: { queueTimeoutMinutes: minutes } });
    await invokeBackoffice(platform, 'settings/update', { change: { enabled: true } });
    const { context, page, pageErrors } = await open({ colorMode: 'dark' });
    try {
      await openTab(page, 'Audit log');
      await page.getByText('Ada Admin turned live agent support on').waitFor();
      // A page of 25, newest first; Load more brings the other 3.
      await expect(rows(page).count()).resolves.toBe(26);
      await expect(rows(page).nth(2).textContent()).resolves.toContain('Queue timeout: 36 → 37 minutes');
      await page.getByRole('button', { name: 'Load more' }).click();
      await page.getByText('Ada Admin changed Queue timeout: 10 → 11 minutes').waitFor();
      await expect(rows(page).count()).resolves.toBe(29);
      await expect(page.getByRole('button', { name: 'Load more' }).count()).resolves.toBe(0);

      await page.locator('.koji-audit-kind').click();
      await page.getByRole('option', { name: 'Live agent support on or off' }).click();
      await page.waitForFunction(() => (globalThis as unknown as Browserside).document.querySelectorAll('table[aria-label="Audit log"] tbody tr').length === 1);
      await expect(rows(page).nth(1).textContent()).resolves.toContain('Ada Admin turned live agent support on');
      await expect(page.evaluate(() => (globalThis as unknown as Browserside).document.documentElement.dataset['colorMode'])).resolves.toBe('dark');
      await screenshot(page, 'audit-log-dark');
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
