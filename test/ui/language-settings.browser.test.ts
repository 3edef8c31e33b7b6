/**
 * The backoffice's Languages settings (issue 19) in Debian's Chromium: an admin picks the language Koji speaks to
 * people whose own it doesn't speak, and edits the French and German phrases that ask for a human. What is saved
 * comes back after a reload; a phrase the resolver refuses is shown in its words, and nothing is saved.
 *
 * Needs `npm run build:ui` first (npm test runs it) and a Chromium (dev/chromium.ts finds one).
 */
import type { Page } from 'playwright-core';
import { dismissFlags, flag } from './support/backoffice';
import { screenshot } from './support/chromium';
import { settingsPageHarness } from './support/settings-page';

jest.setTimeout(60_000);

const { savedSettings: saved, openSettings, showSettings } = settingsPageHarness('Languages');

interface LanguageSettingsView {
  readonly defaultLanguage: string;
  readonly localHandoffPhrases: { readonly fr?: string[]; readonly de?: string[] };
}

async function savedSettings(): Promise<LanguageSettingsView> {
  return saved<LanguageSettingsView>();
}

/** The Default language select, which shows its choice as text. */
const languageSelect = (page: Page) => page.locator('.koji-select-medium').filter({ has: page.getByLabel('Default language') });

describe('the Languages settings', () => {
  it('keeps the default language and a French phrase an admin adds, after a reload', async () => {
    const { context, page, pageErrors } = await openSettings();
    try {
      await languageSelect(page).getByText('English', { exact: true }).waitFor();
      await page.getByText('Koji answers each person in their own language when it is English, French or German (from their Slack or Teams settings); everyone else hears this one.').waitFor();
      await expect(page.getByLabel('French phrase 1', { exact: true }).inputValue()).resolves.toBe('parler à un conseiller');
      await expect(page.getByLabel('German phrase 1', { exact: true }).inputValue()).resolves.toBe('mit einem Menschen sprechen');

      await languageSelect(page).click();
      await page.getByRole('option', { name: 'Deutsch' }).click();
      const addFrench = page.getByLabel('Add a French phrase');
      await addFrench.fill('  une personne  ');
      await addFrench.press('Enter');
      await expect(page.getByLabel('French phrase 6', { exact: true }).inputValue()).resolves.toBe('une personne');
      await page.getByRole('button', { name: 'Save' }).click();
      await flag(page, 'Settings saved').waitFor();

      const saved = await savedSettings();
      expect(saved.defaultLanguage).toBe('de');
      expect(saved.localHandoffPhrases.fr).toEqual(['parler à un conseiller', 'un humain', 'une vraie personne', 'un opérateur', 'conseiller humain', 'une personne']);
      // Only the French list changed: the German one is kept as it was.
      expect(saved.localHandoffPhrases.de).toEqual(['mit einem Menschen sprechen', 'echte Person', 'mit einem Mitarbeiter sprechen', 'Live-Agent', 'Support-Mitarbeiter']);

      await page.reload();
      await showSettings(page);
      await languageSelect(page).getByText('Deutsch', { exact: true }).waitFor();
      await expect(page.getByLabel('French phrase 6', { exact: true }).inputValue()).resolves.toBe('une personne');
      await expect(page.getByRole('status').filter({ hasText: 'You have unsaved changes.' }).count()).resolves.toBe(0);
      await screenshot(page, '22-language-settings-saved');
      expect(pageErrors).toEqual([]);
    } catch (error) {
      await screenshot(page, 'failed-language-settings').catch(() => undefined);
      throw error;
    } finally {
      await context.close();
    }
  });

  it('shows the resolver’s problem with a French phrase users type to leave, and saves nothing', async () => {
    const before = await savedSettings();
    const { context, page, pageErrors } = await openSettings();
    try {
      await languageSelect(page).click();
      await page.getByRole('option', { name: 'Français' }).click();
      await page.getByLabel('French phrase 2', { exact: true }).fill('annuler');
      await page.getByRole('button', { name: 'Save' }).click();
      await flag(page, 'The settings were not saved')
        .getByText('French phrases: “annuler” is what users type to leave the queue or take a ticket, so it is read as that: pick another phrase.')
        .waitFor();
      await screenshot(page, '23-language-settings-refused');
      await dismissFlags(page);
      // Still there to fix, and nothing saved: not the phrase, nor the language chosen with it.
      await expect(page.getByLabel('French phrase 2', { exact: true }).inputValue()).resolves.toBe('annuler');
      expect(await savedSettings()).toMatchObject({ defaultLanguage: before.defaultLanguage, localHandoffPhrases: before.localHandoffPhrases });
      expect(pageErrors).toEqual([]);
    } catch (error) {
      await screenshot(page, 'failed-language-settings-refused').catch(() => undefined);
      throw error;
    } finally {
      await context.close();
    }
  });

  it('saves an emptied German list, in the dark theme too', async () => {
    const { context, page, pageErrors } = await openSettings({ colorMode: 'dark' });
    try {
      const germanPhrases = page.getByRole('list', { name: 'German phrases' }).getByRole('listitem');
      for (let left = await germanPhrases.count(); left > 0; left -= 1) {
        await page.getByRole('button', { name: 'Remove German phrase 1', exact: true }).click();
      }
      await page.getByRole('button', { name: 'Save' }).click();
      await flag(page, 'Settings saved').waitFor();
      const saved = await savedSettings();
      expect(saved.localHandoffPhrases.de).toEqual([]);
      expect(saved.localHandoffPhrases.fr).toContain('une personne');
      await page.getByRole('heading', { name: 'German phrases', level: 3 }).scrollIntoViewIfNeeded();
      await screenshot(page, '24-language-settings-dark');
      expect(pageErrors).toEqual([]);
    } catch (error) {
      await screenshot(page, 'failed-language-settings-dark').catch(() => undefined);
      throw error;
    } finally {
      await context.close();
    }
  });
});
