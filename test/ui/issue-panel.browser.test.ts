/**
 * The Koji issue panel in a real browser (Debian's Chromium, driven by playwright-core): a
 * conversation held in the Slack sandbox through the app's real doors (admin resolvers over
 * `invoke`, signed Slack events to the web trigger), its ticket SUP-1 in the embedded Jira
 * Service Management, then the panel on that ticket as a Jira agent reads it.
 *
 * Needs `npm run build:ui` first (npm test runs it) and a Chromium: the system's, or
 * the one an npm package ships (dev/chromium.ts finds it). Screenshots go to .artifacts/screenshots/.
 */
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { LocalPlatform } from '../../packages/forge-local/src/platform';
import { startLocalPlatform } from '../../dev/koji-app';
import { SANDBOX_WORKSPACE, dmChannelOf } from '../../packages/forge-local/src/slack';
import { localPlatformClient } from '../local/support/local-platform-client';
import { launchChromium, newPage, reportColorMode, requireChromiumAndBuild, screenshot, uiBuild, type Opened } from './support/chromium';
import { openSlackDesk, sayOnSlack } from './support/slack-desk';

const PANEL = 'koji-conversation-panel';
const ATTACHMENT_URL = 'https://koji-sandbox.slack.com/files/UBOB/F0JAMPHOTO/paper-jam.jpg';

jest.setTimeout(60_000);

let platform: LocalPlatform;
let browser: Browser;
let dataDir: string;

const { settle } = localPlatformClient(() => platform);

/** Says something in the sandbox and waits until the app and Slack's echoes are done with it. */
const say = (userId: string, text: string): Promise<void> => sayOnSlack(platform, userId, text);

/** Bob shares a file in his DM: a signed `file_share` message, as Slack sends it to the web trigger. */
async function shareFile(text: string, file: { name: string; permalink: string }): Promise<void> {
  const now = Date.now();
  const ts = `${Math.floor(now / 1000)}.${String(now % 1000).padStart(3, '0')}900`;
  const body = JSON.stringify({
    type: 'event_callback',
    team_id: SANDBOX_WORKSPACE.teamId,
    api_app_id: SANDBOX_WORKSPACE.appId,
    event_id: `Ev0FILE${now}`,
    event_time: Math.floor(now / 1000),
    event: { type: 'message', subtype: 'file_share', user: 'UBOB', text, ts, channel: dmChannelOf('UBOB'), channel_type: 'im', files: [{ id: 'F0JAMPHOTO', ...file }] },
  });
  const stamp = Math.floor(now / 1000);
  const signature = `v0=${createHmac('sha256', SANDBOX_WORKSPACE.signingSecret).update(`v0:${stamp}:${body}`).digest('hex')}`;
  const response = await fetch(platform.webTriggerUrl('slack-events'), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-slack-request-timestamp': String(stamp), 'x-slack-signature': signature },
    body,
  });
  expect(response.status).toBe(200);
  await settle();
}

/** What a user may type that a page writing HTML would run or render. */
const HOSTILE_LINE = '<img src=x onerror="window.kojiPwned=1"> <b>bold</b> [Reset](https://evil.example) <script>window.kojiPwned=2</script> \u202Eexe.gnp';

