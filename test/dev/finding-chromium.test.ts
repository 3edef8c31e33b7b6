import path from 'node:path';
import { launchChromium, NoChromiumError, packagedChromium } from '../../dev/chromium';

/**
 * `npm test` on a machine with only Node and npm: the browser specs need a Chromium, and the one the
 * npm package @sparticuz/chromium ships is there after `npm ci` whether or not the system has one.
 */
const REPO_ROOT = path.resolve(__dirname, '..', '..');
const PACKAGED = path.join(REPO_ROOT, 'node_modules', '@sparticuz', 'chromium');
const NO_SYSTEM = { system: '/nonexistent/chromium', packaged: PACKAGED };

async function textShownBy(browser: Awaited<ReturnType<typeof launchChromium>>['browser']): Promise<string | null> {
  try {
    const page = await browser.newPage();
    await page.setContent('<p id="said">Hello from a machine with only Node and npm</p>');
    return await page.textContent('#said');
  } finally {
    await browser.close();
  }
}

describe('finding a Chromium for the browser specs', () => {
  it('should start the Chromium the npm package ships when the system has none', async () => {
    const { browser, source } = await launchChromium({}, NO_SYSTEM);
    expect(source).toBe('@sparticuz/chromium');
    expect(await textShownBy(browser)).toBe('Hello from a machine with only Node and npm');
  }, 60_000);

  it('should start the one KOJI_CHROMIUM names before looking anywhere else', async () => {
    const chosen = packagedChromium(PACKAGED);
    const { browser, source } = await launchChromium({ KOJI_CHROMIUM: chosen }, NO_SYSTEM);
    expect(source).toBe(`KOJI_CHROMIUM=${chosen}`);
    expect(await textShownBy(browser)).toBe('Hello from a machine with only Node and npm');
  }, 60_000);

  it('should fail with one line naming every place it tried when none starts', async () => {
    const failure = launchChromium({ KOJI_CHROMIUM: '/bin/false' }, { system: '/nonexistent/chromium', packaged: '/nonexistent/package' });
    await expect(failure).rejects.toBeInstanceOf(NoChromiumError);
    const message = await failure.then(
      () => '',
      (error: Error) => error.message,
    );
    expect(message.split('\n')).toHaveLength(1);
    expect(message).toContain('KOJI_CHROMIUM=/bin/false: ');
    expect(message).toContain('/nonexistent/chromium: not installed');
    expect(message).toContain('@sparticuz/chromium: @sparticuz/chromium is not installed');
    expect(message).toContain('npm ci');
  }, 60_000);
});
