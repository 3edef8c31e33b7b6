import type { Locator, Page } from 'playwright-core';

/** The backoffice's tabs, one level, as an admin reads them. */
export const BACKOFFICE_TABS = ['Overview', 'Reports', 'Settings', 'Saved replies', 'Slack workspaces', 'Teams tenants', 'Role setup', 'History', 'Audit log', 'Privacy'] as const;

export async function openTab(page: Page, name: (typeof BACKOFFICE_TABS)[number]): Promise<void> {
  await page.getByRole('tab', { name, exact: true }).click();
}

/** The flag (Atlaskit's toast) whose title or description has `text`. */
export function flag(page: Page, text: string | RegExp): Locator {
  return page.getByRole('alert').filter({ hasText: text });
}

/**
 * Closes the flags still shown, top one first (failures stay until closed, and only the top one can be). A success
 * flag also goes by itself after 8 s: when the last one goes between the count and the click, nothing is left to click.
 */
export async function dismissFlags(page: Page): Promise<void> {
  const flags = page.getByRole('alert');
  for (let shown = await flags.count(); shown > 0; shown = await flags.count()) {
    const clicked = await page
      .getByRole('button', { name: 'Dismiss' })
      .first()
      .click({ timeout: 2_000 })
      .then(
        () => true,
        async (error: unknown) => {
          if ((await flags.count()) > 0) throw error;
          return false;
        },
      );
    if (clicked) await flags.nth(shown - 1).waitFor({ state: 'detached' });
  }
}

/**
 * Scrolls to the end of the page before a full-page screenshot: the sticky Save bar and the flags
 * are drawn where the window was, so at the end they sit where an admin sees them.
 */
export async function scrollToEnd(page: Page): Promise<void> {
  await page.evaluate(() => {
    const window = globalThis as unknown as { scrollTo(x: number, y: number): void; document: { body: { scrollHeight: number } } };
    window.scrollTo(0, window.document.body.scrollHeight);
  });
}
