import { existsSync, mkdirSync, realpathSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';

/**
 * A headless Chromium for the browser specs and the screenshot script, on a machine that has only
 * Node and npm. Tried in this order, the first that starts wins:
 *   1. `KOJI_CHROMIUM`, a path someone chose;
 *   2. the system's Chromium (`/usr/bin/chromium`, Debian's package), when it is installed;
 *   3. the Chromium that the npm package `@sparticuz/chromium` carries, brotli-compressed, in its
 *      tarball, with the NSS and expat libraries it links and a few fonts: unpacked once into
 *      `node_modules/.cache/`, and started with those libraries first on its library path, so it
 *      needs of the machine only what every Linux has (libc, libm, libgcc). Nothing is downloaded
 *      from anywhere but the npm registry, at `npm ci`.
 * When none starts, one line says what was tried and why each failed.
 */
const REPO_ROOT = path.resolve(__dirname, '..');
const SYSTEM_CHROMIUM = '/usr/bin/chromium';
const PACKAGED = path.join(REPO_ROOT, 'node_modules', '@sparticuz', 'chromium');

/** Without the background-networking flags Chromium keeps calling Google's hosts, which this closed network refuses. */
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

interface Candidate {
  readonly source: string;
  /** The executable's path and what its environment needs, or why there is none. */
  readonly find: () => { readonly executable: string; readonly env?: Readonly<Record<string, string>> };
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

/** The packaged Chromium, unpacked: its executable, and what it needs in its environment. */
export interface PackagedChromium {
  readonly executable: string;
  /** Its own libraries first on the library path; its fonts for fontconfig. */
  readonly env: Readonly<Record<string, string>>;
  readonly libraries: string;
}

/**
 * Unpacks the package's Chromium once per package version (the binary, `al2023.tar.br`'s libraries,
 * `fonts.tar.br`'s fonts) into a folder of its own; a rename of the finished folder makes parallel
 * test workers safe.
 */
export function packagedChromium(packaged: string = PACKAGED): PackagedChromium {
  const manifest = path.join(packaged, 'package.json');
  if (!existsSync(manifest)) throw new Error('@sparticuz/chromium is not installed');
  const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
  const folder = path.join(REPO_ROOT, 'node_modules', '.cache', 'koji-chromium', `${version}-with-libraries`);
  if (!existsSync(folder)) {
    const partial = `${folder}.${process.pid}.partial`;
    rmSync(partial, { recursive: true, force: true });
    mkdirSync(partial, { recursive: true });
    const unpacked = (file: string) => brotliDecompressSync(readFileSync(path.join(packaged, 'bin', file)));
    writeFileSync(path.join(partial, 'chromium'), unpacked('chromium.br'), { mode: 0o755 });
    untar(unpacked('al2023.tar.br'), partial);
    untar(unpacked('fonts.tar.br'), partial);
    try {
      renameSync(partial, folder);
    } catch (error) {
      // Another worker finished first: use theirs.
      rmSync(partial, { recursive: true, force: true });
      if (!existsSync(folder)) throw error;
    }
  }
  // The package's fonts.conf names Lambda's folders; this one names ours, by its real path: the folder may have
  // been unpacked through another one (a git worktree whose node_modules links here, a checkout since moved), and a
  // file naming a folder that is gone leaves Chromium without fonts, drawing every text zero pixels high.
  const fontsConf = path.join(folder, 'koji-fonts.conf');
  const real = realpathSync(folder);
  const conf = `<?xml version="1.0"?>\n<fontconfig><dir>${path.join(real, 'fonts')}</dir><cachedir>${path.join(real, 'fonts-cache')}</cachedir></fontconfig>\n`;
  if (!existsSync(fontsConf) || readFileSync(fontsConf, 'utf8') !== conf) {
    // Written aside and renamed into place, so a parallel worker never reads half a file.
    const aside = `${fontsConf}.${process.pid}`;
    writeFileSync(aside, conf);
    renameSync(aside, fontsConf);
  }
  const libraries = path.join(folder, 'lib');
  const inherited = process.env['LD_LIBRARY_PATH'];
  return {
    executable: path.join(folder, 'chromium'),
    libraries,
    env: { LD_LIBRARY_PATH: inherited ? `${libraries}:${inherited}` : libraries, FONTCONFIG_FILE: fontsConf },
  };
}

/** Extracts a plain tar (files and folders, the only entries these archives hold) inside `into`. */
function untar(tar: Buffer, into: string): void {
  for (let at = 0; at + 512 <= tar.length; ) {
    const header = tar.subarray(at, at + 512);
    if (header.every((byte) => byte === 0)) break;
    const field = (from: number, length: number) => header.subarray(from, from + length).toString('utf8').split('\0')[0] ?? '';
    const prefix = field(345, 155);
    const name = prefix ? `${prefix}/${field(0, 100)}` : field(0, 100);
    const size = parseInt(field(124, 12).trim() || '0', 8);
    const type = field(156, 1) || '0';
    const target = path.resolve(into, name);
    if (!target.startsWith(`${path.resolve(into)}${path.sep}`)) throw new Error(`${name} would land outside the folder`);
    if (type === '5') mkdirSync(target, { recursive: true });
    else if (type === '0') {
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, tar.subarray(at + 512, at + 512 + size), { mode: parseInt(field(100, 8) || '644', 8) & 0o777 });
    }
    at += 512 + Math.ceil(size / 512) * 512;
  }
}

function candidates(env: NodeJS.ProcessEnv, places: ChromiumPlaces): Candidate[] {
  const chosen = env['KOJI_CHROMIUM'];
  return [
    ...(chosen ? [{ source: `KOJI_CHROMIUM=${chosen}`, find: () => ({ executable: chosen }) }] : []),
    { source: places.system, find: () => ({ executable: places.system }) },
    { source: '@sparticuz/chromium', find: () => packagedChromium(places.packaged) },
  ];
}

/** The first Chromium that starts, and where it came from. */
export async function launchChromium(env: NodeJS.ProcessEnv = process.env, places: ChromiumPlaces = PLACES): Promise<{ browser: Browser; source: string }> {
  const tried: string[] = [];
  for (const candidate of candidates(env, places)) {
    try {
      const { executable, env: needs } = candidate.find();
      if (!existsSync(executable)) throw new Error('not installed');
      const browser = await chromium.launch({ executablePath: executable, args: ARGS, ...(needs ? { env: { ...process.env, ...needs } } : {}) });
      return { browser, source: candidate.source };
    } catch (error) {
      const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
      tried.push(`${candidate.source}: ${reason.slice(0, 160)}`);
    }
  }
  throw new NoChromiumError(tried);
}
