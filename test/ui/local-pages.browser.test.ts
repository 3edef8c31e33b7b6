/**
 * The local product as a newcomer meets it, in a real browser (Chromium, driven by playwright-core): the start
 * page at `/`, the Slack sandbox reached from it, a user who asks for an operator, the operator who creates a
 * ticket, and the ticket link the user got, opened on the local Jira: summary, the transcript in the description
 * and comments, and the Koji issue panel as Jira shows it. What the user typed as markup stays text.
 *
 * Needs `npm run build:ui` first (the issue panel's page; npm test runs it). Screenshots go to .artifacts/screenshots/.
 */
import type { Browser, Page } from 'playwright-core';
import type { LocalPlatform } from '../../packages/forge-local/src/platform';
import { localPlatformClient, startSandboxedPlatform } from '../local/support/local-platform-client';
import { launchChromium, newPage, requireChromiumAndBuild, screenshot, uiBuild } from './support/chromium';
import { expectEventually } from '../support/eventually';
import { openSlackDesk } from './support/slack-desk';

jest.setTimeout(90_000);

/** Markup of three kinds a person might type: HTML, Markdown bold, a Markdown link. */
const HOSTILE = '<img src=x onerror=alert(1)>**bold** [link](https://evil.example)';

let platform: LocalPlatform;
let browser: Browser;
const { settle } = localPlatformClient(() => platform);

beforeAll(async () => {
  requireChromiumAndBuild(uiBuild('issue-panel'));
  browser = await launchChromium();
  ({ platform } = await startSandboxedPlatform());
  await openSlackDesk(platform);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await platform?.close();
});

/** The little of the browser the checks read: the specs compile without the DOM library. */
interface DomNode {
  readonly tagName: string;
  readonly textContent: string | null;
  getAttribute(name: string): string | null;
  querySelectorAll(selector: string): Iterable<DomNode>;
}

async function send(page: Page, text: string): Promise<void> {
  const box = page.getByLabel('Message', { exact: true });
  await box.fill(text);
  await box.press('Enter');
  await page.waitForFunction(() => (globalThis as unknown as { document: { getElementById(id: string): { value?: string } | null } }).document.getElementById('text')?.value === '');
  await settle();
}

/** What a part of the ticket page shows: its text, its elements, and its links. */
function shown(page: Page, selector: string): Promise<{ text: string; tags: string[]; links: Array<{ text: string; href: string | null }> }> {
  return page.locator(selector).evaluate((root: DomNode) => ({
    text: root.textContent ?? '',
    tags: [...root.querySelectorAll('*')].map((e) => e.tagName.toLowerCase()),
    links: [...root.querySelectorAll('a')].map((a) => ({ text: a.textContent ?? '', href: a.getAttribute('href') })),
  }));
}

describe('the local product, from its start page to a ticket', () => {
  it('takes a newcomer from / to the sandbox chat, and from the ticket link a user got to the ticket with its conversation', async () => {
    const { context, page, pageErrors } = await newPage(browser, { viewport: { width: 1280, height: 1000 } });
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    try {
      // The start page: what runs, the backoffice, who is who in the sandboxes.
      await page.goto(`${platform.url}/`);
      await page.getByRole('heading', { name: 'Koji Live Agent, on this machine', level: 1 }).waitFor();
      for (const name of ['What is running', 'Backoffice', 'Tickets', 'Slack sandbox: Koji Sandbox', 'Microsoft Teams sandbox: Koji Sandbox', 'Bench']) {
        await page.getByRole('heading', { name, level: 2 }).waitFor();
      }
      const slackPeople = page.getByRole('table', { name: 'Slack sandbox people' });
      await expect(slackPeople.getByRole('row', { name: /Ada Admin/ }).textContent()).resolves.toContain('Jira admin');
      await expect(page.getByRole('link', { name: 'Koji backoffice' }).getAttribute('href')).resolves.toBe('/pages/koji-backoffice/');
      await screenshot(page, 'local-start-page');

      // The backoffice opens from it.
      await page.getByRole('link', { name: 'Koji backoffice' }).click();
      await page.waitForURL(`${platform.url}/pages/koji-backoffice/`);
      await page.goBack();

      // Bob, from his link on the start page, asks for an operator and says something full of markup.
      await slackPeople.getByRole('link', { name: 'Chat as Bob User' }).click();
      await page.waitForURL(/\/sandbox\/slack\?as=UBOB$/);
      // The chat page picks Bob once it has read who can be played: until then Act as holds nothing.
      await expectEventually(() => page.getByLabel('Act as').inputValue(), 'UBOB');
      const log = page.getByRole('log');
      await send(page, 'operator');
      await log.getByText('now talking to Alice Operator').waitFor();
      await send(page, HOSTILE);

      // Alice creates the ticket; Bob says one more thing, and Alice ends the conversation.
      await page.getByLabel('Act as').selectOption('UALICE');
      await send(page, '#create_ticket Printer jams');
      await page.getByLabel('Act as').selectOption('UBOB');
      // The ticket's address is a link in the notice, to this server's own ticket page.
      const link = log.getByRole('link', { name: `${platform.url}/jira/browse/SUP-1` });
      await link.waitFor();
      const href = await link.getAttribute('href');
      expect(href).toBe(`${platform.url}/jira/browse/SUP-1`);
      await send(page, `After the ticket: ${HOSTILE}`);
      await page.getByLabel('Act as').selectOption('UALICE');
      await send(page, 'stop');

      // The link Bob got opens the ticket on the local Jira.
      await page.goto(href!);
      await page.getByRole('heading', { name: 'Printer jams', level: 1 }).waitFor();
      await expect(page.locator('.issue-details').textContent()).resolves.toMatch(/Status\s*Waiting for support.*Reporter\s*Bob User/s);

      const description = await shown(page, 'section[aria-labelledby="description"] .document');
      expect(description.text).toContain(HOSTILE);
      const comments = await shown(page, 'ol.comments');
      expect(comments.text).toContain(`After the ticket: ${HOSTILE}`);
      for (const part of [description, comments]) {
        // The markup is text: no image, nothing bold, and a link only where it reads as where it goes.
        expect(part.tags).not.toContain('img');
        expect(part.tags).not.toContain('b');
        expect(part.links.filter((l) => l.text !== l.href)).toEqual([]);
      }
      await expect(page.locator('li.comment').first().textContent()).resolves.toMatch(/Shared with customer|Internal note/);

      // The issue panel, as Jira shows it on the ticket: the conversation it came from.
      const panel = page.frameLocator('iframe[title="Koji conversation"]');
      await panel.getByRole('heading', { name: 'Conversation with Bob User', level: 2 }).waitFor();
      await panel.getByText('Ticket SUP-1 was created from this conversation.').waitFor();
      await screenshot(page, 'local-ticket-page');

      // The list of tickets, from the trail.
      await page.getByRole('navigation', { name: 'Breadcrumbs' }).getByRole('link', { name: 'Tickets' }).click();
      await page.getByRole('link', { name: 'SUP-1' }).waitFor();

      expect(dialogs).toEqual([]);
      expect(pageErrors).toEqual([]);
    } catch (error) {
      await screenshot(page, 'failed-local-pages').catch(() => undefined);
      throw error;
    } finally {
      await context.close();
    }
  });
});
