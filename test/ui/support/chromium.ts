import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { launchChromium as startChromium } from '../../../dev/chromium';

/**
 * What the browser tests share: a headless Chromium driven by playwright-core (the system's, or the
 * one an npm package ships: dev/chromium.ts), the built Custom UI pages, screenshots in
 * .artifacts/screenshots/, and pages opened the way each test opens them.
 */
const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
export const SCREENSHOTS = path.join(REPO_ROOT, '.artifacts', 'screenshots');

/** The built page of a Custom UI resource, as `npm run build:ui` writes it. */
export function uiBuild(resource: 'backoffice' | 'issue-panel'): string {
  return path.join(REPO_ROOT, 'static', resource, 'build', 'index.html');
}

/** Makes the screenshots folder. Chromium itself is found, or refused in one line, when launchChromium starts it. */
export function requireScreenshots(): void {
  mkdirSync(SCREENSHOTS, { recursive: true });
}

/** Stops the test file early, saying what to run, when the page's build is missing; makes the screenshots folder. */
export function requireChromiumAndBuild(build: string): void {
  if (!existsSync(build)) throw new Error(`${build} is missing: run \`npm run build:ui\` first (npm test does).`);
  requireScreenshots();
}

/** Headless Chromium, without the background traffic a first run makes; fails with one line when none starts. */
export async function launchChromium(): Promise<Browser> {
  return (await startChromium()).browser;
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
