import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { JIRA_CALLS, jiraCallFor } from '../../src/adapters/forge/jira-scopes';
import { loadAppManifest } from '../../packages/forge-local/src/app-manifest';

const SRC = path.resolve(__dirname, '..', '..', 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return file.endsWith(`${path.sep}local`) ? [] : sourceFiles(file);
    return /\.tsx?$/.test(name) ? [file] : [];
  });
}

/** Every `route\`…\`` template in the product's source, with each `${…}` standing for a sample value. */
function routeTemplates(): Array<{ file: string; template: string; path: string }> {
  return sourceFiles(SRC).flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(/route`([^`]*)`/g)].map((m) => {
      const template = m[1] ?? '';
      return { file: path.relative(SRC, file), template, path: template.replace(/\$\{[^}]*\}/g, 'X1') };
    }),
  );
}

/**
 * Forge's linter cannot see Jira calls whose routes are built in helpers, as this app's are,
 * so this spec is what catches a call whose scope the manifest would not grant: every route
 * the app builds is in the table the local platform enforces.
 */
describe('the table of the Jira calls the app makes', () => {
  it('should find the route templates the app builds (the scan itself works)', () => {
    expect(routeTemplates().length).toBeGreaterThanOrEqual(10);
  });

  it.each(routeTemplates().map((r) => [`${r.file}: ${r.template}`, r.path] as const))('should list %s', (_where, built) => {
    expect(JIRA_CALLS.some((call) => jiraCallFor(call.method, built) === call)).toBe(true);
  });

  it('should find every scope the listed calls need in manifest.yml', () => {
    const granted = loadAppManifest(path.resolve(SRC, '..', 'manifest.yml')).scopes;

    expect(JIRA_CALLS.filter((call) => !granted.has(call.scope)).map((call) => `${call.method} ${call.path}: ${call.scope}`)).toEqual([]);
  });

  it('should give every listed call one classic scope', () => {
    for (const call of JIRA_CALLS) expect(call.scope).toMatch(/^(read|write|manage):[a-z-]+$/);
  });
});
