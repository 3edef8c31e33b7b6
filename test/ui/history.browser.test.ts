/**
 * The backoffice's History tab (issue 20) in a real browser: conversations held in the Slack sandbox through the
 * app's real doors (admin resolvers over `invoke`, signed Slack events to the web trigger), then an admin finds
 * them newest first, picks Bob from the users in the history, opens his conversation and reads it (the operator's
 * internal note marked, the ticket linked), in light and dark; and sets how long conversations are kept.
 *
 * Needs `npm run build:ui` first (npm test runs it) and a Chromium (dev/chromium.ts finds one).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { LocalPlatform } from '../../packages/forge-local/src/platform';
import { startLocalPlatform } from '../../dev/koji-app';
import { localPlatformClient } from '../local/support/local-platform-client';
import { flag, openTab } from './support/backoffice';
import { launchChromium, newPage, reportColorMode, requireChromiumAndBuild, screenshot, uiBuild, type Opened } from './support/chromium';
import { openSlackDesk, sayOnSlack } from './support/slack-desk';
import { expectTextsEventually } from './support/texts';

jest.setTimeout(60_000);

let platform: LocalPlatform;
let browser: Browser;
let dataDir: string;

const { admin } = localPlatformClient(() => platform);

const say = (userId: string, text: string): Promise<void> => sayOnSlack(platform, userId, text);

beforeAll(async () => {
  requireChromiumAndBuild(uiBuild('backoffice'));
  dataDir = mkdtempSync(path.join(tmpdir(), 'koji-ui-history-'));
  platform = await startLocalPlatform({ port: 0, dataDir, slackSandbox: true, env: {} });
  await openSlackDesk(platform);

  // Bob's conversation, with an internal note and a ticket; then Chloé's, which she leaves while it is short.
  await say('UBOB', 'operator');
  await say('UBOB', 'My printer jams on every page');
  await say('UALICE', '#note Printer on floor 3 again');
  await say('UALICE', '#create_ticket Printer jams');
  await say('UALICE', 'stop');
  await say('UCHLOE', 'un opérateur');
  await say('UCHLOE', 'stop');

  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await platform?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function openHistory(options: { colorMode?: 'dark' } = {}): Promise<Opened> {
  const opened = await newPage(browser, { viewport: { width: 1280, height: 900 } });
  if (options.colorMode) await reportColorMode(opened.page, options.colorMode);
  await opened.page.goto(`${platform.url}/pages/koji-backoffice/`);
  await opened.page.getByRole('heading', { name: 'Koji backoffice', level: 1 }).waitFor();
  await openTab(opened.page, 'History');
  await opened.page.getByRole('heading', { name: 'Conversation history', level: 2 }).waitFor();
  return opened;
}

/** Picks `option` in the Atlaskit select labelled `label`. */
async function pick(page: Page, label: string, option: string): Promise<void> {
  await page.locator('.koji-select-medium').filter({ has: page.getByLabel(label, { exact: true }) }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

const rows = (page: Page) => page.getByRole('table', { name: 'Past conversations' }).locator('tbody tr');

describe('the History tab', () => {
  it.each([['light'], ['dark']] as const)('finds Bob’s conversation by picking him, and opens it with its note marked and its ticket linked (%s)', async (mode) => {
    const { context, page, pageErrors } = await openHistory(mode === 'dark' ? { colorMode: 'dark' } : {});
    try {
      // Newest first: Chloé left last.
      await expectTextsEventually(rows(page).locator('td:nth-child(2)'), ['Chloé Dubois', 'Bob User']);
      await expect(rows(page).nth(1).textContent()).resolves.toMatch(/Alice Operator.*Slack.*Ended by the operator.*SUP-1/);

      await pick(page, 'Whose conversations', 'A user');
      await pick(page, 'User', 'Bob User (Slack)');
      await page.getByRole('button', { name: 'Search' }).click();
      await expectTextsEventually(rows(page).locator('td:nth-child(2)'), ['Bob User']);

      await page.getByRole('button', { name: /^Open the conversation with Bob User/ }).click();
      const dialog = page.getByRole('dialog', { name: 'Conversation with Bob User' });
      const transcript = dialog.getByRole('list', { name: 'Transcript' });
      await transcript.getByText('My printer jams on every page').waitFor();
      const note = transcript.locator('li').filter({ hasText: 'Printer on floor 3 again' });
      await note.getByText('Internal note').waitFor();
      await expect(dialog.getByRole('link', { name: 'SUP-1' }).getAttribute('href')).resolves.toMatch(/SUP-1$/);
      await expect(dialog.locator('dl.koji-facts').textContent()).resolves.toMatch(/Operator\s*Alice Operator.*Ended.*Ended by the operator.*Rating\s*Not rated/);
      await screenshot(page, `history-conversation-${mode}`);
      expect(pageErrors).toEqual([]);
    } catch (error) {
      await screenshot(page, `failed-history-${mode}`).catch(() => undefined);
      throw error;
    } finally {
      await context.close();
    }
  });

  it('finds the conversation a ticket was made from, and says so when nothing matches', async () => {
    const { context, page } = await openHistory();
    try {
      await rows(page).first().waitFor();
      await page.getByLabel('Ticket key').fill('sup-1');
      await page.getByRole('button', { name: 'Search' }).click();
      await expectTextsEventually(rows(page).locator('td:nth-child(2)'), ['Bob User']);
      await page.getByLabel('Ticket key').fill('SUP-99');
      await page.getByRole('button', { name: 'Search' }).click();
      await page.getByText('No conversation in the history matches.').waitFor();
      await page.getByLabel('Ticket key').fill('not a key');
      await page.getByRole('button', { name: 'Search' }).click();
      await page.getByText('A ticket key is written like SUP-12.').waitFor();
    } finally {
      await context.close();
    }
  });

  it('lets the admin keep conversations 30 days, saying what is kept, and refuses 400', async () => {
    const { context, page } = await openHistory();
    try {
      await openTab(page, 'Settings');
      const field = page.getByLabel('Keep conversations (days)');
      await expect(field.inputValue()).resolves.toBe('90');
      await page.getByText(/What is kept: each conversation’s record/).waitFor();
      await field.fill('400');
      await page.getByText('Conversations must be kept from 7 to 365 days.').waitFor();
      await field.fill('30');
      await page.getByRole('button', { name: 'Save' }).click();
      await flag(page, 'Settings saved').waitFor();
      expect(await admin('settings/get', {})).toMatchObject({ ok: true, data: { settings: { retentionDays: 30 } } });
      await openTab(page, 'History');
      await page.getByText(/Conversations that ended in the last 30 days/).waitFor();
    } finally {
      await context.close();
    }
  });
});
