import type { Browser, Page } from 'playwright-core';
import type { LocalPlatform } from '../../../packages/forge-local/src/platform';
import { startLocalPlatform } from '../../../dev/koji-app';
import { invokeBackoffice } from '../../local/support/local-platform-client';
import { openTab } from './backoffice';
import { launchChromium, newPage, reportColorMode, requireChromiumAndBuild, uiBuild, type Opened } from './chromium';

/**
 * A spec of one section of the backoffice's Settings: a local platform and a Chromium for the whole file, the
 * settings page opened on that section (`section`: its heading), and the settings as the resolver now holds them.
 */
export function settingsPageHarness(section: string) {
  let platform: LocalPlatform;
  let browser: Browser;

  beforeAll(async () => {
    requireChromiumAndBuild(uiBuild('backoffice'));
    platform = await startLocalPlatform({ port: 0, dataDir: ':memory:', env: {} });
    browser = await launchChromium();
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  const showSettings = async (page: Page): Promise<void> => {
    await page.getByRole('heading', { name: 'Koji backoffice', level: 1 }).waitFor();
    await openTab(page, 'Settings');
    await page.getByRole('heading', { name: section, level: 2 }).waitFor();
  };

  return {
    showSettings,
    async savedSettings<T>(): Promise<T> {
      const result = (await invokeBackoffice(platform, 'settings/get')) as { ok: boolean; data?: { settings: T } };
      expect(result.ok).toBe(true);
      return result.data!.settings;
    },
    async openSettings(options: { colorMode?: 'dark' } = {}): Promise<Opened> {
      const opened = await newPage(browser, { viewport: { width: 1280, height: 900 } });
      if (options.colorMode) await reportColorMode(opened.page, options.colorMode);
      await opened.page.goto(`${platform.url}/pages/koji-backoffice/`);
      await showSettings(opened.page);
      return opened;
    },
  };
}
