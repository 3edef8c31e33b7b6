import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

/** The shared libraries the loader would load for `executable` with `env`, by name: where each resolves. */
function librariesOf(executable: string, env: Readonly<Record<string, string>>): Map<string, string> {
  const listed = execFileSync('ldd', [executable], { env: { ...process.env, ...env }, encoding: 'utf8' });
  const resolved = new Map<string, string>();
  for (const line of listed.split('\n')) {
    const match = /^\s*(\S+)(?: => (.+?))?(?: \(0x[0-9a-f]+\))?$/.exec(line);
    if (match?.[1]) resolved.set(path.basename(match[1]), match[2] ?? match[1]);
  }
  return resolved;
}

/** What every Linux with a C library has: the packaged Chromium may take these from the machine, nothing else. */
const EVERY_LINUX_HAS = ['linux-vdso.so.1', 'libc.so.6', 'libm.so.6', 'libdl.so.2', 'libpthread.so.0', 'librt.so.1', 'libgcc_s.so.1', 'ld-linux-x86-64.so.2'];

describe('finding a Chromium for the browser specs', () => {
  it('should run the packaged Chromium on its own NSS and expat libraries, needing of the machine only its C library', () => {
    const packaged = packagedChromium(PACKAGED);

    const libraries = librariesOf(packaged.executable, packaged.env);

    expect([...libraries.values()].filter((where) => where.includes('not found'))).toEqual([]);
    for (const own of ['libnss3.so', 'libnssutil3.so', 'libnspr4.so', 'libexpat.so.1']) expect(libraries.get(own)).toBe(path.join(packaged.libraries, own));
    const fromTheMachine = [...libraries].filter(([, where]) => !where.startsWith(packaged.libraries)).map(([name]) => name);
    expect(fromTheMachine.filter((name) => !EVERY_LINUX_HAS.includes(name))).toEqual([]);
  });

  it('should start the Chromium the npm package ships when the system has none', async () => {
    const { browser, source } = await launchChromium({}, NO_SYSTEM);
    expect(source).toBe('@sparticuz/chromium');
    expect(await textShownBy(browser)).toBe('Hello from a machine with only Node and npm');
  }, 60_000);

  it('should draw text with its fonts even when the unpacked folder was first reached through a path that is gone', async () => {
    // As when a git worktree whose node_modules links to this one unpacked it, and the worktree was then removed.
    const { env } = packagedChromium(PACKAGED);
    writeFileSync(env['FONTCONFIG_FILE']!, '<?xml version="1.0"?>\n<fontconfig><dir>/gone/fonts</dir><cachedir>/gone/fonts-cache</cachedir></fontconfig>\n');

    const { browser } = await launchChromium(process.env, NO_SYSTEM);
    try {
      const page = await browser.newPage();
      await page.setContent('<h1 id="said" style="font-family: sans-serif">Koji backoffice</h1>');
      const box = await page.locator('#said').boundingBox();
      expect(box?.height).toBeGreaterThan(10);
      expect(readFileSync(env['FONTCONFIG_FILE']!, 'utf8')).toContain(`<dir>${realpathSync(path.dirname(env['FONTCONFIG_FILE']!))}/fonts</dir>`);
    } finally {
      await browser.close();
    }
  });

  it('should start the one KOJI_CHROMIUM names before looking anywhere else', async () => {
    // A wrapper, as someone would write one for a Chromium that needs its own library path.
    const packaged = packagedChromium(PACKAGED);
    const chosen = path.join(mkdtempSync(path.join(tmpdir(), 'koji-chromium-')), 'chromium');
    writeFileSync(chosen, `#!/bin/sh\nLD_LIBRARY_PATH='${packaged.libraries}' exec '${packaged.executable}' "$@"\n`);
    chmodSync(chosen, 0o755);
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
