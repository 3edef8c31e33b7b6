import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { LocalPlatform } from '../packages/forge-local/src/platform';
import { launchChromium } from './chromium';
import { startLocalPlatform } from './koji-app';
import { setUpSandboxes } from './sandbox-setup';

/**
 * `npm run screenshots`: the README's pictures, taken from the running local product in a real
 * browser, so they show what the code does today. A fresh in-memory platform, the sandboxes set up
 * through the backoffice's resolvers, one conversation on each channel, then each page in Chromium.
 */
export const DOCS_IMAGES = path.resolve(__dirname, '..', 'docs', 'images');

export interface Shot {
  readonly file: string;
  readonly path: string;
  /** Text the page must show before it is taken: proof it is the page the README says. */
  readonly waitFor: string;
}

const VIEWPORT = { width: 1280, height: 800 } as const;

/** One conversation on Slack (Bob and Alice) and one on Teams (Vic and Tom), up to a ticket on Slack. */
async function converse(platform: LocalPlatform): Promise<void> {
  const slack = platform.slack;
  const teams = platform.teams;
  if (!slack || !teams) throw new Error('The screenshots need the Slack and Teams sandboxes (unset SLACK_BOT_TOKEN and TEAMS_APP_ID).');
  await slack.sendAs('UALICE', '#on');
  await slack.sendAs('UBOB', 'My VPN drops every hour since this morning');
  await slack.sendAs('UBOB', 'operator');
  await slack.sendAs('UALICE', 'Sorry to hear that, Bob. Which VPN client version do you have?');
  await slack.sendAs('UBOB', '4.2.1 on Windows 11, and I am on the office Wi-Fi');
  await slack.sendAs('UALICE', '#create_ticket VPN drops every hour (client 4.2.1, Windows 11)');
  await teams.sendAs('tom', '#on');
  await teams.install('vic');
  await teams.sendAs('vic', 'operator');
  await teams.sendAs('vic', 'Hi, I cannot open the shared drive from Teams');
  await teams.sendAs('tom', 'Hi Vic, I can help. Is it the Finance drive or another one?');
  await platform.queue.drained();
  await slack.whenIdle();
  await teams.whenIdle();
}

export const SHOTS: readonly Shot[] = [
  { file: 'start-page.png', path: '/', waitFor: 'Sandbox chats' },
  { file: 'backoffice.png', path: '/pages/koji-backoffice/', waitFor: 'Alice Operator' },
  { file: 'conversation-slack.png', path: '/sandbox/slack?as=UALICE', waitFor: 'Which VPN client version' },
  { file: 'conversation-teams.png', path: '/sandbox/teams?as=tom', waitFor: 'Finance drive' },
  { file: 'ticket.png', path: '/jira/browse/SUP-1', waitFor: 'VPN drops every hour (client 4.2.1, Windows 11)' },
];

async function take(browser: Browser, baseUrl: string, shot: Shot, into: string): Promise<void> {
  const context = await browser.newContext({ viewport: VIEWPORT, reducedMotion: 'reduce' });
  try {
    const page: Page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${baseUrl}${shot.path}`);
    await page.getByText(shot.waitFor).first().waitFor();
    await page.screenshot({ path: path.join(into, shot.file) });
  } finally {
    await context.close();
  }
}

/** Silences some console methods until `restore()`. */
function muteConsole(methods: ReadonlyArray<'log' | 'info'>): { restore(): void } {
  const saved = methods.map((m) => [m, Reflect.get(console, m)] as const);
  for (const m of methods) Reflect.set(console, m, () => undefined);
  return { restore: () => saved.forEach(([m, fn]) => Reflect.set(console, m, fn)) };
}

/** Takes every shot into `into`; returns the files written. */
export async function makeScreenshots(into: string = DOCS_IMAGES, shots: readonly Shot[] = SHOTS): Promise<string[]> {
  mkdirSync(into, { recursive: true });
  // The app's JSON log lines are for operations, not for someone taking pictures.
  const quiet = muteConsole(['log', 'info']);
  const platform = await startLocalPlatform({ port: 0, dataDir: ':memory:' });
  let browser: Browser | undefined;
  try {
    await setUpSandboxes(platform);
    await converse(platform);
    ({ browser } = await launchChromium());
    for (const shot of shots) await take(browser, platform.url, shot, into);
    return shots.map((s) => path.join(into, s.file));
  } finally {
    await browser?.close();
    await platform.close();
    quiet.restore();
  }
}

if (require.main === module) {
  makeScreenshots(process.argv[2] ? path.resolve(process.argv[2]) : DOCS_IMAGES).then(
    (files) => console.error(`Wrote ${files.length} screenshots:\n${files.map((f) => `  ${path.relative(process.cwd(), f)}`).join('\n')}`),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
