/**
 * The backoffice's Privacy tab (issue 23) in a real browser: Bob talks to Alice in the Slack sandbox, then an admin
 * finds Bob by his e-mail, downloads his data as JSON, erases it after confirming, and sees it done; disconnecting
 * the workspace offers to erase its people's data too. Light theme.
 *
 * Needs `npm run build:ui` first (npm test runs it) and a Chromium (dev/chromium.ts finds one).
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import type { LocalPlatform } from '../../packages/forge-local/src/platform';
import { startLocalPlatform } from '../../dev/koji-app';
import { SANDBOX_WORKSPACE } from '../../packages/forge-local/src/slack';
import { localPlatformClient } from '../local/support/local-platform-client';
import { flag, openTab } from './support/backoffice';
import { launchChromium, newPage, requireChromiumAndBuild, screenshot, uiBuild, type Opened } from './support/chromium';
import { openSlackDesk, sayOnSlack } from './support/slack-desk';

jest.setTimeout(60_000);

let platform: LocalPlatform;
let browser: Browser;

const { admin, settle } = localPlatformClient(() => platform);

const say = (userId: string, text: string): Promise<void> => sayOnSlack(platform, userId, text);

beforeAll(async () => {
  requireChromiumAndBuild(uiBuild('backoffice'));
  browser = await launchChromium();
}, 30_000);

beforeEach(async () => {
  platform = await startLocalPlatform({ port: 0, dataDir: ':memory:', slackSandbox: true, env: {} });
  await openSlackDesk(platform);
  await say('UBOB', 'operator');
  await say('UBOB', 'My password is hunter2, please reset it');
  await say('UALICE', 'Done, Bob');
  await say('UALICE', 'stop');
}, 60_000);

afterEach(() => platform?.close());
afterAll(() => browser?.close());

async function openPrivacy(): Promise<Opened> {
  const opened = await newPage(browser, { viewport: { width: 1280, height: 900 } });
  await opened.page.goto(`${platform.url}/pages/koji-backoffice/`);
  await opened.page.getByRole('heading', { name: 'Koji backoffice', level: 1 }).waitFor();
  await openTab(opened.page, 'Privacy');
  return opened;
}

async function findBob(page: Page): Promise<void> {
  await page.getByLabel('User id or e-mail').fill('bob@sandbox.test');
  await page.getByRole('button', { name: 'Find' }).click();
  await page.getByText('Slack user UBOB (Bob User)').waitFor();
}

describe('the Privacy tab', () => {
  it('finds Bob by e-mail and downloads everything Koji keeps about him as JSON', async () => {
    const { context, page, pageErrors } = await openPrivacy();
    try {
      await findBob(page);
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export data (JSON)' }).click()]);

      expect(download.suggestedFilename()).toMatch(/^koji-data-slack-UBOB-\d{4}-\d{2}-\d{2}\.json$/);
      const file = JSON.parse(readFileSync(await download.path(), 'utf8')) as { person: { userId: string }; conversations: Array<{ userName?: string; lines: Array<{ text: string }> }> };
      expect(file.person.userId).toBe('UBOB');
      const past = file.conversations.find((c) => c.userName === 'Bob User');
      expect(past?.lines.map((l) => l.text)).toEqual(expect.arrayContaining(['My password is hunter2, please reset it', 'Done, Bob']));
      await flag(page, 'Exported the data of Slack user UBOB').waitFor();
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('asks before erasing Bob’s data, then shows it erased', async () => {
    const { context, page, pageErrors } = await openPrivacy();
    try {
      await findBob(page);
      await page.getByRole('button', { name: 'Erase data…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Erase the data of Slack user UBOB?' });
      await dialog.getByText('This can’t be undone.', { exact: false }).waitFor();
      await screenshot(page, 'privacy-erase-confirm');
      await dialog.getByRole('button', { name: 'Erase' }).click();

      await page.getByText('Erased', { exact: true }).waitFor();
      await page.getByText(/records deleted, 0 kept as “erased person”/).waitFor();
      await screenshot(page, 'privacy-erased');
      const again = await admin('history/search', {});
      expect(again).toMatchObject({ ok: true, data: { conversations: [] } });
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('lets cancelling the confirmation erase nothing', async () => {
    const { context, page } = await openPrivacy();
    try {
      await findBob(page);
      await page.getByRole('button', { name: 'Erase data…' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
      await page.getByRole('dialog').waitFor({ state: 'detached' });

      expect(await admin('privacy/erasure', { channel: 'slack', tenantId: SANDBOX_WORKSPACE.teamId, userId: 'UBOB' })).toMatchObject({ ok: true, data: { status: 'none' } });
    } finally {
      await context.close();
    }
  });

  it('offers to erase a workspace’s people’s data when it is disconnected', async () => {
    const { context, page, pageErrors } = await openPrivacy();
    try {
      await openTab(page, 'Slack workspaces');
      await page.getByRole('button', { name: /^Disconnect/ }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel(/Erase its people’s data too/).check();
      await screenshot(page, 'privacy-disconnect-erase');
      await dialog.getByRole('button', { name: 'Disconnect' }).click();
      await flag(page, /Its people’s data is being erased in the background/).waitFor();
      await settle();

      expect(await admin('privacy/erasure', { channel: 'slack', tenantId: SANDBOX_WORKSPACE.teamId, userId: 'UBOB' })).toMatchObject({ ok: true, data: { status: 'done' } });
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
