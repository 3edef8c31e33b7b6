/**
 * The backoffice Overview in a real browser, as a Jira admin keeps it open while the team works: it reads
 * again by itself every 10 seconds (the page's clock is Playwright's, so ten seconds pass at once) and shows
 * who waits and which conversation is in progress without anyone clicking Refresh; a row's last message is
 * read on demand; light and dark. Bad Load more cursors are refused by the resolvers, through the bridge.
 */
import type { Browser, Page } from 'playwright-core';
import { SANDBOX_WORKSPACE } from '../../packages/forge-local/src/slack';
import { openTwoChannelDesk, deskChat } from '../e2e/support/two-channel-desk';
import type { SandboxedPlatform } from '../local/support/local-platform-client';
import { invokeInPage, launchChromium, newPage, reportColorMode, requireChromiumAndBuild, screenshot, uiBuild } from './support/chromium';

jest.setTimeout(90_000);

let desk: SandboxedPlatform;
let browser: Browser;
const { say } = deskChat(() => desk);

beforeAll(async () => {
  requireChromiumAndBuild(uiBuild('backoffice'));
  browser = await launchChromium();
}, 30_000);

afterAll(async () => {
  await browser?.close();
});

beforeEach(async () => {
  desk = await openTwoChannelDesk({ operatorCapacity: 1 }, ['tom', 'vic']);
});

afterEach(async () => {
  await desk?.platform.close();
});

describe.each([{ colorMode: 'light' as const }, { colorMode: 'dark' as const }])('the live Overview ($colorMode)', ({ colorMode }) => {
  it('updates by itself while it is open: the conversation in progress and the user waiting appear without a click', async () => {
    const { context, page, pageErrors } = await newPage(browser, { viewport: { width: 1280, height: 1000 } });
    try {
      if (colorMode === 'dark') await reportColorMode(page, 'dark');
      await page.clock.install();
      await page.goto(`${desk.platform.url}/pages/koji-backoffice/`);
      await page.getByText('Nobody is on duty').waitFor();
      await page.getByText('Updates every 10 seconds.').waitFor();
      const firstRead = await lastUpdated(page);
      // From here the page's time stands still unless the spec moves it: only its own timer can read again.
      await page.clock.pauseAt(Date.now() + 1_000);

      await say('slack', 'UALICE', '#on');
      await say('slack', 'UBOB', 'operator');
      await say('teams', 'vic', 'operator');
      await page.clock.fastForward(10_000);

      const inProgress = page.getByRole('table', { name: 'Conversations in progress' });
      await inProgress.getByRole('row', { name: /Bob User.*Slack.*Alice Operator/ }).waitFor();
      const waiting = page.getByRole('table', { name: 'Users waiting' });
      await waiting.getByRole('row', { name: /^1 Vic User Microsoft Teams/ }).waitFor();
      await page.getByRole('table', { name: 'Operators on duty' }).getByRole('row', { name: /Alice Operator/ }).waitFor();
      await expect(page.getByRole('heading', { name: 'Waiting (1)' }).count()).resolves.toBe(1);
      expect(await lastUpdated(page)).not.toBe(firstRead);

      await inProgress.getByRole('button', { name: 'Show when the last message with Bob User was' }).click();
      await inProgress.getByRole('status').filter({ hasText: /just now|min ago/ }).waitFor();
      await screenshot(page, `overview-live-${colorMode}`);
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('the Overview’s resolvers', () => {
  it('refuses a Load more cursor or a conversation it did not hand out, saying why', async () => {
    const { context, page } = await newPage(browser, { viewport: { width: 1280, height: 800 } });
    try {
      await page.goto(`${desk.platform.url}/pages/koji-backoffice/`);
      await page.getByText('Nobody is on duty').waitFor();
      for (const key of ['activity/on-duty', 'activity/waiting', 'activity/in-progress']) {
        for (const cursor of [undefined, 42, '', 'not json', '{"at":"x"}', 'x'.repeat(10_000)]) {
          expect(await invokeInPage(page, key, { cursor })).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
        }
      }
      expect(await invokeInPage(page, 'activity/waiting', { cursor: JSON.stringify({ at: 0, seen: [], shown: 0 }) })).toMatchObject({ ok: true, data: { rows: [] } });
      const user = { channel: 'slack', tenantId: SANDBOX_WORKSPACE.teamId, userId: 'UBOB' };
      expect(await invokeInPage(page, 'activity/last-message', { conversationId: `slack/${SANDBOX_WORKSPACE.teamId}/UEVE/Ev1`, user })).toMatchObject({
        ok: false,
        error: { code: 'invalid_request' },
      });
    } finally {
      await context.close();
    }
  });
});

async function lastUpdated(page: Page): Promise<string> {
  const status = page.getByRole('status').filter({ hasText: 'Last updated' });
  await status.waitFor();
  return (await status.textContent()) ?? '';
}
