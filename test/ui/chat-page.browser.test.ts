/**
 * The sandbox chat page, one page for Slack and for Microsoft Teams, in a real browser (Debian's
 * Chromium, driven by playwright-core), served by the local platform with its sandboxes: on each
 * channel a user asks for a human, the operator reads them and ends the conversation, what the
 * user typed stays text, and the page wears its channel's skin.
 *
 * Chromium: the system's, or the one an npm package ships (dev/chromium.ts); no UI build.
 * Screenshots go to .artifacts/screenshots/.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { SANDBOX_WORKSPACE } from '../../packages/forge-local/src/slack';
import { TEAMS_SANDBOX } from '../../packages/forge-local/src/teams';
import type { LocalPlatform } from '../../packages/forge-local/src/platform';
import { localPlatformClient, startSandboxedPlatform } from '../local/support/local-platform-client';
import { launchChromium, newPage, requireScreenshots, screenshot } from './support/chromium';
import { expectEventually } from '../support/eventually';

jest.setTimeout(90_000);

/** Markup of three kinds that a person might type: HTML, Markdown bold, a Markdown link. */
const HOSTILE = '<img src=x onerror=alert(1)>**bold** [link](https://evil.example)';

let platform: LocalPlatform;
let browser: Browser;
const { admin, settle } = localPlatformClient(() => platform);

interface Channel {
  readonly name: 'slack' | 'teams';
  /** The user and the operator, as the page's "Act as" names them (its option values). */
  readonly user: string;
  readonly operator: string;
  readonly userName: string;
  readonly operatorName: string;
  /** How "Act as" offers the French- and German-speaking users: name, then handle and language. */
  readonly foreignSpeakers: readonly string[];
  /** The skin: its accent (Send, primary buttons), as a computed colour. */
  readonly accent: string;
  /** Connects the sandbox's workspace or tenant and puts its operator on duty. */
  setUp(): Promise<void>;
}

const teamsId = (key: string) => TEAMS_SANDBOX.people.find((p) => p.key === key)!.id;

const CHANNELS: readonly Channel[] = [
  {
    name: 'slack',
    user: 'UBOB',
    operator: 'UALICE',
    userName: 'Bob User',
    operatorName: 'Alice Operator',
    foreignSpeakers: ['Chloé Dubois (UCHLOE, fr-FR)', 'Jonas Becker (UJONAS, de-DE)'],
    accent: 'rgb(0, 122, 90)',
    async setUp() {
      await admin('tenants/connect', { channel: 'slack', botToken: SANDBOX_WORKSPACE.botToken, signingSecret: SANDBOX_WORKSPACE.signingSecret });
      await admin('roles/grant', { channel: 'slack', tenantId: SANDBOX_WORKSPACE.teamId, userId: 'UALICE' });
      await settle();
      await platform.slack!.sendAs('UALICE', '#on');
    },
  },
  {
    name: 'teams',
    user: 'vic',
    operator: 'tom',
    userName: 'Vic User',
    operatorName: 'Tom',
    foreignSpeakers: ['Chloé Dubois (chloe@sandbox.test, fr-FR)', 'Jonas Becker (jonas@sandbox.test, de-DE)'],
    accent: 'rgb(91, 95, 199)',
    async setUp() {
      await admin('tenants/connect', { channel: 'teams', tenantId: TEAMS_SANDBOX.tenantId, name: 'Koji Sandbox (Teams)', appId: TEAMS_SANDBOX.appId, appPassword: TEAMS_SANDBOX.appPassword });
      await platform.teams!.install('tom');
      await settle();
      await admin('roles/grant', { channel: 'teams', tenantId: TEAMS_SANDBOX.tenantId, userId: teamsId('tom') });
      await settle();
      await platform.teams!.sendAs('tom', '#on');
    },
  },
];

beforeAll(async () => {
  requireScreenshots();
  browser = await launchChromium();
}, 30_000);

afterAll(async () => {
  await browser?.close();
});

