/**
 * The manifest is validated offline with the same package the Forge CLI uses
 * (@forge/manifest, full validation), and cross-checked against src/index.ts, because a
 * handler that does not resolve only shows up at `forge deploy` otherwise.
 */
import { validate } from '@forge/manifest';
import type { ValidationError } from '@forge/manifest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { load } from 'js-yaml';

const repoRoot = path.resolve(__dirname, '..', '..');

/**
 * Validation warnings we accept on purpose. Every entry needs a reason, and an entry that
 * no longer matches any warning fails the test, so the list cannot go stale.
 */
const allowedWarnings: { message: RegExp; reason: string }[] = [];

interface ManifestFunction {
  key: string;
  handler: string;
  timeoutSeconds?: number;
}
interface Manifest {
  app: { runtime?: { name?: string } };
  modules: Record<string, unknown[]> & { function?: ManifestFunction[]; webtrigger?: { function?: string }[] };
}

function readManifest(): Manifest {
  return load(readFileSync(path.join(repoRoot, 'manifest.yml'), 'utf8')) as Manifest;
}

function describeIssue(issue: ValidationError): string {
  return `${issue.level} at line ${issue.line ?? '?'}: ${issue.message} (${issue.reference})`;
}

describe('manifest.yml', () => {
  it('passes full @forge/manifest validation with no unexpected warnings', async () => {
    const previousCwd = process.cwd();
    // Resource and handler paths in the manifest are resolved from the working directory.
    process.chdir(repoRoot);
    let result: Awaited<ReturnType<typeof validate>>;
    try {
      result = await validate(false, 'manifest.yml');
    } finally {
      process.chdir(previousCwd);
    }

    const issues = result.errors ?? [];
    const errors = issues.filter((issue) => issue.level !== 'warning');
    const warnings = issues.filter((issue) => issue.level === 'warning');
    const unexpectedWarnings = warnings.filter((w) => !allowedWarnings.some((a) => a.message.test(w.message)));
    const staleAllowances = allowedWarnings.filter((a) => !warnings.some((w) => a.message.test(w.message)));

    expect(errors.map(describeIssue)).toEqual([]);
    expect(unexpectedWarnings.map(describeIssue)).toEqual([]);
    expect(staleAllowances.map((a) => `${a.message.source} (${a.reason})`)).toEqual([]);
    expect(result.success).toBe(true);
  }, 30_000);

  it('names exactly the handlers that src/index.ts exports', () => {
    const functions = readManifest().modules.function ?? [];
    const handlerNames = functions.map((fn) => {
      const match = /^index\.([A-Za-z_$][\w$]*)$/.exec(fn.handler);
      if (!match?.[1]) throw new Error(`function ${fn.key}: handler ${fn.handler} is not index.<export>`);
      return match[1];
    });
    expect(handlerNames.length).toBeGreaterThan(0);

    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loads the module the way Forge does
    const entry = require(path.join(repoRoot, 'src', 'index.ts')) as Record<string, unknown>;
    const exported = Object.keys(entry).filter((name) => name !== '__esModule');

    for (const name of handlerNames) {
      expect({ name, type: typeof entry[name] }).toEqual({ name, type: 'function' });
    }
    expect([...exported].sort()).toEqual([...new Set(handlerNames)].sort());
  });

  it('keeps module references, web trigger timeouts and the runtime consistent', () => {
    const manifest = readManifest();
    expect(manifest.app.runtime?.name).toBe('nodejs22.x');

    const functions = manifest.modules.function ?? [];
    const functionKeys = new Set(functions.map((fn) => JSON.stringify(fn.key)));

    const references: { module: string; key: string; function: string }[] = [];
    for (const [moduleType, entries] of Object.entries(manifest.modules)) {
      if (moduleType === 'function') continue;
      for (const raw of entries) {
        const entry = raw as { key: string; function?: unknown; resolver?: { function?: unknown } };
        for (const ref of [entry.function, entry.resolver?.function]) {
          if (ref !== undefined) references.push({ module: moduleType, key: entry.key, function: JSON.stringify(ref) });
        }
      }
    }
    expect(references.length).toBeGreaterThan(0);
    expect(references.filter((ref) => !functionKeys.has(ref.function))).toEqual([]);

    // Forge rejects timeoutSeconds on functions behind a web trigger (they must answer fast).
    const webTriggerFunctions = new Set((manifest.modules.webtrigger ?? []).map((w) => w.function));
    const withTimeout = functions.filter((fn) => webTriggerFunctions.has(fn.key) && fn.timeoutSeconds !== undefined);
    expect(withTimeout.map((fn) => fn.key)).toEqual([]);
  });
});
