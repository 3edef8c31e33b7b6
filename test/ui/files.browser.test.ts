/**
 * Files relayed, as people see them in a real browser: a Slack operator's picture reaches a Teams user inline on the
 * Teams sandbox page; a Slack user's log file reaches the Slack operator as a file they can download; both are on
 * the local ticket page made from the conversation, the picture as a thumbnail. Names are shown as typed.
 */
import type { Browser } from 'playwright-core';
import type { LocalPlatform } from '../../packages/forge-local/src/platform';
import type { SlackSandbox } from '../../packages/forge-local/src/slack';
import { settle } from '../local/support/local-platform-client';
import { openTwoChannelDesk } from '../e2e/support/two-channel-desk';
import { launchChromium, newPage, requireScreenshots, screenshot } from './support/chromium';
import { expectEventually } from '../support/eventually';

jest.setTimeout(90_000);

let platform: LocalPlatform;
let slack: SlackSandbox;
let browser: Browser;

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a1d70000000049454e44ae426082', 'hex');
const PICTURE = 'wifi <settings>.png';
const LOG = 'vpn_client *debug*.log';

beforeAll(async () => {
  requireScreenshots();
  browser = await launchChromium();
}, 30_000);

afterAll(async () => {
  await browser?.close();
});

beforeEach(async () => {
  ({ platform, slack } = await openTwoChannelDesk({ operatorCapacity: 2 }, ['tom', 'wendy']));
});

afterEach(async () => {
  await platform?.close();
});

describe('files on the sandbox pages and the ticket page', () => {
  it('shows a picture inline to a Teams user, a log as a file to the Slack operator, and both on the ticket', async () => {
    await slack.sendAs('UALICE', '#on');
    await platform.teams!.sendAs('wendy', 'operator');
    await settle(platform);
    await slack.sendAs('UALICE', 'this is the screen to look for', [{ name: PICTURE, mimetype: 'image/png', bytes: PNG }]);
    await slack.sendAs('UBOB', 'operator');
    await settle(platform);
    await slack.sendAs('UBOB', 'Bob: here is the log', [{ name: LOG, mimetype: 'text/plain', bytes: Buffer.from('connect failed\n'.repeat(50)) }]);
    await settle(platform);
    await slack.sendAs('UALICE', 'Wendy User: #create_ticket Wi-Fi settings');
    await settle(platform);

    const { context, page, pageErrors } = await newPage(browser, { viewport: { width: 1024, height: 900 } });
    try {
      await page.goto(`${platform.url}/sandbox/teams?as=wendy`);
      const picture = page.getByRole('log').locator('figure.shared-file img');
      await picture.waitFor();
      await expect(picture.getAttribute('alt')).resolves.toBe(PICTURE);
      // Shown (its border makes it visible) before the picture itself has loaded: its width is 0 until then.
      await expectEventually(() => picture.evaluate((img: { naturalWidth: number }) => img.naturalWidth), 1);
      await screenshot(page, 'file-picture-teams');

      await page.goto(`${platform.url}/sandbox/slack?as=UALICE`);
      const file = page.getByRole('log').locator('figure.shared-file a', { hasText: LOG });
      await file.waitFor();
      await expect(file.getAttribute('download')).resolves.toBe(LOG);

      await page.goto(`${platform.url}/jira/browse/SUP-1`);
      const attachments = page.getByRole('region', { name: /Attachments/ });
      await attachments.waitFor();
      await expect(attachments.locator('a').allTextContents()).resolves.toEqual([PICTURE]);
      await expect(attachments.locator('img.attachment-thumb').getAttribute('alt')).resolves.toBe(PICTURE);
      await screenshot(page, 'file-on-ticket');
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('sends a file with the Teams page’s file picker; the Slack operator gets it, byte for byte', async () => {
    const PDF = Buffer.from('%PDF-1.4\n' + 'a page of the manual\n'.repeat(200) + '%%EOF\n');
    await slack.sendAs('UALICE', '#on');
    await platform.teams!.sendAs('wendy', 'operator');
    await settle(platform);

    const { context, page, pageErrors } = await newPage(browser, { viewport: { width: 1024, height: 900 } });
    try {
      await page.goto(`${platform.url}/sandbox/teams?as=wendy`);
      await page.getByRole('log').getByText('operator').first().waitFor();
      await page.locator('#file').setInputFiles({ name: 'manual.pdf', mimeType: 'application/pdf', buffer: PDF });
      await page.getByRole('button', { name: 'Send' }).click();
      await page.getByRole('status').getByText(/^Sent/).waitFor();
      await page.getByRole('log').getByText('📎 manual.pdf').waitFor();
      await settle(platform);

      await page.goto(`${platform.url}/sandbox/slack?as=UALICE`);
      const file = page.getByRole('log').locator('figure.shared-file a', { hasText: 'manual.pdf' });
      await file.waitFor();
      const href = await file.getAttribute('href');
      const served = await page.request.get(new URL(href!, platform.url).href);
      expect(Buffer.from(await served.body())).toEqual(PDF);
      await screenshot(page, 'file-from-teams-on-slack');
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
