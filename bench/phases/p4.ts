import { spawnSync } from 'node:child_process';
import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { fmt, median, type Progress, type Row } from '../lib/report';

/**
 * P4: the app bundled for production as Forge bundles it (esbuild: entry
 * src/index.ts, platform node, bundled, minified, CommonJS, node22), its size,
 * and how long a fresh `node` takes to require it without the Forge globals
 * (median of 5; the require alone, and the whole process).
 */
export interface P4Result {
  readonly bundle: string;
  readonly bytes: number;
  /** Bytes in the bundle by package (the app's own code as `src`). */
  readonly byPackage: Record<string, number>;
  readonly requireMs: number[];
  readonly processMs: number[];
  readonly exports: string[];
}

const ROOT = path.resolve(__dirname, '..', '..');

export async function runP4(options: { readonly outDir: string; readonly progress: Progress }): Promise<P4Result> {
  options.progress.update('P4: bundling src/index.ts with esbuild');
  mkdirSync(options.outDir, { recursive: true });
  const outfile = path.join(options.outDir, 'index.js');
  const result = await build({
    entryPoints: [path.join(ROOT, 'src', 'index.ts')],
    platform: 'node',
    bundle: true,
    minify: true,
    format: 'cjs',
    target: 'node22',
    outfile,
    metafile: true,
    logLevel: 'silent',
  });
  const output = Object.values(result.metafile.outputs)[0];
  const byPackage: Record<string, number> = {};
  for (const [input, { bytesInOutput }] of Object.entries(output?.inputs ?? {})) {
    const key = packageOf(input);
    byPackage[key] = (byPackage[key] ?? 0) + bytesInOutput;
  }
  const requireMs: number[] = [];
  const processMs: number[] = [];
  let exports: string[] = [];
  const probe = `const t=process.hrtime.bigint();const m=require(${JSON.stringify(outfile)});const ms=Number(process.hrtime.bigint()-t)/1e6;process.stdout.write(JSON.stringify({ms,exports:Object.keys(m)}))`;
  for (let i = 0; i < 5; i += 1) {
    options.progress.update(`P4: cold import ${i + 1} of 5`);
    const started = performance.now();
    // A clean environment: no Forge globals, no tsx, nothing preloaded.
    const child = spawnSync(process.execPath, ['-e', probe], { encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '' }, cwd: options.outDir });
    processMs.push(performance.now() - started);
    if (child.status !== 0) throw new Error(`The bundle does not import without the Forge globals: ${child.stderr}`);
    const parsed = JSON.parse(child.stdout) as { ms: number; exports: string[] };
    requireMs.push(parsed.ms);
    exports = parsed.exports;
  }
  return { bundle: path.relative(ROOT, outfile), bytes: statSync(outfile).size, byPackage, requireMs, processMs, exports };
}

function packageOf(input: string): string {
  const at = input.lastIndexOf('node_modules/');
  if (at < 0) return input.startsWith('src/') ? 'src' : input;
  const rest = input.slice(at + 'node_modules/'.length).split('/');
  return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
}

export function p4Rows(r: P4Result): Row[] {
  const top = Object.entries(r.byPackage)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 4)
    .map(([name, bytes]) => `${name} ${fmt.bytes(bytes)}`)
    .join(', ');
  const kb = r.bytes / 1024;
  const requireMs = median(r.requireMs);
  return [
    {
      figure: 'P4',
      what: 'production bundle (esbuild, minified, cjs, node22)',
      measured: `${kb.toFixed(1)} KB (${top})`,
      target: '≤ 500 KB',
      verdict: kb <= 500 ? 'met' : 'missed',
      note: kb <= 500 ? undefined : `${(kb - 500).toFixed(0)} KB over`,
    },
    {
      figure: 'P4',
      what: 'cold import in a fresh node, no Forge globals',
      measured: `require ${fmt.ms(requireMs)} (median of 5) · whole process ${fmt.ms(median(r.processMs))}`,
      target: '≤ 100 ms',
      verdict: requireMs <= 100 ? 'met' : 'missed',
      note: requireMs <= 100 ? undefined : `${fmt.ms(requireMs - 100)} over`,
    },
  ];
}
