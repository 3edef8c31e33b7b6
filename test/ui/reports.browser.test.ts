/**
 * The backoffice's Reports tab (issue 20) in Chromium: an admin picks a period and reads the service figures as
 * charts and tables, per day and per operator, and downloads them as CSV, whose cells a spreadsheet cannot run
 * as formulas. The figures are counted by the app's own KVS adapter into the local platform's KVS.
 *
 * Needs `npm run build:ui` first (npm test runs it) and a Chromium (dev/chromium.ts finds one).
 */
import { readFileSync } from 'node:fs';
import { kvs } from '@forge/kvs';
import type { Browser } from 'playwright-core';
import type { LocalPlatform } from '../../packages/forge-local/src/platform';
import { LOCAL_PROJECT } from '../../packages/forge-local/src/jira/jsm-stand-in';
import { startLocalPlatform } from '../../dev/koji-app';
import { KvsServiceFigures } from '../../src/adapters/forge/kvs-service-figures';
import { KvsDeflectionCounters } from '../../src/adapters/forge/kvs-deflection-counters';
import { lastDays } from '../../src/app/figures/service-report';
import type { FigureEvent, OperatorRef } from '../../src/domain/service-figures';
import { openTab } from './support/backoffice';
import { launchChromium, newPage, reportColorMode, requireChromiumAndBuild, screenshot, uiBuild } from './support/chromium';

jest.setTimeout(60_000);

let platform: LocalPlatform;
let browser: Browser;

const alice = { participant: { channel: 'slack' as const, tenantId: 'T1', userId: 'UALICE' }, name: 'Alice' };
/** A name anyone can give themselves in Slack: in a spreadsheet it would be a formula. */
const hostile = { participant: { channel: 'teams' as const, tenantId: 't1', userId: 'u-evil' }, name: '=HYPERLINK("https://evil.example","Click")' };

beforeAll(async () => {
  requireChromiumAndBuild(uiBuild('backoffice'));
  platform = await startLocalPlatform({ port: 0, dataDir: ':memory:', env: {} });
  browser = await launchChromium();
  const [, yesterday, today] = lastDays('UTC', Date.now(), 3) as [string, string, string];
  const figures = new KvsServiceFigures(kvs);
  const served = (operator: OperatorRef, waitMs: number): FigureEvent[] => [{ kind: 'asked' }, { kind: 'served', operator, waitMs }];
  await figures.record(LOCAL_PROJECT.id, yesterday, [...served(alice, 20_000), ...served(alice, 40_000), { kind: 'asked' }, { kind: 'abandoned' }]);
  await figures.record(LOCAL_PROJECT.id, today, [...served(hostile, 100_000), { kind: 'asked' }, { kind: 'timed-out' }]);
  await figures.record(LOCAL_PROJECT.id, today, [{ kind: 'rated', operator: alice, scale: 'five-stars', score: 4 }, { kind: 'ticket', operator: alice }]);
  await new KvsDeflectionCounters(kvs).record(LOCAL_PROJECT.id, today, 'solved');
}, 30_000);

afterAll(async () => {
  await browser?.close();
  await platform?.close();
});

async function openReports(options: { colorMode?: 'dark' } = {}) {
  const opened = await newPage(browser, { viewport: { width: 1280, height: 1000 }, acceptDownloads: true });
  if (options.colorMode) await reportColorMode(opened.page, options.colorMode);
  await opened.page.goto(`${platform.url}/pages/koji-backoffice/`);
  await opened.page.getByRole('heading', { name: 'Koji backoffice', level: 1 }).waitFor();
  await openTab(opened.page, 'Reports');
  await opened.page.getByRole('table', { name: 'Figures per day' }).waitFor();
  return opened;
}

describe('the Reports tab', () => {
  it('shows the last 7 days as charts and tables, and 30 days on asking', async () => {
    const { context, page, pageErrors } = await openReports();
    try {
      const conversations = page.getByRole('figure', { name: 'Conversations per day' });
      await conversations.locator('.recharts-bar-rectangle').first().waitFor();
      await page.getByRole('figure', { name: 'Wait time (seconds)' }).locator('.recharts-line').first().waitFor();
      await page.getByRole('figure', { name: 'Ratings' }).locator('svg').first().waitFor();

      const days = page.getByRole('table', { name: 'Figures per day' }).locator('tbody tr');
      await expect(days.count()).resolves.toBe(8);
      // Newest first; the totals last: 3 of 5 served, 1 abandoned, 1 timed out, 1 ticket, one 4-star rating, 1 solved.
      await expect(days.nth(0).locator('th, td').allTextContents()).resolves.toEqual([
        expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), '2', '1', '0', '1', '1', '1 min 45 s', '1 min 57 s', '–', '0', '1', '4', '1', '0', '1', '0', '0',
      ]);
      await expect(days.last().locator('th, td').allTextContents()).resolves.toEqual(['Total', '5', '3', '1', '1', '1', '38 s', '1 min 51 s', '–', '0', '1', '4', '1', '0', '1', '0', '0']);
      const operators = page.getByRole('table', { name: 'Figures per operator' }).locator('tbody tr');
      await expect(operators.locator('th').allTextContents()).resolves.toEqual(['Alice', hostile.name]);
      await expect(operators.first().locator('td').allTextContents()).resolves.toEqual(['Slack', '2', '1', '30 s', '42 s', '–', '0', '1', '4', '1']);
      await screenshot(page, '20-reports');

      await page.getByRole('button', { name: 'Last 30 days' }).click();
      await expect(page.getByRole('button', { name: 'Last 30 days' }).getAttribute('aria-pressed')).resolves.toBe('true');
      await page.getByRole('table', { name: 'Figures per day' }).waitFor();
      await expect(page.getByRole('table', { name: 'Figures per day' }).locator('tbody tr').count()).resolves.toBe(31);
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('downloads the same figures as CSV, with a name that would be a formula made inert', async () => {
    const { context, page } = await openReports();
    try {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
      expect(download.suggestedFilename()).toBe('koji-report-last-7-days.csv');
      const lines = readFileSync(await download.path(), 'utf8').split('\r\n');

      expect(lines[0]).toBe('Row,Day,Operator,Channel,Asked,Served,Abandoned,Timed out,Tickets,Wait median (s),Wait p90 (s),Handle median (s),Offers missed,Ratings,Average stars,Satisfied,KB answered,KB solved,KB escalated,KB no match');
      expect(lines).toHaveLength(1 + 7 + 1 + 2);
      expect(lines[8]).toMatch(/^total,\d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2},,,5,3,1,1,1,37\.5,111,,0,1,4,1,0,1,0,0$/);
      expect(lines[9]).toBe('operator,,Alice,slack,,2,,,1,30,42,,0,1,4,1,,,,');
      expect(lines[10]).toBe(`operator,,"'=HYPERLINK(""https://evil.example"",""Click"")",teams,,1,,,0,105,117,,0,0,,0,,,,`);
    } finally {
      await context.close();
    }
  });

  it('draws its charts in the dark theme Jira asks for', async () => {
    const { context, page, pageErrors } = await openReports({ colorMode: 'dark' });
    try {
      await expect(page.locator('html').getAttribute('data-color-mode')).resolves.toBe('dark');
      await page.getByRole('figure', { name: 'Conversations per day' }).locator('.recharts-bar-rectangle').first().waitFor();
      await screenshot(page, '21-reports-dark');
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
