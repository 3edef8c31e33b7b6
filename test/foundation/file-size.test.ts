/**
 * Guards the size limits in eslint.config.mjs (issue 15): a page component stays under 120 lines
 * and a product module under 300, so that `npm run lint` keeps them small from now on. Uses the
 * same ESLint probe as layering.test.ts (probe files are never written).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const repoRoot = path.resolve(__dirname, '..', '..');

interface ProbeResult {
  filePath: string;
  ruleIds: (string | null)[];
  fatal: string[];
}

/** A module of exactly `lines` lines (the last one ends with a newline). */
const moduleOf = (lines: number): string => Array.from({ length: lines }, (_, i) => `export const line${i} = ${i};\n`).join('');

const probes = [
  { name: 'backoffice component at the limit', file: 'static/backoffice/src/__size_probe__.tsx', code: moduleOf(120) },
  { name: 'backoffice component over the limit', file: 'static/backoffice/src/__size_probe__.tsx', code: moduleOf(121) },
  { name: 'issue panel component over the limit', file: 'static/issue-panel/src/__size_probe__.tsx', code: moduleOf(121) },
  { name: 'product module at the limit', file: 'src/app/__size_probe__.ts', code: moduleOf(300) },
  { name: 'product module over the limit', file: 'src/app/__size_probe__.ts', code: moduleOf(301) },
  { name: 'adapter module over the limit', file: 'src/adapters/slack/__size_probe__.ts', code: moduleOf(301) },
];

let results: Map<string, ProbeResult>;

beforeAll(() => {
  const input = probes.map((p) => ({ filePath: path.join(repoRoot, p.file), code: p.code }));
  const run = spawnSync(process.execPath, [path.join(__dirname, 'eslint-probe.mjs')], {
    cwd: repoRoot,
    input: JSON.stringify(input),
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (run.status !== 0) throw new Error(`eslint-probe.mjs failed (${run.status}): ${run.stderr}`);
  const parsed = JSON.parse(run.stdout) as ProbeResult[];
  results = new Map(probes.map((p, i) => [p.name, parsed[i]!]));
}, 60_000);

function ruleIds(name: string): (string | null)[] {
  const result = results.get(name);
  if (!result) throw new Error(`no result for probe ${name}`);
  expect(result.fatal).toEqual([]);
  return result.ruleIds;
}

it('should accept a page component of 120 lines', () => {
  expect(ruleIds('backoffice component at the limit')).not.toContain('max-lines');
});

it.each(['backoffice component over the limit', 'issue panel component over the limit'])('should reject a %s (121 lines)', (name) => {
  expect(ruleIds(name)).toContain('max-lines');
});

it('should accept a product module of 300 lines', () => {
  expect(ruleIds('product module at the limit')).not.toContain('max-lines');
});

it.each(['product module over the limit', 'adapter module over the limit'])('should reject a %s (301 lines)', (name) => {
  expect(ruleIds(name)).toContain('max-lines');
});