beforeEach(async () => {
  ({ platform } = await startSandboxedPlatform());
  expect(await admin('settings/update', { change: { enabled: true } })).toMatchObject({ ok: true });
});

afterEach(async () => {
  await platform?.close();
});

async function send(page: Page, text: string): Promise<void> {
  const box = page.getByLabel('Message', { exact: true });
  await box.fill(text);
  await box.press('Enter');
  // Delivered: the composer is emptied.
  await page.waitForFunction(() => (globalThis as unknown as Browserside).document.getElementById('text')?.value === '');
}

/** The little of the browser the checks read: the specs compile without the DOM library. */
interface DomNode {
  readonly tagName: string;
  readonly textContent: string | null;
  readonly value?: string;
  getAttribute(name: string): string | null;
  querySelectorAll(selector: string): Iterable<DomNode>;
}
interface Browserside {
  readonly document: { readonly documentElement: { readonly dataset: Record<string, string | undefined> }; getElementById(id: string): DomNode | null };
  getComputedStyle(element: DomNode): { readonly backgroundColor: string };
}

interface Shown {
  readonly text: string;
  readonly tags: string[];
  readonly bold: string[];
  readonly links: { text: string; href: string | null }[];
}

/** What a message shows: its text, its elements, what is bold, and its links. */
function shown(message: Locator): Promise<Shown> {
  return message.locator('.bubble').evaluate((bubble: DomNode) => ({
    text: bubble.textContent ?? '',
    tags: [...bubble.querySelectorAll('*')].map((e) => e.tagName.toLowerCase()),
    bold: [...bubble.querySelectorAll('strong, b')].map((e) => e.textContent ?? ''),
    links: [...bubble.querySelectorAll('a')].map((a) => ({ text: a.textContent ?? '', href: a.getAttribute('href') })),
  }));
}

/**
 * The hostile text as typed, and inert: no image, no link under a label (the chat client may link
 * the typed address, as Slack's and Teams' do, and then the link reads as where it goes).
 */
function expectInert(message: Shown): void {
  expect(message.tags).not.toContain('img');
  expect(message.links.filter((l) => l.text !== l.href)).toEqual([]);
}

