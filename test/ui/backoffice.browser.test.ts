/**
 * The Koji backoffice page in a real browser (Debian's Chromium, driven by playwright-core),
 * served by the local platform with the Slack sandbox workspace: what a Jira admin does from
 * the Koji docs, end to end, and what someone who is not an admin may not do.
 *
 * Needs `npm run build:ui` first (npm test runs it) and a Chromium: the system's, or
 * the one an npm package ships (dev/chromium.ts finds it). Screenshots go to .artifacts/screenshots/.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import type { LocalPlatform } from '../../packages/forge-local/src/platform';
import { startLocalPlatform } from '../../dev/koji-app';
import { SANDBOX_WORKSPACE } from '../../packages/forge-local/src/slack';
import { SLACK_BOT_SCOPES } from '../../src/adapters/slack/slack-app-manifest';
import { BACKOFFICE_TABS, dismissFlags, flag, openTab, scrollToEnd } from './support/backoffice';
import { HOSTILE_STRINGS } from '../support/hostile-strings';
import { checkSavedReplies } from '../../src/domain/saved-replies';
import { SCREENSHOTS, invokeInPage, launchChromium, newPage, reportColorMode, requireChromiumAndBuild, screenshot, uiBuild, type Opened } from './support/chromium';

jest.setTimeout(60_000);

let platform: LocalPlatform;
let browser: Browser;
let dataDir: string;

beforeAll(async () => {
  requireChromiumAndBuild(uiBuild('backoffice'));
  for (const old of readdirSync(SCREENSHOTS).filter((f) => f.startsWith('failed-'))) rmSync(path.join(SCREENSHOTS, old));
  dataDir = mkdtempSync(path.join(tmpdir(), 'koji-ui-'));
  // The platform plays Slack too: its sandbox workspace answers the Web API the app calls.
  platform = await startLocalPlatform({ port: 0, dataDir, slackSandbox: true, env: {} });
  if (!platform.slack) throw new Error('The local platform started without its Slack sandbox.');
  browser = await launchChromium();
}, 30_000);

afterAll(async () => {
  await browser?.close();
  await platform?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** `as` someone who is no admin: the page shows that it is for admins, and no tabs. */
async function openBackoffice(options: { as?: string; colorMode?: 'dark'; admin?: false; height?: number } = {}): Promise<Opened> {
  const { context, page, pageErrors } = await newPage(browser, { viewport: { width: 1280, height: options.height ?? 900 } });
  if (options.colorMode) await reportColorMode(page, options.colorMode);
  const query = options.as ? `?as=${encodeURIComponent(options.as)}` : '';
  await page.goto(`${platform.url}/pages/koji-backoffice/${query}`);
  await page.getByRole('heading', { name: 'Koji backoffice', level: 1 }).waitFor();
  if (options.admin !== false) await page.getByRole('tab', { name: 'Overview' }).waitFor();
  return { context, page, pageErrors };
}