beforeAll(async () => {
  requireChromiumAndBuild(uiBuild('issue-panel'));
  dataDir = mkdtempSync(path.join(tmpdir(), 'koji-ui-panel-'));
  platform = await startLocalPlatform({ port: 0, dataDir, slackSandbox: true, env: {} });

  // The desk: live agents on, the sandbox workspace connected, Alice a Live agent on duty.
  await openSlackDesk(platform);

  // The conversation, and its ticket.
  await say('UBOB', 'operator');
  await say('UBOB', 'My printer jams on every page');
  await say('UALICE', 'Which printer is it?');
  await say('UBOB', 'The big one on floor 3');
  await say('UBOB', HOSTILE_LINE);
  await shareFile('Here is a photo of the jam', { name: 'paper-jam.jpg', permalink: ATTACHMENT_URL });
  await say('UALICE', 'Thanks, I will get someone to look at it');
  await say('UALICE', '#create_ticket Printer jams');
  expect(platform.jsm!.requests().map((r) => [r.key, r.fields['summary']])).toEqual([['SUP-1', 'Printer jams']]);
  await say('UBOB', 'Great, thank you!');
  await say('UALICE', 'stop');

  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await platform?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** The panel as Jira shows it on `issue`: about as wide as the issue view's main column. */
async function openPanel(issue: string, options: { colorMode?: 'dark'; before?: (page: Page) => Promise<void> } = {}): Promise<Opened> {
  const { context, page, pageErrors } = await newPage(browser, { viewport: { width: 720, height: 600 } });
  if (options.colorMode) await reportColorMode(page, options.colorMode);
  await options.before?.(page);
  await page.goto(`${platform.url}/pages/${PANEL}/?issue=${encodeURIComponent(issue)}`);
  return { context, page, pageErrors };
}

/** The few DOM shapes the in-page callbacks use (the test project is typed without the DOM library). */
interface DomElement {
  readonly textContent: string | null;
  readonly ownerDocument: { getElementById(id: string): DomElement | null };
  getAttribute(name: string): string | null;
  querySelector(selector: string): DomElement | null;
}

function styleOf(element: unknown): { fontStyle: string; color: string } {
  const style = (globalThis as unknown as { getComputedStyle(el: unknown): { fontStyle: string; color: string } }).getComputedStyle(element);
  return { fontStyle: style.fontStyle, color: style.color };
}

/** The accessible names and texts of the transcript's items, in order. */
async function transcriptItems(page: Page): Promise<Array<{ name: string; text: string }>> {
  const list = page.getByRole('list', { name: 'Messages with Bob User' });
  await list.waitFor();
  return list.locator(':scope > li').evaluateAll((items: readonly DomElement[]) => {
    // The name a screen reader announces: the text of the element the item is labelled by.
    return items.map((item) => {
      const labelId = item.getAttribute('aria-labelledby') ?? '';
      const label = labelId ? item.ownerDocument.getElementById(labelId) : null;
      return { name: (label?.textContent ?? '').replace(/\s+/g, ' ').trim(), text: (item.querySelector('.koji-line-text')?.textContent ?? '').trim() };
    });
  });
}

/** Whether `wanted` occur in `seen`, in this order (other items may come between). */
function inOrder(seen: ReadonlyArray<{ name: string; text: string }>, wanted: ReadonlyArray<{ speaker: RegExp; text: string }>): boolean {
  let from = 0;
  for (const w of wanted) {
    const at = seen.findIndex((s, i) => i >= from && w.speaker.test(s.name) && s.text === w.text);
    if (at < 0) return false;
    from = at + 1;
  }
  return true;
}

describe('the Koji issue panel', () => {
  it('shows the conversation SUP-1 was created from: who, where, when, every message in order and how it ended', async () => {
    const { context, page, pageErrors } = await openPanel('SUP-1');
    try {
      await page.getByRole('heading', { name: 'Conversation with Bob User', level: 2 }).waitFor();
      const facts = page.locator('dl.koji-facts');
      await expect(facts.textContent()).resolves.toMatch(/User\s*Bob User.*Channel\s*Slack.*Operator\s*Alice Operator.*Started.*Last message/);
      await page.getByText('Ended: Alice Operator ended the conversation.').waitFor();

      const items = await transcriptItems(page);
      const bob = /^Bob User, \S/;
      const alice = /^Alice Operator, operator, \S/;
      const note = /^Koji note, \S/;
      expect(
        inOrder(items, [
          { speaker: bob, text: 'My printer jams on every page' },
          { speaker: alice, text: 'Which printer is it?' },
          { speaker: bob, text: 'The big one on floor 3' },
          { speaker: bob, text: 'Here is a photo of the jam' },
          { speaker: alice, text: 'Thanks, I will get someone to look at it' },
          { speaker: note, text: 'Ticket SUP-1 was created from this conversation.' },
          { speaker: bob, text: 'Great, thank you!' },
          { speaker: note, text: 'Alice Operator ended the conversation.' },
        ]),
      ).toBe(true);
      // What Bob typed as markup is shown as the characters he typed, and nothing of it runs or renders.
      expect(items.map((i) => i.text)).toContain(HOSTILE_LINE);
      await expect(page.locator('.koji-line-text img, .koji-line-text b, .koji-line-text script').count()).resolves.toBe(0);
      await expect(page.evaluate(() => (globalThis as unknown as { kojiPwned?: number }).kojiPwned)).resolves.toBeUndefined();

      // Operator commands are the app's business, not the conversation's.
      expect(items.map((i) => i.text)).not.toContain('#create_ticket Printer jams');

      // Every item is named by its speaker and time; the attachment is a link.
      const listItems = page.getByRole('list', { name: 'Messages with Bob User' }).getByRole('listitem', { name: /^Alice Operator, operator, \S/ });
      await expect(listItems.count()).resolves.toBeGreaterThanOrEqual(2);
      const photo = page.getByRole('link', { name: 'paper-jam.jpg' });
      await expect(photo.getAttribute('href')).resolves.toBe(ATTACHMENT_URL);
      await expect(page.locator('main').getAttribute('aria-busy')).resolves.toBe('false');

      // The app's notes read as notes: muted and italic, unlike what people wrote.
      const noteStyle = await page.getByText('Ticket SUP-1 was created from this conversation.').evaluate(styleOf);
      const messageStyle = await page.getByText('My printer jams on every page').evaluate(styleOf);
      expect(noteStyle.fontStyle).toBe('italic');
      expect(messageStyle.fontStyle).toBe('normal');
      expect(noteStyle.color).not.toBe(messageStyle.color);

      await screenshot(page, '08-issue-panel');
      expect(pageErrors).toEqual([]);
    } catch (error) {
      await screenshot(page, 'failed-issue-panel').catch(() => undefined);
      throw error;
    } finally {
      await context.close();
    }
  });

  it('says plainly that a ticket was not created from a Koji conversation', async () => {
    const { context, page, pageErrors } = await openPanel('SUP-999');
    try {
      await page.getByText('This ticket was not created from a Koji conversation.').waitFor();
      await expect(page.getByRole('list').count()).resolves.toBe(0);
      await expect(page.getByRole('button', { name: 'Try again' }).count()).resolves.toBe(0);
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('shows loading, an empty conversation, and a failure it can retry', async () => {
    let calls = 0;
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const { context, page, pageErrors } = await openPanel('SUP-1', {
      before: async (p) => {
        await p.route('**/__forge/invoke', async (route) => {
          calls += 1;
          if (calls === 1) {
            await held;
            return route.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify({ message: 'The resolver transcript/get failed.' }) });
          }
          const empty = { conversation: { conversationId: 'c-empty', channel: 'teams', userName: 'Eve User' }, transcript: { participants: [], lines: [] } };
          return route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ result: { ok: true, data: empty } }) });
        });
      },
    });
    try {
      await page.getByRole('status').filter({ hasText: 'Loading the conversation' }).waitFor();
      release();
      await page.getByText('The conversation could not be loaded').waitFor();
      await page.getByText(/The resolver transcript\/get failed\./).waitFor();
      await page.getByRole('button', { name: 'Try again' }).click();
      await page.getByRole('heading', { name: 'Conversation with Eve User' }).waitFor();
      await page.getByText('No messages').waitFor();
      await expect(page.locator('dl.koji-facts').textContent()).resolves.toMatch(/Channel\s*Microsoft Teams.*Operator\s*None/);
      await expect(page.getByText(/^Ended:/).count()).resolves.toBe(0);
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('follows Jira’s dark theme', async () => {
    const { context, page, pageErrors } = await openPanel('SUP-1', { colorMode: 'dark' });
    try {
      await page.getByRole('list', { name: 'Messages with Bob User' }).waitFor();
      await expect(page.evaluate(() => (globalThis as unknown as { document: { documentElement: { dataset: Record<string, string> } } }).document.documentElement.dataset['colorMode'])).resolves.toBe('dark');
      await screenshot(page, '09-issue-panel-dark');
      expect(pageErrors).toEqual([]);
    } catch (error) {
      await screenshot(page, 'failed-issue-panel-dark').catch(() => undefined);
      throw error;
    } finally {
      await context.close();
    }
  });

  it('serves the panel’s icon from its resource (manifest: resource:issue-panel;icon.svg)', async () => {
    const response = await fetch(`${platform.url}/pages/${PANEL}/icon.svg`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('image/svg+xml');
    await expect(response.text()).resolves.toContain('<svg');
  });
});
