/**
 * Guards the layering rules in eslint.config.mjs: if a config change stops them from firing
 * on src/domain or src/app, this fails. Uses ESLint's Node API (lintText with probe file
 * paths that are never written) in a child process; see eslint-probe.mjs for why.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const repoRoot = path.resolve(__dirname, '..', '..');

interface Probe {
  name: string;
  file: string;
  code: string;
}
interface ProbeResult {
  filePath: string;
  ruleIds: (string | null)[];
  fatal: string[];
}

const forbiddenImports: [what: string, code: string][] = [
  ['a Forge SDK', "import kvs from '@forge/kvs';\nexport const store = kvs;\n"],
  ['a Forge SDK, type-only', "import type { WebTriggerRequest } from '@forge/api';\nexport type R = WebTriggerRequest;\n"],
  ['the Slack SDK', "import { WebClient } from '@slack/web-api';\nexport const c = WebClient;\n"],
  ['a Microsoft package', "import { Client } from '@microsoft/microsoft-graph-client';\nexport const c = Client;\n"],
  ['a Bot Framework package', "import { CloudAdapter } from 'botbuilder';\nexport const a = CloudAdapter;\n"],
  ['jose', "import { jwtVerify } from 'jose';\nexport const v = jwtVerify;\n"],
  ['better-sqlite3', "import Database from 'better-sqlite3';\nexport const d = Database;\n"],
  ['a node: built-in', "import { randomUUID } from 'node:crypto';\nexport const id = randomUUID;\n"],
  ['a bare built-in', "import { readFileSync } from 'fs';\nexport const read = readFileSync;\n"],
  ['src/adapters', "import { x } from '../adapters/slack/client';\nexport const y = x;\n"],
  ['src/adapters (folder index)', "import { x } from '../../adapters';\nexport const y = x;\n"],
  ['src/entry', "import { slackWebtrigger } from '../entry/slack-webtrigger';\nexport const y = slackWebtrigger;\n"],
  ['the local platform (old src/local)', "import { x } from '../local/main';\nexport const y = x;\n"],
  ['the local platform package', "import { startLocalPlatform } from '../../packages/forge-local/src/platform';\nexport const y = startLocalPlatform;\n"],
  ['the local platform package, by name', "import { startLocalPlatform } from '@koji/forge-local';\nexport const y = startLocalPlatform;\n"],
];

const wallClock: [what: string, code: string, rule: string][] = [
  ['Date.now()', 'export const now = (): number => Date.now();\n', 'no-restricted-properties'],
  ['new Date()', 'export const now = (): Date => new Date();\n', 'no-restricted-syntax'],
  ['Date()', 'export const now = (): string => Date();\n', 'no-restricted-syntax'],
];

const coreFiles = ['src/domain/__layering_probe__.ts', 'src/app/use-cases/__layering_probe__.ts'];
// Relative paths whose segments share a name with a Node built-in (domain, events) must stay allowed.
const allowedInCore = [
  "import { helper } from './helper';",
  "import { DomainError } from '../domain/errors';",
  "import { onEvent } from './events';",
  'export const at = (ms: number): Date => new Date(ms + helper);',
  'export const used = [DomainError, onEvent];',
  '',
].join('\n');
const adapterCode = "import kvs from '@forge/kvs';\nexport const store = kvs;\nexport const now = (): number => Date.now();\n";

const probes: Probe[] = [
  ...coreFiles.flatMap((file) => [
    ...forbiddenImports.map(([what, code]) => ({ name: `import ${what} @ ${file}`, file, code })),
    ...wallClock.map(([what, code]) => ({ name: `clock ${what} @ ${file}`, file, code })),
    { name: `allowed @ ${file}`, file, code: allowedInCore },
  ]),
  { name: 'adapter', file: 'src/adapters/__layering_probe__.ts', code: adapterCode },
  {
    name: 'local platform reaching the app',
    file: 'packages/forge-local/src/kvs/__layering_probe__.ts',
    code: "import { buildServices } from '../../../../src/composition';\nexport const b = buildServices;\n",
  },
  { name: 'local platform within itself', file: 'packages/forge-local/src/kvs/__layering_probe__.ts', code: "import { LocalKvs } from '../kvs/local-kvs';\nexport const k = LocalKvs;\n" },
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

describe.each(coreFiles)('layering rules for %s', (file) => {
  it.each(forbiddenImports)('reject importing %s', (what) => {
    expect(ruleIds(`import ${what} @ ${file}`)).toContain('no-restricted-imports');
  });

  it.each(wallClock)('reject reading the wall clock with %s', (what, _code, rule) => {
    expect(ruleIds(`clock ${what} @ ${file}`)).toContain(rule);
  });

  it('allow core-internal imports and dates built from a given instant', () => {
    expect(ruleIds(`allowed @ ${file}`)).toEqual([]);
  });
});

it('does not apply the core rules to src/adapters', () => {
  expect(ruleIds('adapter')).toEqual([]);
});

it('rejects an import of the app from the local platform package, and allows its own modules', () => {
  expect(ruleIds('local platform reaching the app')).toContain('no-restricted-imports');
  expect(ruleIds('local platform within itself')).toEqual([]);
});