describe('the Koji backoffice page', () => {
  it('lets a Jira admin turn on live agents, connect the Slack sandbox and give Alice the Live agent role', async () => {
    const { context, page, pageErrors } = await openBackoffice();
    try {
      // One row of tabs, in the admin's words: no tabs inside tabs.
      await expect(page.getByRole('tab').allTextContents()).resolves.toEqual([...BACKOFFICE_TABS]);
      await expect(page.getByRole('tablist').count()).resolves.toBe(1);

      // Overview: live activity, with the reminder that live agent support is still off.
      await page.getByText('Live agent support is off').waitFor();
      await page.getByText('Operators on duty').waitFor();
      await screenshot(page, '01-overview');

      // Settings: a refusal comes up as a flag that says why, and stays until closed.
      await openTab(page, 'Settings');
      const capacity = page.getByLabel('Operator capacity');
      await capacity.fill('11');
      await page.getByRole('button', { name: 'Save' }).click();
      const refused = flag(page, 'The settings were not saved');
      await refused.getByText('Operator capacity must be a whole number from 1 to 10.').waitFor();
      await dismissFlags(page);
      await capacity.fill('2');

      // Enable the Live agent support (from the keyboard), and save.
      const toggle = page.getByRole('checkbox', { name: 'Live agent support' });
      await toggle.focus();
      await page.keyboard.press('Space');
      await expect(toggle.isChecked()).resolves.toBe(true);
      // Tickets from conversations: one of the project's own request types.
      await page.getByLabel('Request type for tickets').click();
      await page.getByRole('option', { name: 'Chat conversation' }).click();
      await page.getByRole('button', { name: 'Save' }).click();
      await flag(page, 'Settings saved').getByText('Live agent support is now on. Changed: Operator capacity, Request type for tickets.').waitFor();
      const saved = await invokeInPage(page, 'settings/get', {});
      expect(saved).toMatchObject({ ok: true, data: { settings: { enabled: true, operatorCapacity: 2, requestTypeId: '12' }, canEdit: true } });
      await scrollToEnd(page);
      await screenshot(page, '02-koji-settings');

      // Slack workspaces: connect the sandbox workspace with its token and secret.
      await openTab(page, 'Slack workspaces');
      await page.getByText('No Slack workspace is connected yet').waitFor();
      await expect(page.getByLabel('Slack request URL of this site').inputValue()).resolves.toBe(platform.webTriggerUrl('slack-events'));
      await expect(page.locator('pre.koji-code').textContent()).resolves.toContain(platform.webTriggerUrl('slack-events'));
      await page.getByLabel('Bot User OAuth Token').fill('xoxb-not-the-right-one');
      await page.getByLabel('Signing Secret').fill(SANDBOX_WORKSPACE.signingSecret);
      await page.getByRole('button', { name: 'Connect', exact: true }).click();
      await flag(page, 'The Slack workspace was not connected').waitFor();
      await dismissFlags(page);
      await page.getByLabel('Bot User OAuth Token').fill(SANDBOX_WORKSPACE.botToken);
      await page.getByRole('button', { name: 'Connect', exact: true }).click();
      await flag(page, `${SANDBOX_WORKSPACE.teamName} is connected`).getByText('Give people the Live agent role in Role setup.').waitFor();
      // Secrets are write-only: the fields are emptied, and never filled back.
      await expect(page.getByLabel('Bot User OAuth Token').inputValue()).resolves.toBe('');
      await expect(page.getByLabel('Bot User OAuth Token').getAttribute('type')).resolves.toBe('password');
      // Its status: connecting was a check that worked; a test Slack refuses shows why, and the next one that passes clears it.
      const tenants = page.getByRole('table', { name: 'Connected Slack workspaces' });
      await tenants.getByRole('columnheader', { name: 'Status' }).waitFor();
      const sandboxRow = tenants.getByRole('row', { name: new RegExp(SANDBOX_WORKSPACE.teamName) });
      await sandboxRow.getByText('Working', { exact: true }).waitFor();
      await sandboxRow.getByText('checked just now').waitFor();
      platform.slack!.failNext('auth.test', 'token_revoked');
      await page.getByRole('button', { name: `Test connection to ${SANDBOX_WORKSPACE.teamName}` }).click();
      await flag(page, `The test of ${SANDBOX_WORKSPACE.teamName} failed`).getByText(/Slack refused the bot token \(token_revoked\)/).waitFor();
      await sandboxRow.getByText('Failing', { exact: true }).waitFor();
      await sandboxRow.getByText(/Slack refused the bot token \(token_revoked\)/).waitFor();
      await screenshot(page, '03-configuration-tenants-failing');
      await dismissFlags(page);
      await page.getByRole('button', { name: `Test connection to ${SANDBOX_WORKSPACE.teamName}` }).click();
      await flag(page, `Connected to ${SANDBOX_WORKSPACE.teamName}`).waitFor();
      await sandboxRow.getByText('Working', { exact: true }).waitFor();
      await expect(sandboxRow.getByText('Failing', { exact: true }).count()).resolves.toBe(0);
      await screenshot(page, '03-configuration-tenants');
      // The status is Koji's, not the page's: it is there after a reload.
      await page.reload();
      await openTab(page, 'Slack workspaces');
      await sandboxRow.getByText('Working', { exact: true }).waitFor();
      await sandboxRow.getByText(/^checked (just now|1 min ago)$/).waitFor();
      // A workspace installed from an older Slack app manifest keeps working; its row says what a reinstall enables.
      const allScopes = [...SLACK_BOT_SCOPES];
      platform.slack!.grantScopes(allScopes.filter((scope) => scope !== 'files:write'));
      await page.getByRole('button', { name: `Test connection to ${SANDBOX_WORKSPACE.teamName}` }).click();
      await sandboxRow.getByText('This workspace was installed before Koji asked for files:write: reinstall the Slack app to enable relaying files to people on Slack.').waitFor();
      await sandboxRow.getByText('Working', { exact: true }).waitFor();
      await screenshot(page, '03-configuration-tenants-older-scopes');
      await dismissFlags(page);
      platform.slack!.grantScopes(allScopes);
      await page.getByRole('button', { name: `Test connection to ${SANDBOX_WORKSPACE.teamName}` }).click();
      await flag(page, `Connected to ${SANDBOX_WORKSPACE.teamName}`).waitFor();
      await sandboxRow.getByRole('note').first().waitFor({ state: 'detached' });
      await dismissFlags(page);
      // Teams tenants are a tab of their own.
      await openTab(page, 'Teams tenants');
      await page.getByText('No Teams tenant is connected yet').waitFor();

      // Role setup: pick the workspace, find Alice Operator (by her e-mail: which of her Slack names shows is the directory's call), click Set.
      await openTab(page, 'Role setup');
      await page.getByLabel('Workspace or tenant', { exact: true }).click();
      await page.getByRole('option', { name: `${SANDBOX_WORKSPACE.teamName} (Slack workspace)` }).click();
      await page.getByRole('row', { name: /bob@sandbox\.test/ }).waitFor();
      await page.getByLabel('Filter by name or e-mail').fill('Alice');
      await page.getByText('1 person matching “Alice”').waitFor();
      await expect(page.getByRole('table', { name: `People of ${SANDBOX_WORKSPACE.teamName}` }).locator('tbody tr').count()).resolves.toBe(1);
      const alice = page.getByRole('row', { name: /alice@sandbox\.test/ });
      await expect(alice.textContent()).resolves.toContain('Customer');
      await alice.getByRole('button', { name: /^Set Alice( Operator)? as Live agent$/ }).click();
      await alice.getByRole('button', { name: /^Remove the Live agent role from Alice( Operator)?$/ }).waitFor();
      await expect(alice.textContent()).resolves.toMatch(/Live agent.*Off duty.*0\/2/);
      await flag(page, /^Alice( Operator)? is now a Live agent/).waitFor();
      await screenshot(page, '04-tenant-role-setup');

      // The admin is in the workspace too (same e-mail as in Jira): their own row offers no Set or Remove.
      await page.getByLabel('Filter by name or e-mail').fill('admin@koji.local');
      const own = page.getByRole('row', { name: /admin@koji\.local/ });
      await own.getByText('You can’t change your own role').waitFor();
      await expect(own.getByRole('button').count()).resolves.toBe(0);

      // Disconnecting asks first (and is cancelled here: the workspace stays connected).
      await openTab(page, 'Slack workspaces');
      await page.getByRole('button', { name: `Disconnect ${SANDBOX_WORKSPACE.teamName}` }).click();
      const dialog = page.getByRole('dialog', { name: `Disconnect ${SANDBOX_WORKSPACE.teamName}?` });
      await dialog.getByText('Slack workspace', { exact: false }).first().waitFor();
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await dialog.waitFor({ state: 'detached' });
      await sandboxRow.getByText('Working', { exact: true }).waitFor();

      // The role is Koji's now, not only the page's.
      const listed = await invokeInPage(page, 'tenant-users/list', { channel: 'slack', tenantId: SANDBOX_WORKSPACE.teamId, query: 'alice' });
      expect(listed).toMatchObject({ ok: true, data: { users: [{ userId: 'UALICE', role: 'live-agent', duty: 'off', load: 0, capacity: 2 }] } });

      expect(pageErrors).toEqual([]);
    } catch (error) {
      await screenshot(page, 'failed-admin').catch(() => undefined);
      throw error;
    } finally {
      await context.close();
    }
  });

  it('shows someone who is not an admin that the backoffice is for admins, and the resolvers refuse them reads and changes', async () => {
    const { context, page, pageErrors } = await openBackoffice({ as: 'local-agent', admin: false });
    try {
      await page.getByText('Only admins can use the Koji backoffice').waitFor();
      await page.getByText('Only Jira administrators and administrators of this project can use the Koji backoffice.').waitFor();
      await expect(page.getByRole('tab').count()).resolves.toBe(0);
      await screenshot(page, '05-backoffice-admins-only');

      for (const [key, payload] of [['settings/get', {}], ['activity/get', {}], ['settings/update', { change: { enabled: false } }]] as const) {
        expect({ key, answer: await invokeInPage(page, key, payload) }).toMatchObject({ key, answer: { ok: false, error: { code: 'forbidden' } } });
      }
      expect(pageErrors).toEqual([]);
    } catch (error) {
      await screenshot(page, 'failed-non-admin').catch(() => undefined);
      throw error;
    } finally {
      await context.close();
    }
  });

  it('follows Jira’s dark theme, in its tabs, its dialogs and its flags', async () => {
    const { context, page, pageErrors } = await openBackoffice({ colorMode: 'dark' });
    try {
      await expect(page.evaluate(() => (globalThis as unknown as { document: { documentElement: { dataset: Record<string, string> } } }).document.documentElement.dataset['colorMode'])).resolves.toBe('dark');
      await openTab(page, 'Role setup');
      const alice = page.getByRole('row', { name: /alice@sandbox\.test/ });
      await alice.waitFor();
      await screenshot(page, '06-tenant-role-setup-dark');
      await alice.getByRole('button', { name: /^Remove the Live agent role from Alice( Operator)?$/ }).click();
      const dialog = page.getByRole('dialog', { name: /^Remove the Live agent role from Alice( Operator)?\?$/ });
      await dialog.waitFor();
      await screenshot(page, '06-remove-role-dialog-dark');
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await dialog.waitFor({ state: 'detached' });
      await openTab(page, 'Settings');
      await page.getByRole('checkbox', { name: 'Live agent support' }).waitFor();
      await page.getByLabel('Operator capacity').fill('0');
      await page.getByRole('button', { name: 'Save' }).click();
      await flag(page, 'The settings were not saved').waitFor();
      await scrollToEnd(page);
      await screenshot(page, '07-koji-settings-dark');
      await dismissFlags(page);
      expect(pageErrors).toEqual([]);
    } catch (error) {
      await screenshot(page, 'failed-dark').catch(() => undefined);
      throw error;
    } finally {
      await context.close();
    }
  });

  it('keeps Save in reach at the bottom of the window on the long settings page', async () => {
    const { context, page, pageErrors } = await openBackoffice({ height: 600 });
    try {
      await openTab(page, 'Settings');
      await page.getByLabel('Operator capacity').fill('3');
      await page.getByText('You have unsaved changes.').waitFor();
      const save = page.getByRole('button', { name: 'Save' });
      // At the top of the page, with the last field far below the window, Save is on screen.
      await page.evaluate(() => (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0));
      const tickets = await page.getByLabel('Request type for tickets').boundingBox();
      expect(tickets?.y).toBeGreaterThan(600);
      const box = await save.boundingBox();
      expect(box).not.toBeNull();
      expect(box!.y).toBeGreaterThan(0);
      expect(box!.y + box!.height).toBeLessThanOrEqual(600);
      await screenshot(page, '02-koji-settings-save-bar');
      await save.click();
      await flag(page, 'Settings saved').waitFor();
      await expect(page.getByText('You have unsaved changes.').count()).resolves.toBe(0);
      expect(pageErrors).toEqual([]);
    } catch (error) {
      await screenshot(page, 'failed-save-bar').catch(() => undefined);
      throw error;
    } finally {
      await context.close();
    }
  });

  it('refuses an emptied handoff phrase with what to fix, and keeps the phrases as they were', async () => {
    const { context, page, pageErrors } = await openBackoffice();
    try {
      await openTab(page, 'Settings');
      const second = page.getByLabel('Phrase 2', { exact: true });
      const before = await second.inputValue();
      await second.fill('');
      await page.getByRole('button', { name: 'Save' }).click();
      await flag(page, 'The settings were not saved').getByText('Phrase 2 is empty: type a phrase or remove it.').waitFor();
      await dismissFlags(page);
      const saved = (await invokeInPage(page, 'settings/get', {})) as { data?: { settings?: { handoffPhrases?: string[] } } };
      expect(saved.data?.settings?.handoffPhrases?.[1]).toBe(before);
      expect(pageErrors).toEqual([]);
    } catch (error) {
      await screenshot(page, 'failed-emptied-phrase').catch(() => undefined);
      throw error;
    } finally {
      await context.close();
    }
  });

  it('sets how soon a returning user goes back to their operator, refusing a window out of bounds, and turns it off', async () => {
    const { context, page, pageErrors } = await openBackoffice();
    try {
      await openTab(page, 'Settings');
      const returning = page.getByRole('checkbox', { name: 'Return users to the operator who last served them' });
      await expect(returning.isChecked()).resolves.toBe(true);
      const hours = page.getByLabel('Within (hours)');
      await expect(hours.inputValue()).resolves.toBe('24');

      await hours.fill('200');
      await page.getByText('Enter a whole number from 1 to 168.').waitFor();
      await page.getByRole('button', { name: 'Save' }).click();
      await flag(page, 'The settings were not saved').getByText('Returning to the same operator must be off or from 1 to 168 hours.').waitFor();
      await dismissFlags(page);

      await hours.fill('6');
      await page.getByRole('button', { name: 'Save' }).click();
      await flag(page, 'Settings saved').waitFor();
      await dismissFlags(page);
      expect(await invokeInPage(page, 'settings/get', {})).toMatchObject({ ok: true, data: { settings: { returnToOperatorHours: 6 } } });

      await returning.focus();
      await page.keyboard.press('Space');
      await expect(hours.count()).resolves.toBe(0);
      await page.getByRole('button', { name: 'Save' }).click();
      await flag(page, 'Settings saved').waitFor();
      await dismissFlags(page);
      expect(await invokeInPage(page, 'settings/get', {})).toMatchObject({ ok: true, data: { settings: { returnToOperatorHours: 'off' } } });

      // On again, it comes back with the window it had.
      await returning.focus();
      await page.keyboard.press('Space');
      await expect(hours.inputValue()).resolves.toBe('6');
      await page.getByRole('button', { name: 'Save' }).click();
      await flag(page, 'Settings saved').waitFor();
      await dismissFlags(page);
      expect(pageErrors).toEqual([]);
    } catch (error) {
      await screenshot(page, 'failed-return-to-operator').catch(() => undefined);
      throw error;
    } finally {
      await context.close();
    }
  });

  it('sets after how long idle operators are put off duty, refusing a time the sweep could not keep, and turns it off', async () => {
    const { context, page, pageErrors } = await openBackoffice();
    try {
      await openTab(page, 'Settings');
      const idle = page.getByRole('checkbox', { name: 'Put idle operators off duty' });
      await expect(idle.isChecked()).resolves.toBe(true);
      const minutes = page.getByLabel('After (minutes)');
      await expect(minutes.inputValue()).resolves.toBe('30');

      await minutes.fill('4');
      await page.getByText('Enter a whole number from 5 to 1440.').waitFor();
      await page.getByRole('button', { name: 'Save' }).click();
      await flag(page, 'The settings were not saved').getByText('Putting idle operators off duty must be off or from 5 to 1440 minutes.').waitFor();
      await dismissFlags(page);

      await minutes.fill('45');
      await page.getByRole('button', { name: 'Save' }).click();
      await flag(page, 'Settings saved').waitFor();
      await dismissFlags(page);
      expect(await invokeInPage(page, 'settings/get', {})).toMatchObject({ ok: true, data: { settings: { idleAwayMinutes: 45 } } });

      await idle.focus();
      await page.keyboard.press('Space');
      await expect(minutes.count()).resolves.toBe(0);
      await page.getByRole('button', { name: 'Save' }).click();
      await flag(page, 'Settings saved').waitFor();
      await dismissFlags(page);
      expect(await invokeInPage(page, 'settings/get', {})).toMatchObject({ ok: true, data: { settings: { idleAwayMinutes: 'off' } } });
      await screenshot(page, '07-presence-settings');
      expect(pageErrors).toEqual([]);
    } catch (error) {
      await screenshot(page, 'failed-idle-away').catch(() => undefined);
      throw error;
    } finally {
      await context.close();
    }
  });

  it('asks users to rate on the scale an admin picks, refusing a rating window out of bounds as it is typed', async () => {
    const { context, page, pageErrors } = await openBackoffice();
    try {
      await openTab(page, 'Settings');
      const fiveStars = page.getByRole('radio', { name: /^1 to 5/ });
      const thumbs = page.getByRole('radio', { name: /^Thumbs up or down/ });
      const ratingWindow = page.getByLabel('Rating window (hours)');
      await expect(fiveStars.isChecked()).resolves.toBe(true);
      await expect(ratingWindow.inputValue()).resolves.toBe('24');

      await thumbs.check();
      await ratingWindow.fill('200');
      await page.getByText('The rating window must be from 1 to 168 hours.').waitFor();
      await page.getByRole('button', { name: 'Save' }).click();
      await flag(page, 'The settings were not saved').getByText('The rating window must be from 1 to 168 hours.').waitFor();
      await dismissFlags(page);

      await ratingWindow.fill('48');
      await page.getByRole('button', { name: 'Save' }).click();
      await flag(page, 'Settings saved').waitFor();
      expect(await invokeInPage(page, 'settings/get', {})).toMatchObject({ ok: true, data: { settings: { ratingScale: 'thumbs', ratingWindowHours: 48 } } });
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('offers users to operators first once an admin chooses it, with the offer window and missed offers set, refusing a window out of bounds', async () => {
    const { context, page, pageErrors } = await openBackoffice();
    try {
      await openTab(page, 'Settings');
      const assignDirectly = page.getByRole('radio', { name: /^Assign directly/ });
      const offerFirst = page.getByRole('radio', { name: /^Offer first/ });
      const offerWindow = page.getByLabel('Offer window (seconds)');
      const missed = page.getByLabel('Missed offers before off duty');
      await expect(assignDirectly.isChecked()).resolves.toBe(true);
      // The offer window and missed offers apply to Offer first: not shown before it is chosen.
      await expect(offerWindow.count()).resolves.toBe(0);

      await offerFirst.check();
      await expect(offerWindow.inputValue()).resolves.toBe('60');
      await expect(page.getByRole('checkbox', { name: 'Put operators who miss offers off duty' }).isChecked()).resolves.toBe(true);
      await expect(missed.inputValue()).resolves.toBe('2');

      // A window out of bounds: the reason as it is typed, in the server's words, and nothing saved.
      await offerWindow.fill('5');
      await page.getByText('The offer window must be from 15 to 600 seconds.').waitFor();
      await page.getByRole('button', { name: 'Save' }).click();
      await flag(page, 'The settings were not saved').getByText('The offer window must be from 15 to 600 seconds.').waitFor();
      await dismissFlags(page);
      expect(await invokeInPage(page, 'settings/get', {})).toMatchObject({ ok: true, data: { settings: { operatorAssignment: 'assign-directly', offerWindowSeconds: 60 } } });

      await offerWindow.fill('30');
      await missed.fill('11');
      await page.getByText('Missed offers before an operator is put off duty must be off or from 1 to 10.').waitFor();
      await missed.fill('3');
      await page.getByRole('button', { name: 'Save' }).click();
      await flag(page, 'Settings saved').waitFor();
      await dismissFlags(page);

      // Kept: read again from the server after a reload.
      await page.reload();
      await openTab(page, 'Settings');
      await expect(offerFirst.isChecked()).resolves.toBe(true);
      await expect(offerWindow.inputValue()).resolves.toBe('30');
      await expect(missed.inputValue()).resolves.toBe('3');
      expect(await invokeInPage(page, 'settings/get', {})).toMatchObject({
        ok: true,
        data: { settings: { operatorAssignment: 'offer-first', offerWindowSeconds: 30, missedOffersBeforeAway: 3 } },
      });
      await scrollToEnd(page);
      await screenshot(page, '08-operator-offers-settings');

      // Back to Assign directly: the two fields go, keeping what they hold for the next time Offer first is chosen.
      await assignDirectly.check();
      await expect(offerWindow.count()).resolves.toBe(0);
      await page.getByRole('button', { name: 'Save' }).click();
      await flag(page, 'Settings saved').waitFor();
      await dismissFlags(page);
      expect(await invokeInPage(page, 'settings/get', {})).toMatchObject({
        ok: true,
        data: { settings: { operatorAssignment: 'assign-directly', offerWindowSeconds: 30, missedOffersBeforeAway: 3 } },
      });
      await offerFirst.check();
      await expect(offerWindow.inputValue()).resolves.toBe('30');
      await page.getByRole('button', { name: 'Discard changes' }).click();
      await expect(assignDirectly.isChecked()).resolves.toBe(true);
      expect(pageErrors).toEqual([]);
    } catch (error) {
      await screenshot(page, 'failed-operator-offers').catch(() => undefined);
      throw error;
    } finally {
      await context.close();
    }
  });

  it('shows on the Overview the offers an operator has not answered yet, next to their conversations', async () => {
    const { context, page, pageErrors } = await openBackoffice();
    const chooseAssignment = (operatorAssignment: string) => invokeInPage(page, 'settings/update', { change: { operatorAssignment } });
    try {
      expect(await chooseAssignment('offer-first')).toMatchObject({ ok: true });
      await platform.slack!.sendAs('UALICE', '#on');
      await platform.slack!.sendAs('UBOB', 'operator');
      await platform.slack!.whenIdle();
      await page.getByRole('button', { name: 'Refresh the overview' }).click();
      const alice = page.getByRole('table', { name: 'Operators on duty' }).getByRole('row', { name: /Alice/ });
      await alice.getByText(/^0\/\d · 1 offer waiting$/).waitFor();

      // Declined, and Bob stops waiting: nothing is left waiting for her answer.
      await platform.slack!.sendAs('UALICE', '#decline');
      await platform.slack!.sendAs('UBOB', 'cancel');
      await platform.slack!.whenIdle();
      await page.getByRole('button', { name: 'Refresh the overview' }).click();
      await alice.getByText(/^0\/\d$/).waitFor();
      expect(pageErrors).toEqual([]);
    } catch (error) {
      await screenshot(page, 'failed-offers-waiting').catch(() => undefined);
      throw error;
    } finally {
      await platform.slack!.sendAs('UALICE', '#off');
      await platform.slack!.whenIdle();
      await chooseAssignment('assign-directly');
      await context.close();
    }
  });

  it('puts an operator on duty off duty from the Overview once confirmed, says so in a flag, and Koji tells them in Slack', async () => {
    const { context, page, pageErrors } = await openBackoffice();
    try {
      await platform.slack!.sendAs('UALICE', '#on');
      await platform.slack!.sendAs('UBOB', 'operator');
      await platform.slack!.whenIdle();
      await page.getByRole('button', { name: 'Refresh the overview' }).click();
      const alice = page.getByRole('table', { name: 'Operators on duty' }).getByRole('row', { name: /Alice/ });
      await alice.getByText('Slack', { exact: true }).waitFor();
      await alice.getByText(/^1\//).waitFor();

      // Put off duty asks first, naming what happens to her and to Bob; Cancel leaves her on duty.
      const putOff = alice.getByRole('button', { name: /^Put Alice( Operator)? off duty$/ });
      await putOff.click();
      const dialog = page.getByRole('dialog', { name: /^Put Alice( Operator)? off duty\?$/ });
      await dialog.getByText(/goes off duty and Koji hands them no more users; they keep the Live agent role/).waitFor();
      await dialog.getByText(/The user they are talking to now goes back to the front of the queue/).waitFor();
      await dialog.getByText(/they come back by writing #on to the Koji bot/).waitFor();
      await screenshot(page, '05-put-off-duty-dialog');
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await dialog.waitFor({ state: 'detached' });
      await alice.waitFor();

      await putOff.click();
      await dialog.getByRole('button', { name: 'Put off duty' }).click();
      await flag(page, /^Alice( Operator)? is off duty/).waitFor();
      await page.getByText('Nobody is on duty').waitFor();
      await platform.slack!.whenIdle();
      const toAlice = JSON.stringify(platform.slack!.conversation('UALICE').at(-1));
      expect(toAlice).toContain('An administrator put you off duty in the Koji backoffice.');
      expect(toAlice).toContain('when you’re ready to take users again.');
      await dismissFlags(page);
      expect(pageErrors).toEqual([]);
    } catch (error) {
      await screenshot(page, 'failed-put-off-duty').catch(() => undefined);
      throw error;
    } finally {
      await context.close();
    }
  });

  it('sets an operator’s own capacity in Role setup, refusing one out of bounds, and sets it back to the project’s', async () => {
    const { context, page, pageErrors } = await openBackoffice();
    try {
      await openTab(page, 'Role setup');
      const alice = page.getByRole('row', { name: /alice@sandbox\.test/ });
      await alice.getByText('0/3').waitFor();
      const field = alice.getByLabel(/^Capacity of Alice( Operator)?$/);
      const set = alice.getByRole('button', { name: /^Set the capacity of Alice( Operator)?$/ });

      await field.fill('11');
      await alice.getByText('A whole number from 1 to 10, or empty for the project’s.').waitFor();
      await expect(set.isDisabled()).resolves.toBe(true);

      await field.fill('2');
      await set.click();
      await flag(page, /^Alice( Operator)? can take 2 conversations at once/).waitFor();
      await alice.getByText('0/2').waitFor();
      await screenshot(page, '06-operator-capacity');
      await dismissFlags(page);

      await alice.getByLabel(/^Capacity of Alice( Operator)?$/).fill('');
      await alice.getByRole('button', { name: /^Set the capacity of Alice( Operator)?$/ }).click();
      await flag(page, /^Alice( Operator)? follows the project’s capacity again/).waitFor();
      await alice.getByText('0/3').waitFor();
      await dismissFlags(page);
      expect(pageErrors).toEqual([]);
    } catch (error) {
      await screenshot(page, 'failed-capacity').catch(() => undefined);
      throw error;
    } finally {
      await context.close();
    }
  });

  it('keeps Overview and Role setup up to date after every change made on the page, and refreshes them on demand', async () => {
    const { context, page, pageErrors } = await openBackoffice();
    try {
      const onDuty = page.getByRole('table', { name: 'Operators on duty' });
      await page.getByText('Nobody is on duty').waitFor();
      await page.getByText(/^Last updated /).first().waitFor();

      // Alice starts a shift from Slack: the page hears nothing of it until Refresh.
      await platform.slack!.sendAs('UALICE', '#on');
      await platform.slack!.whenIdle();
      await page.getByRole('button', { name: 'Refresh the overview' }).click();
      await onDuty.getByRole('row', { name: /Alice/ }).waitFor();

      // Role setup has its own Refresh and time; a capacity saved in Settings shows in Alice's load without either.
      await openTab(page, 'Role setup');
      const alice = page.getByRole('row', { name: /alice@sandbox\.test/ });
      await page.getByRole('button', { name: 'Refresh role setup' }).click();
      await alice.getByText('On duty', { exact: true }).waitFor();
      await alice.getByText('0/3').waitFor();
      await page.getByRole('tabpanel').getByText(/^Last updated /).waitFor();
      await openTab(page, 'Settings');
      await page.getByLabel('Operator capacity').fill('4');
      await page.getByRole('button', { name: 'Save' }).click();
      await flag(page, 'Settings saved').waitFor();
      await openTab(page, 'Role setup');
      await alice.getByText('0/4').waitFor();

      // Remove asks first, naming what happens; Cancel keeps the role.
      const remove = alice.getByRole('button', { name: /^Remove the Live agent role from Alice( Operator)?$/ });
      await remove.click();
      const dialog = page.getByRole('dialog', { name: /^Remove the Live agent role from Alice( Operator)?\?$/ });
      await dialog.getByText(/no longer an operator: they go off duty/).waitFor();
      await screenshot(page, '04-remove-role-dialog');
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await dialog.waitFor({ state: 'detached' });
      await expect(alice.textContent()).resolves.toMatch(/Live agent.*On duty/);

      // Confirmed: a flag, and the Overview has lost its operator on duty without a reload or a Refresh.
      await remove.click();
      await dialog.getByRole('button', { name: 'Remove role' }).click();
      await flag(page, /^Alice( Operator)? is no longer a Live agent/).waitFor();
      await expect(alice.textContent()).resolves.toContain('Customer');
      await openTab(page, 'Overview');
      await page.getByText('Nobody is on duty').waitFor();
      await expect(onDuty.count()).resolves.toBe(0);
      expect(await invokeInPage(page, 'tenant-users/list', { channel: 'slack', tenantId: SANDBOX_WORKSPACE.teamId, query: 'alice' })).toMatchObject({
        ok: true,
        data: { users: [{ userId: 'UALICE', role: 'none' }] },
      });
      expect(pageErrors).toEqual([]);
    } catch (error) {
      await screenshot(page, 'failed-fresh').catch(() => undefined);
      throw error;
    } finally {
      await context.close();
    }
  });

  it('sets the project’s time zone and business hours, flagging overlapping hours with what to fix', async () => {
    const { context, page, pageErrors } = await openBackoffice();
    try {
      await openTab(page, 'Settings');
      await page.getByLabel('Time zone').fill('Europe/Par');
      await page.getByRole('option', { name: 'Europe/Paris' }).click();
      const hours = page.getByRole('checkbox', { name: 'Business hours' });
      await hours.focus();
      await page.keyboard.press('Space');
      await expect(page.getByLabel('Friday closes').inputValue()).resolves.toBe('17:30');
      // Saturday morning too, and a Monday evening that runs into the day's hours.
      await page.getByRole('checkbox', { name: 'Saturday' }).focus();
      await page.keyboard.press('Space');
      await page.getByLabel('Saturday opens').fill('10:00');
      await page.getByLabel('Saturday closes').fill('12:00');
      await page.getByRole('button', { name: 'Add Monday hours' }).focus();
      await page.keyboard.press('Enter');
      await page.getByLabel('Monday opens (2)').fill('17:00');
      await page.getByLabel('Monday closes (2)').fill('19:00');
      await page.getByText('Monday: The intervals overlap.').waitFor();
      await page.getByRole('button', { name: 'Save' }).click();
      await flag(page, 'The settings were not saved').getByText('Monday: 09:00–17:30 and 17:00–19:00 overlap.').waitFor();
      await dismissFlags(page);

      await page.getByLabel('Monday opens (2)').fill('18:00');
      await page.getByRole('button', { name: 'Save' }).click();
      await flag(page, 'Settings saved').waitFor();
      await screenshot(page, '02-koji-settings-business-hours');
      const saved = (await invokeInPage(page, 'settings/get', {})) as { data?: { settings?: Record<string, unknown> } };
      expect(saved.data?.settings).toMatchObject({
        timeZone: 'Europe/Paris',
        businessHours: { monday: [{ from: '09:00', to: '17:30' }, { from: '18:00', to: '19:00' }], saturday: [{ from: '10:00', to: '12:00' }], sunday: [] },
      });
      expect(pageErrors).toEqual([]);
    } catch (error) {
      await screenshot(page, 'failed-business-hours').catch(() => undefined);
      throw error;
    } finally {
      // The platform is shared by the specs of this file: the ones after this one expect no schedule.
      await invokeInPage(page, 'settings/update', { change: { businessHours: null, timeZone: 'UTC' } }).catch(() => undefined);
      await context.close();
    }
  });

  it('keeps saved replies an admin adds, refuses a bad one as it is typed with the resolver’s words, and shows hostile text as written', async () => {
    const { context, page, pageErrors } = await openBackoffice();
    try {
      await openTab(page, 'Saved replies');
      await page.getByText('No saved replies yet.').waitFor();
      await page.getByText(/\{user\} becomes the user’s name/).waitFor();

      await page.getByRole('button', { name: 'Add a reply' }).click();
      await page.getByLabel('Name', { exact: true }).fill('VPN reset');
      await page.getByLabel('Text', { exact: true }).fill('Hi {user}, {operator} here:\nyour VPN token was reset.');
      await page.getByRole('button', { name: 'Save reply' }).click();
      await flag(page, 'Saved reply “VPN reset” added').waitFor();
      const table = page.getByRole('table', { name: 'Saved replies' });
      await table.getByRole('row', { name: /VPN reset/ }).waitFor();

      // A bad reply: each problem under its field as it is typed, and nothing sent.
      await page.getByRole('button', { name: 'Add a reply' }).click();
      await page.getByLabel('Name', { exact: true }).fill('#vpn');
      await page.getByText('Write the name without #: operators type #reply and then the name.').waitFor();
      await page.getByLabel('Name', { exact: true }).fill('vpn  RESET');
      await page.getByText('Another reply is already called “VPN reset” (capitals and spaces don’t count): pick another name.').waitFor();
      await page.getByLabel('Text', { exact: true }).fill('See {tikcet}');
      await page.getByText('{tikcet} is not a placeholder: use {user}, {operator} or {ticket} (and {{ or }} for a brace).').waitFor();
      await page.getByRole('button', { name: 'Save reply' }).click();
      await screenshot(page, '10-saved-replies-refused');
      await page.getByRole('button', { name: 'Cancel' }).click();
      const saved = (await invokeInPage(page, 'settings/get', {})) as { data?: { settings?: { savedReplies?: unknown[] } } };
      expect(saved.data?.settings?.savedReplies).toEqual([{ name: 'VPN reset', text: 'Hi {user}, {operator} here:\nyour VPN token was reset.' }]);

      // The hostile corpus: names the resolver refuses say why; texts it keeps show as written, inert.
      for (const { text } of HOSTILE_STRINGS) {
        const answer = (await invokeInPage(page, 'settings/update', { change: { savedReplies: [{ name: text, text: 'x' }] } })) as { ok: boolean; error?: { message: string } };
        if (!answer.ok) expect(answer.error?.message).toMatch(/^Saved reply 1: /);
      }
      // Those the resolver keeps, and short enough for the table to show whole.
      const texts = HOSTILE_STRINGS.map((s) => s.text).filter((t) => checkSavedReplies([{ name: 'x', text: t }]).problems.length === 0 && t.trim().length <= 120);
      const hostile = texts.map((text, i) => ({ name: `hostile ${i + 1}`, text }));
      expect(await invokeInPage(page, 'settings/update', { change: { savedReplies: [...hostile, saved.data!.settings!.savedReplies![0]] } })).toMatchObject({ ok: true });

      // Kept after a reload, each text as written and nothing made of it: no link, image, script or bold.
      await page.reload();
      await openTab(page, 'Saved replies');
      const rows = page.getByRole('table', { name: 'Saved replies' }).locator('tbody tr');
      await rows.nth(hostile.length).getByText('VPN reset').waitFor();
      const shown = await rows.evaluateAll((trs) => trs.map((tr) => (tr as unknown as { cells: { textContent: string }[] }).cells[1]!.textContent));
      expect(shown).toEqual([...hostile.map((h) => h.text.trim()), 'Hi {user}, {operator} here:\nyour VPN token was reset.']);
      await expect(page.getByRole('table', { name: 'Saved replies' }).locator('a, img, script, b, strong, code').count()).resolves.toBe(0);

      // Edited, then deleted once confirmed.
      await page.getByRole('button', { name: 'Edit VPN reset' }).click();
      await page.getByLabel('Text', { exact: true }).fill('Your VPN token was reset, {user}.');
      await page.getByRole('button', { name: 'Save reply' }).click();
      await flag(page, 'Saved reply “VPN reset” saved').waitFor();
      await page.getByRole('button', { name: 'Delete hostile 1', exact: true }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
      await flag(page, /deleted/).waitFor();
      const after = (await invokeInPage(page, 'settings/get', {})) as { data?: { settings?: { savedReplies?: { name: string; text: string }[] } } };
      expect(after.data?.settings?.savedReplies?.map((r) => r.name)).toEqual([...hostile.slice(1).map((h) => h.name), 'VPN reset']);
      expect(after.data?.settings?.savedReplies?.at(-1)?.text).toBe('Your VPN token was reset, {user}.');
      await scrollToEnd(page);
      await screenshot(page, '11-saved-replies');
      expect(pageErrors).toEqual([]);
    } catch (error) {
      await screenshot(page, 'failed-saved-replies').catch(() => undefined);
      throw error;
    } finally {
      await context.close();
    }
  });

  it('disconnects a Slack workspace once confirmed, says so in a flag, and shows it gone everywhere', async () => {
    const { context, page, pageErrors } = await openBackoffice();
    try {
      await openTab(page, 'Role setup');
      await page.getByRole('row', { name: /alice@sandbox\.test/ }).waitFor();
      await openTab(page, 'Slack workspaces');
      await page.getByRole('button', { name: `Disconnect ${SANDBOX_WORKSPACE.teamName}` }).click();
      const dialog = page.getByRole('dialog', { name: `Disconnect ${SANDBOX_WORKSPACE.teamName}?` });
      await dialog.getByText(/deletes its bot token and signing secret/).waitFor();
      await dialog.getByRole('button', { name: 'Disconnect' }).click();
      await dialog.waitFor({ state: 'detached' });
      await flag(page, `${SANDBOX_WORKSPACE.teamName} is disconnected`).waitFor();
      await page.getByText('No Slack workspace is connected yet').waitFor();
      await screenshot(page, '03-configuration-tenants-disconnected');
      // Role setup, read again without a reload, has nothing left to show.
      await openTab(page, 'Role setup');
      await page.getByText('No Slack workspace or Teams tenant is connected yet').waitFor();
      expect(await invokeInPage(page, 'tenants/list', {})).toMatchObject({ ok: true, data: { tenants: [] } });
      expect(pageErrors).toEqual([]);
    } catch (error) {
      await screenshot(page, 'failed-disconnect').catch(() => undefined);
      throw error;
    } finally {
      await context.close();
    }
  });
});
