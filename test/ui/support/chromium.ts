import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';

/**
 * What the browser tests share: Debian's Chromium driven by playwright-core, the built Custom UI
 * pages, screenshots in .artifacts/screenshots/, and pages opened the way each test opens them.
 */
const CHROMIUM = '/usr/bin/chromium';
const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
export const SCREENSHOTS = path.join(REPO_ROOT, '.artifacts', 'screenshots');

/** The built page of a Custom UI resource, as `npm run build:ui` writes it. */
export function uiBuild(resource: 'backoffice' | 'issue-panel'): string {
  return path.join(REPO_ROOT, 'static', resource, 'build', 'index.html');
}

/** Stops the test file early, saying what to install, when Chromium is missing; makes the screenshots folder. */
export function requireChromium(): void {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: install Debian's Chromium (apt-get update && apt-get install -y chromium) to run the browser test.`);
  }
  mkdirSync(SCREENSHOTS, { recursive: true });
}

/** Stops the test file early, saying what to install or run, when Chromium or the page's build is missing; makes the screenshots folder. */
export function requireChromiumAndBuild(build: string): void {
  requireChromium();
  if (!existsSync(build)) throw new Error(`${build} is missing: run \`npm run build:ui\` first (npm test does).`);
}

/** Headless Chromium, without the background traffic a first run makes. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

export interface Opened {
  readonly context: BrowserContext;
  readonly page: Page;
  /** The page's uncaught errors, as they happen. */
  readonly pageErrors: string[];
}

/** A page in a browser context of its own, with reduced motion, 10 s waits and its uncaught errors collected. */
export async function newPage(browser: Browser, options: BrowserContextOptions & { viewport: { width: number; height: number } }): Promise<Opened> {
  const context = await browser.newContext({ reducedMotion: 'reduce', ...options });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  return { context, page, pageErrors };
}

/** Jira tells the page its colour mode through the context; the local bridge always says light, so this rewrites what it says. */
export async function reportColorMode(page: Page, colorMode: 'dark'): Promise<void> {
  await page.route('**/__forge/bridge.js*', async (route) => {
    const response = await route.fetch();
    const body = (await response.text()).replace('"colorMode":"light"', `"colorMode":"${colorMode}"`);
    await route.fulfill({ response, body });
  });
}

/** A resolver called the way the page calls it, through the bridge Jira (here, the local platform) provides. */
export function invokeInPage(page: Page, functionKey: string, payload: Record<string, unknown>): Promise<{ ok: boolean; data?: unknown; error?: { code: string; message: string } }> {
  return page.evaluate(
    ([key, body]) => {
      const bridge = (globalThis as unknown as { __bridge: { callBridge(name: string, payload: unknown): Promise<unknown> } }).__bridge;
      return bridge.callBridge('invoke', { functionKey: key, payload: body }) as Promise<{ ok: boolean; data?: unknown; error?: { code: string; message: string } }>;
    },
    [functionKey, payload] as const,
  );
}
