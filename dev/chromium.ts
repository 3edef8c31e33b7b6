import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';

/**
 * A headless Chromium for the browser specs and the screenshot script, on a machine that has only
 * Node and npm. Tried in this order, the first that starts wins:
 *   1. `KOJI_CHROMIUM`, a path someone chose;
 *   2. the system's Chromium (`/usr/bin/chromium`, Debian's package), when it is installed;
 *   3. the Chromium that the npm package `@sparticuz/chromium` carries, brotli-compressed, in its
 *      tarball: unpacked once into `node_modules/.cache/`. It links only libc, libgcc and libexpat,
 *      which every Debian has. Nothing is downloaded from anywhere but the npm registry, at `npm ci`.
 * When none starts, one line says what was tried and why each failed.
 */
const REPO_ROOT = path.resolve(__dirname, '..');
const SYSTEM_CHROMIUM = '/usr/bin/chromium';
const PACKAGED = path.join(REPO_ROOT, 'node_modules', '@sparticuz', 'chromium');

/** Without the background-networking flags Chromium keeps calling Google's hosts, which this closed network refuses. */
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

interface Candidate {
  readonly source: string;
  /** The executable's path, or why there is none. */
  readonly path: () => string;
}

export class NoChromiumError extends Error {
  constructor(tried: readonly string[]) {
    super(`No Chromium could start (tried ${tried.join('; ')}): run \`npm ci\` (it installs @sparticuz/chromium), install Debian's chromium, or set KOJI_CHROMIUM to a Chromium binary.`);
    this.name = 'NoChromiumError';
  }
}

/** Where to look; a spec points these elsewhere to play a machine without them. */
export interface ChromiumPlaces {
  readonly system: string;
  /** The installed `@sparticuz/chromium` package folder. */
  readonly packaged: string;
}

const PLACES: ChromiumPlaces = { system: SYSTEM_CHROMIUM, packaged: PACKAGED };

/** The packaged Chromium, unpacked once per package version; a rename makes parallel test workers safe. */
export function packagedChromium(packaged: string = PACKAGED): string {
  const manifest = path.join(packaged, 'package.json');
  if (!existsSync(manifest)) throw new Error('@sparticuz/chromium is not installed');
  const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
  const target = path.join(REPO_ROOT, 'node_modules', '.cache', 'koji-chromium', version, 'chromium');
  if (existsSync(target)) return target;
  mkdirSync(path.dirname(target), { recursive: true });
  const partial = `${target}.${process.pid}.partial`;
  writeFileSync(partial, brotliDecompressSync(readFileSync(path.join(packaged, 'bin', 'chromium.br'))), { mode: 0o755 });
  renameSync(partial, target);
  return target;
}

function candidates(env: NodeJS.ProcessEnv, places: ChromiumPlaces): Candidate[] {
  const chosen = env['KOJI_CHROMIUM'];
  return [
    ...(chosen ? [{ source: `KOJI_CHROMIUM=${chosen}`, path: () => chosen }] : []),
    { source: places.system, path: () => places.system },
    { source: '@sparticuz/chromium', path: () => packagedChromium(places.packaged) },
  ];
}

/** The first Chromium that starts, and where it came from. */
export async function launchChromium(env: NodeJS.ProcessEnv = process.env, places: ChromiumPlaces = PLACES): Promise<{ browser: Browser; source: string }> {
  const tried: string[] = [];
  for (const candidate of candidates(env, places)) {
    try {
      const executablePath = candidate.path();
      if (!existsSync(executablePath)) throw new Error('not installed');
      return { browser: await chromium.launch({ executablePath, args: ARGS }), source: candidate.source };
    } catch (error) {
      const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
      tried.push(`${candidate.source}: ${reason.slice(0, 160)}`);
    }
  }
  throw new NoChromiumError(tried);
}