describe.each(CHANNELS)('the sandbox chat page on $name', (channel) => {
  it('lets a user ask for a human, shows what they typed as text, and wears its channel’s skin', async () => {
    await channel.setUp();
    await settle();
    const { context, page, pageErrors } = await newPage(browser, { viewport: { width: 1024, height: 900 } });
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    try {
      await page.goto(`${platform.url}/sandbox/${channel.name}?as=${channel.user}`);
      const log = page.getByRole('log');
      // The page picks the person once it has read who can be played: until then Act as holds nothing.
      await expectEventually(() => page.getByLabel('Act as').inputValue(), channel.user);
      // Everyone can be played, each shown with the language of their chat client.
      await page.getByRole('option', { name: channel.foreignSpeakers[0] }).waitFor({ state: 'attached' });
      await expect(page.getByLabel('Act as').locator('option').allTextContents()).resolves.toEqual(expect.arrayContaining([...channel.foreignSpeakers]));

      // The skin: the channel the server wrote in, and its colours on the Send button.
      await expect(page.evaluate(() => (globalThis as unknown as Browserside).document.documentElement.dataset['channel'])).resolves.toBe(channel.name);
      const sendColour = page.getByRole('button', { name: 'Send' }).evaluate((button: DomNode) => (globalThis as unknown as Browserside).getComputedStyle(button).backgroundColor);
      await expect(sendColour).resolves.toBe(channel.accent);

      if (channel.name === 'teams') {
        // Teams: the app is installed first, from the page.
        await expect(page.getByLabel('Message', { exact: true }).isDisabled()).resolves.toBe(true);
        await page.getByRole('button', { name: 'Install app' }).click();
        await page.getByRole('button', { name: 'Remove app' }).waitFor();
        await page.getByText('Installed Koji.').waitFor();
      } else {
        await expect(page.locator('#install').count()).resolves.toBe(0);
      }

      await send(page, HOSTILE);
      const mine = log.locator('li.message.person', { hasText: '[link](' });
      await mine.waitFor();
      const typed = await shown(mine);
      expectInert(typed);
      if (channel.name === 'teams') {
        // A Teams person's message is plain text: all of it literally, not one element made from it.
        expect(typed).toEqual({ text: HOSTILE, tags: ['div', 'p'], bold: [], links: [] });
      } else {
        // A Slack person's message is shown as Slack shows its text (mrkdwn: `*bold*` is bold, and the
        // sandbox's client linked the address); the HTML stays text.
        expect(typed.text).toContain('<img src=x onerror=alert(1)>');
      }

      // The bot answers, offering a person; the user asks for one and gets the operator on duty.
      await log.getByRole('button', { name: 'Talk to an operator' }).waitFor();
      await send(page, 'operator');
      await log.getByText(`now talking to ${channel.operatorName}`).waitFor();

      // The operator reads the request, the user's words in it, and ends the conversation.
      await page.getByLabel('Act as').selectOption(channel.operator);
      const request = log.locator('li.message.bot', { hasText: 'wants to talk to an operator' }).last();
      await request.waitFor();
      const relayed = await shown(request);
      // The app quotes the user under their name, in bold; their words stay as they typed them.
      expect(relayed.text).toContain(`${channel.userName}: ${HOSTILE}`);
      expect(new Set(relayed.bold)).toEqual(new Set([`${channel.userName}:`]));
      expectInert(relayed);
      await request.getByRole('button', { name: 'End conversation' }).click();
      await page.getByText('Clicked “End conversation”.').waitFor();
      // As in the real clients, the click itself shows nothing in the chat: only the card's update says what it did.
      await expect(log.locator('li.message', { hasText: '"koji"' }).count()).resolves.toBe(0);
      await screenshot(page, `chat-page-${channel.name}-operator`);

      await page.getByLabel('Act as').selectOption(channel.user);
      await log.getByText('closed the conversation').waitFor();

      expect(await page.locator('#messages img').count()).toBe(0);
      expect(dialogs).toEqual([]);
      expect(pageErrors).toEqual([]);
    } catch (error) {
      await screenshot(page, `failed-chat-page-${channel.name}`).catch(() => undefined);
      throw error;
    } finally {
      await context.close();
    }
  });
});

describe('a file consent card on the Teams sandbox chat page', () => {
  it('shows the card with Allow and Decline; Allow ends with the file, downloadable as it was sent', async () => {
    // Tom (Teams) is the only operator on duty: the Slack user is handed to him.
    await admin('tenants/connect', { channel: 'slack', botToken: SANDBOX_WORKSPACE.botToken, signingSecret: SANDBOX_WORKSPACE.signingSecret });
    await CHANNELS[1]!.setUp();
    await settle();
    await platform.slack!.sendAs('UBOB', 'operator');
    await settle();
    const pdf = Buffer.from('%PDF-1.4\nthe manual\n%%EOF\n');
    await platform.slack!.sendAs('UBOB', '', [{ name: 'manual.pdf', mimetype: 'application/pdf', bytes: pdf }]);
    await settle();

    const { context, page, pageErrors } = await newPage(browser, { viewport: { width: 1024, height: 900 } });
    await page.goto(`${platform.url}/sandbox/teams?as=tom`);
    const log = page.getByRole('log');
    const offer = log.locator('li.message.bot', { hasText: 'is sending you' }).last();
    await offer.getByRole('button', { name: 'Decline' }).waitFor();
    expect(await offer.textContent()).toContain('manual.pdf');
    await screenshot(page, 'teams-file-consent-card');

    await offer.getByRole('button', { name: 'Allow' }).click();
    await page.getByText('Clicked “Allow”.').waitFor();
    await settle();
    const file = log.getByRole('link', { name: '📎 manual.pdf' });
    await file.waitFor();
    const href = await file.getAttribute('href');
    expect(Buffer.from(await (await fetch(new URL(href!, platform.url))).arrayBuffer())).toEqual(pdf);
    await screenshot(page, 'teams-file-info-card');
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
