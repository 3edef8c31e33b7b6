/**
 * A Jira agent works a ticket on the local Jira's page in a real browser (Chromium, driven by playwright-core), as a
 * person trying `npm start` would: a reply to the customer, then a transition to Resolved; the user's Slack sandbox
 * chat then shows both follow-ups, with Reply on ticket. Needs `npm run build:ui` first (the ticket page frames the
 * issue panel). Screenshots go to .artifacts/screenshots/.
 */
import type { Browser } from 'playwright-core';
import type { LocalPlatform } from '../../packages/forge-local/src/platform';
import { localPlatformClient, startSandboxedPlatform } from '../local/support/local-platform-client';
import { launchChromium, newPage, requireChromiumAndBuild, screenshot, uiBuild } from './support/chromium';
import { openSlackDesk, sayOnSlack } from './support/slack-desk';

jest.setTimeout(90_000);

let platform: LocalPlatform;
let browser: Browser;
const { settle } = localPlatformClient(() => platform);

const say = (userId: string, text: string): Promise<void> => sayOnSlack(platform, userId, text);

beforeAll(async () => {
  requireChromiumAndBuild(uiBuild('issue-panel'));
  browser = await launchChromium();
  ({ platform } = await startSandboxedPlatform());
  await openSlackDesk(platform);
  for (const [who, text] of [['UBOB', 'operator'], ['UBOB', 'My laptop will not boot'], ['UALICE', '#create_ticket Laptop does not boot'], ['UALICE', 'stop']]) {
    await say(who!, text!);
  }
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await platform?.close();
});

describe('working a ticket on the local Jira, and the user hearing of it', () => {
  it('adds a reply to the customer and resolves the ticket from its page; the user’s chat shows both, with Reply on ticket', async () => {
    const { context, page, pageErrors } = await newPage(browser, { viewport: { width: 1280, height: 1100 } });
    try {
      await page.goto(`${platform.url}/jira/browse/SUP-1`);
      await page.getByRole('heading', { name: 'Work on it (as Local Agent)' }).waitFor();
      await page.getByRole('textbox', { name: 'Comment' }).fill('Please hold the power button for 10 seconds. <b>not bold</b>');
      await page.getByRole('button', { name: 'Add comment' }).click();
      await page.getByText('Please hold the power button for 10 seconds. <b>not bold</b>').waitFor();

      await page.getByRole('combobox', { name: 'Status' }).selectOption('Resolved');
      await page.getByRole('button', { name: 'Transition' }).click();
      await page.locator('.issue-details .lozenge.status', { hasText: 'Resolved' }).waitFor();
      await screenshot(page, 'ticket-worked-on');
      await settle();

      await page.goto(`${platform.url}/sandbox/slack?as=UBOB`);
      await page.getByText('Local Agent commented on your ticket SUP-1:', { exact: false }).waitFor();
      await page.getByText('Your ticket SUP-1 is now Resolved (resolution: Done).', { exact: false }).waitFor();
      await page.getByRole('button', { name: 'Reply on ticket SUP-1' }).first().waitFor();
      await screenshot(page, 'ticket-follow-up-in-slack');
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
