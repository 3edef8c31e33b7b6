/**
 * The backoffice's Ticket follow-up settings (issue 22) in Debian's Chromium: an admin chooses whether agents'
 * public comments and resolutions reach users in the chat, which statuses mean resolved, and whether users may
 * reply from the chat. What is saved comes back after a reload; a status name the resolver would refuse is said
 * at the field as it is typed, and the resolver's own words come in a flag when saved anyway, with nothing saved.
 *
 * Needs `npm run build:ui` first (npm test runs it) and a Chromium (dev/chromium.ts finds one).
 */
import type { Page } from 'playwright-core';
import { dismissFlags, flag } from './support/backoffice';
import { screenshot } from './support/chromium';
import { settingsPageHarness } from './support/settings-page';

jest.setTimeout(60_000);

const { savedSettings: saved, openSettings, showSettings } = settingsPageHarness('Ticket follow-up');

interface FollowUpSettingsView {
  readonly followUp: boolean;
  readonly followUpStatuses: string[];
  readonly followUpReplies: boolean;
}

async function savedSettings(): Promise<FollowUpSettingsView> {
  const { followUp, followUpStatuses, followUpReplies } = await saved<FollowUpSettingsView>();
  return { followUp, followUpStatuses, followUpReplies };
}

const followUpToggle = (page: Page) => page.getByRole('checkbox', { name: 'Tell users about their ticket in the chat' });
const repliesToggle = (page: Page) => page.getByRole('checkbox', { name: 'Let users reply from the chat' });
const statuses = (page: Page) => page.getByLabel('Statuses that mean resolved');

describe('the Ticket follow-up settings', () => {
  it('keeps replies turned off and a status an admin adds, after a reload', async () => {
    const { context, page, pageErrors } = await openSettings();
    try {
      await expect(savedSettings()).resolves.toEqual({ followUp: true, followUpStatuses: [], followUpReplies: true });
      await expect(followUpToggle(page).isChecked()).resolves.toBe(true);
      await expect(repliesToggle(page).isChecked()).resolves.toBe(true);
      await expect(statuses(page).inputValue()).resolves.toBe('');
      await expect(statuses(page).getAttribute('placeholder')).resolves.toBe('Jira’s Done category');
      await page.getByText('Public comments agents add to a ticket made from a conversation, and its resolution, reach the user in Slack or Teams. Internal comments never do.').waitFor();
      await page.getByText('A Reply on ticket button under each follow-up: the user’s next message is added to the ticket as a public comment, in their name.').waitFor();

      await page.getByText('Let users reply from the chat').click();
      await statuses(page).fill('  Closed ');
      await page.getByRole('button', { name: 'Save' }).click();
      await flag(page, 'Settings saved').waitFor();
      await expect(savedSettings()).resolves.toEqual({ followUp: true, followUpStatuses: ['Closed'], followUpReplies: false });

      await page.reload();
      await showSettings(page);
      await expect(statuses(page).inputValue()).resolves.toBe('Closed');
      await expect(repliesToggle(page).isChecked()).resolves.toBe(false);
      await expect(followUpToggle(page).isChecked()).resolves.toBe(true);
      await expect(page.getByRole('status').filter({ hasText: 'You have unsaved changes.' }).count()).resolves.toBe(0);
      await page.getByRole('heading', { name: 'Ticket follow-up', level: 2 }).scrollIntoViewIfNeeded();
      await screenshot(page, '25-follow-up-settings-saved');
      expect(pageErrors).toEqual([]);
    } catch (error) {
      await screenshot(page, 'failed-follow-up-settings').catch(() => undefined);
      throw error;
    } finally {
      await context.close();
    }
  });

  it('refuses an overlong or repeated status as it is typed, and the resolver refuses it too', async () => {
    const before = await savedSettings();
    const { context, page, pageErrors } = await openSettings();
    try {
      const field = statuses(page);
      await field.fill(`Closed, ${'Waiting for the customer to confirm the fix works'.repeat(2)}`);
      await page.getByText('Each status is at most 60 characters. Not: Waiting for the customer….').waitFor();
      await expect(field.getAttribute('aria-invalid')).resolves.toBe('true');
      await field.fill('Closed, Resolved, closed');
      await page.getByText('Each status once, in any case. Repeated: closed.').waitFor();
      await field.fill(Array.from({ length: 21 }, (_, i) => `Status ${i + 1}`).join(', '));
      await page.getByText('At most 20 statuses: this has 21.').waitFor();
      await field.fill(`Closed, ${'x'.repeat(61)}`);
      await page.getByRole('button', { name: 'Save' }).click();
      await flag(page, 'The settings were not saved').getByText('Statuses that tell the user must be at most 20 status names of 1 to 60 characters (none: Jira’s Done category).').waitFor();
      await screenshot(page, '26-follow-up-settings-refused');
      await dismissFlags(page);
      await expect(field.inputValue()).resolves.toBe(`Closed, ${'x'.repeat(61)}`);
      await expect(savedSettings()).resolves.toEqual(before);

      await field.fill('Closed, Done');
      await expect(page.getByText(/^Each status is at most/).count()).resolves.toBe(0);
      await expect(field.getAttribute('aria-invalid')).resolves.not.toBe('true');
      expect(pageErrors).toEqual([]);
    } catch (error) {
      await screenshot(page, 'failed-follow-up-settings-refused').catch(() => undefined);
      throw error;
    } finally {
      await context.close();
    }
  });

  it('hides the statuses and replies while the follow-up is off, and keeps them, in the dark theme too', async () => {
    const { context, page, pageErrors } = await openSettings({ colorMode: 'dark' });
    try {
      await expect(page.evaluate(() => (globalThis as unknown as { document: { documentElement: { dataset: Record<string, string> } } }).document.documentElement.dataset['colorMode'])).resolves.toBe('dark');
      await page.getByRole('heading', { name: 'Ticket follow-up', level: 2 }).scrollIntoViewIfNeeded();
      await screenshot(page, '27-follow-up-settings-dark');
      await page.getByText('Tell users about their ticket in the chat').click();
      await statuses(page).waitFor({ state: 'detached' });
      await expect(repliesToggle(page).count()).resolves.toBe(0);
      await page.getByRole('button', { name: 'Save' }).click();
      await flag(page, 'Settings saved').waitFor();
      await expect(savedSettings()).resolves.toEqual({ followUp: false, followUpStatuses: ['Closed'], followUpReplies: false });
      await screenshot(page, '28-follow-up-settings-off-dark');

      // Turned on again, the statuses and replies come back as they were kept.
      await page.getByText('Tell users about their ticket in the chat').click();
      await expect(statuses(page).inputValue()).resolves.toBe('Closed');
      await expect(repliesToggle(page).isChecked()).resolves.toBe(false);
      expect(pageErrors).toEqual([]);
    } catch (error) {
      await screenshot(page, 'failed-follow-up-settings-dark').catch(() => undefined);
      throw error;
    } finally {
      await context.close();
    }
  });
});
