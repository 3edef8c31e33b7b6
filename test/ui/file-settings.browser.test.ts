/**
 * The backoffice's Files settings (issue 18) in Debian's Chromium: an admin sets the largest file and the allowed
 * types; what the resolver would refuse is said at the field before saving, and a saved list comes back as kept.
 *
 * Needs `npm run build:ui` first (npm test runs it) and a Chromium (dev/chromium.ts finds one).
 */
import { flag } from './support/backoffice';
import { screenshot } from './support/chromium';
import { settingsPageHarness } from './support/settings-page';

jest.setTimeout(60_000);

const { openSettings, savedSettings } = settingsPageHarness('Files');

describe('the Files settings', () => {
  it('lets an admin limit file size and types, saying what would be refused before saving', async () => {
    const { context, page, pageErrors } = await openSettings();
    try {
      const size = page.getByLabel('Largest file (MB)');
      const types = page.getByLabel('Allowed file types');
      await expect(size.inputValue()).resolves.toBe('20');
      await expect(types.inputValue()).resolves.toContain('image/*, .pdf');

      await size.fill('80');
      await page.getByText('Enter a whole number from 1 to 50.').waitFor();
      await types.fill('image/*, pdf, <b>x</b>');
      await page.getByText('Each allowed file type is an extension such as .pdf or a MIME type such as image/*. Not: pdf, <b>x</b>.').waitFor();
      await screenshot(page, '20-file-settings-refused');

      await size.fill('5');
      await types.fill('image/*, .PDF, .txt');
      await page.getByRole('button', { name: 'Save' }).click();
      await flag(page, 'Settings saved').waitFor();
      await expect(types.inputValue()).resolves.toBe('image/*, .pdf, .txt');
      await screenshot(page, '21-file-settings-saved');

      expect(await savedSettings()).toMatchObject({ maxFileMegabytes: 5, allowedFileTypes: ['image/*', '.pdf', '.txt'] });
      expect(pageErrors).toEqual([]);
    } catch (error) {
      await screenshot(page, 'failed-file-settings').catch(() => undefined);
      throw error;
    } finally {
      await context.close();
    }
  });
});
