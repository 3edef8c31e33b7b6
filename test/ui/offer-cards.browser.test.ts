/**
 * An operator offer on the sandbox chat page, Slack's and Teams', in a real browser: the operator sees the card
 * with Accept (the channel's primary button) and Decline; a card left to expire changes in place, on the page, to
 * say the user went on, with nothing left to click; Accept on the next card connects the user and marks the card.
 * The offer's minute passes for the local queue at once (the app's clock is not moved).
 */
import type { Browser, Locator } from 'playwright-core';
import type { LocalPlatform } from '../../packages/forge-local/src/platform';
import { settle } from '../local/support/local-platform-client';
import { openTwoChannelDesk } from '../e2e/support/two-channel-desk';
import { launchChromium, newPage, requireScreenshots, screenshot } from './support/chromium';

jest.setTimeout(90_000);

let platform: LocalPlatform;
let browser: Browser;

/** What a step set off, leaving the offer's expiry ahead. */
const settleLeavingTimers = () => settle(platform, { leavingLaterThanMs: 5_000 });

interface Channel {
  readonly name: 'slack' | 'teams';
  readonly operator: string;
  readonly users: readonly [string, string];
  readonly userNames: readonly [string, string];
  sendAs(who: string, text: string): Promise<unknown>;
}

const CHANNELS: readonly Channel[] = [
  { name: 'slack', operator: 'UALICE', users: ['UBOB', 'UEVE'], userNames: ['Bob User', 'Eve User'], sendAs: (who, text) => platform.slack!.sendAs(who, text) },
  { name: 'teams', operator: 'tom', users: ['vic', 'wendy'], userNames: ['Vic User', 'Wendy User'], sendAs: (who, text) => platform.teams!.sendAs(who, text) },
];

beforeAll(async () => {
  requireScreenshots();
  browser = await launchChromium();
}, 30_000);

afterAll(async () => {
  await browser?.close();
});

beforeEach(async () => {
  ({ platform } = await openTwoChannelDesk({ operatorAssignment: 'offer-first' }, ['tom', 'vic', 'wendy']));
});

afterEach(async () => {
  await platform?.close();
});

/** The card's buttons as the page shows them: their names and whether they wear the channel's primary look. */
function buttonsOf(card: Locator): Promise<Array<{ name: string; primary: boolean }>> {
  return card.locator('.actions button').evaluateAll((buttons: Array<{ textContent: string | null; className: string }>) =>
    buttons.map((b) => ({ name: b.textContent ?? '', primary: /\b(primary|positive)\b/.test(b.className) })),
  );
}

describe.each(CHANNELS)('an operator offer on the $name chat page', (channel) => {
  it('shows Accept and Decline, changes an expired card in place, and marks an accepted one', async () => {
    await channel.sendAs(channel.operator, '#on');
    await settleLeavingTimers();
    const { context, page, pageErrors } = await newPage(browser, { viewport: { width: 1024, height: 900 } });
    try {
      await channel.sendAs(channel.users[0], 'operator');
      await settleLeavingTimers();
      await page.goto(`${platform.url}/sandbox/${channel.name}?as=${channel.operator}`);
      const log = page.getByRole('log');
      const first = log.locator('li.message.bot', { hasText: `${channel.userNames[0]} (` });
      await first.waitFor();
      await expect(buttonsOf(first)).resolves.toEqual([
        { name: 'Accept', primary: true },
        { name: 'Decline', primary: false },
      ]);
      await screenshot(page, `offer-card-${channel.name}`);
      const shownBefore = await log.locator('li.message').count();

      platform.queue.bringForward(60);
      await settleLeavingTimers();

      const expired = log.locator('li.message.bot', { hasText: `Nobody accepted within 60 seconds, so ${channel.userNames[0]} was passed on to the next operator.` });
      await expired.waitFor();
      await expect(buttonsOf(expired)).resolves.toEqual([]);
      await expect(log.locator('li.message').count()).resolves.toBe(shownBefore);
      await screenshot(page, `offer-card-expired-${channel.name}`);

      await channel.sendAs(channel.users[1], 'operator');
      await settleLeavingTimers();
      const second = log.locator('li.message.bot', { hasText: `${channel.userNames[1]} (` });
      await second.getByRole('button', { name: 'Accept' }).click();
      await page.getByText('Clicked “Accept”.').waitFor();
      await log.locator('li.message.bot', { hasText: 'Accepted by you' }).waitFor();
      await expect(buttonsOf(log.locator('li.message.bot', { hasText: 'Accepted by you' }))).resolves.toEqual([]);
      expect(pageErrors).toEqual([]);
    } catch (error) {
      await screenshot(page, `failed-offer-card-${channel.name}`).catch(() => undefined);
      throw error;
    } finally {
      await context.close();
    }
  });
});
